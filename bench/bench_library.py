"""指标库: building a library from many tables and searching it, beside floors measured in the same run.

Usage: python bench/bench_library.py [COUNT ...]   (default: 1000 5000)
The corpus is bench/corpus.py's (the demo tables renamed and renumbered); half of the 产出 indicator
names get one of 50 qualifiers ('社区安全宣传活动次数'), so that merging has real work to do.
Floors: normalising every indicator name once (build), a substring scan of every name (search).
CPU seconds, best of three.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

QUALIFIERS = [a + b for a in ("社区", "农村", "校园", "企业", "网络", "交通", "消防", "禁毒", "防汛", "环保")
              for b in ("安全", "治理", "普法", "服务", "宣传")]  # fmt: skip
QUERIES = ["宣传活动", "满意度", "xchd", "及时率 补助", "预算执行率", "培训", "单价", "法律咨询", "覆盖率", "yszxl"]


def _tables(count: int):
    import corpus

    from jixiao.core.published import read_published

    tables = read_published(corpus.generate(count), file="corpus").tables
    rng = random.Random(count)
    for table in tables:
        for indicator in table.indicators:
            if indicator.category in ("quantity", "quality", "timeliness") and rng.random() < 0.5:
                indicator.name = rng.choice(QUALIFIERS) + indicator.name
    return tables


def _best(run, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    from jixiao.core.library import build_library
    from jixiao.core.library.coreset import core_set
    from jixiao.core.library.search import search
    from jixiao.core.library.text import head_word, normalise_name

    counts = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    print(f"{'tables':>7} {'indicators':>10} {'names':>6} {'entries':>7} {'floor s':>8} {'build s':>8}"
          f" {'search floor ms':>15} {'search ms':>9}")  # fmt: skip
    for count in counts:
        tables = _tables(count)
        names = [i.name for t in tables for i in t.indicators]
        floor, _ = _best(lambda: [head_word(normalise_name(n)) for n in names], repeat=1)
        head_word.cache_clear()
        seconds, (library, _) = _best(lambda: build_library(tables, base=core_set()), repeat=1)
        all_names = [n for e in library for n in e.names]
        search_floor, _ = _best(lambda: [[n for n in all_names if q in n] for q in QUERIES])
        search_seconds, _ = _best(lambda: [search(library, q) for q in QUERIES])
        print(
            f"{len(tables):>7} {len(names):>10} {len(set(names)):>6} {len(library):>7} {floor:>8.2f} {seconds:>8.2f}"
            f" {search_floor * 1000 / len(QUERIES):>15.2f} {search_seconds * 1000 / len(QUERIES):>9.1f}"
        )


if __name__ == "__main__":
    main()

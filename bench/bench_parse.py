"""Parse throughput and peak memory of the published-text reader, beside the read-and-split floor.

Usage: python bench/bench_parse.py [COUNT ...]   (default: 1000 20000)
Each measurement runs in a fresh process so that its peak RSS is its own, and reports the best of
three passes over the file in CPU time.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

OUT = Path(__file__).parent / "out"


def measure(mode: str, path: str, repeat: int = 3) -> dict:
    """Best of ``repeat`` passes over the file (CPU time of this process: steadier on a shared machine)."""
    from jixiao.core.published import iter_tables, split_line

    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        tables = indicators = 0
        with open(path, encoding="utf-8") as f:
            if mode == "floor":
                for line in f:
                    cells = split_line(line)
                    if cells[0] == "项目绩效目标表":
                        tables += 1
            else:
                for table in iter_tables(f, file=path):
                    tables += 1
                    indicators += len(table.indicators)
        best = min(best, time.process_time() - start)
    return {"tables": tables, "indicators": indicators, "seconds": best, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak across exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import corpus

    counts = [int(a) for a in sys.argv[1:]] or [1000, 20000]
    print(f"{'corpus':>8} {'MB':>6} {'mode':>6} {'tables/s':>10} {'MB/s':>7} {'peak RSS MB':>11} {'indicators':>10}"
          f" {'× floor':>8}")
    for count in counts:
        path = corpus.write(OUT / f"corpus-{count}.txt", count)
        size_mb = path.stat().st_size / 1e6
        floor = None
        for mode in ("floor", "parse"):
            result = json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--measure", mode, str(path)], capture_output=True, text=True, check=True
                ).stdout
            )
            rate = result["tables"] / result["seconds"]
            floor = floor or rate
            print(
                f"{count:>8} {size_mb:>6.1f} {mode:>6} {rate:>10,.0f} {size_mb / result['seconds']:>7.1f}"
                f" {result['peak_rss_mb']:>11.1f} {result['indicators'] or '':>10} {rate / floor:>8.2f}"
            )


def corpus_figure() -> None:
    """The real corpus beside the speed: how much of it the readers read exactly."""
    import reading_corpus

    start = time.perf_counter()
    scores = reading_corpus.run()
    counted = [s for s in scores if not s.unreadable]
    exact, total = sum(s.exact for s in counted), sum(s.expected for s in counted)
    print(f"\nreal corpus: {exact}/{total} = {exact / total:.1%} of expected indicators read exactly "
          f"in {len(counted)} documents ({time.perf_counter() - start:.2f} s); per fixture: python bench/reading_corpus.py")
    print(reading_corpus.readme_table(scores))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    else:
        main()
        corpus_figure()

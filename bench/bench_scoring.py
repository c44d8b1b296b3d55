"""Self-evaluation scoring throughput: a generated year of target tables with actuals, scored by
the core (parsing each actual as entered, weights, formulas, explanations, totals and grades).

Usage: python bench/bench_scoring.py [TABLES]   (default 100000)
The tables are the twelve demo tables with deterministic random actuals (seed 2024): numeric
actuals between 50 % and 130 % of target (caps between 80 % and 220 %), completion dates around
the deadline, qualitative ratings, budget execution between 60 % and 105 %. Prints numbers only.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta
from decimal import Decimal

from jixiao.core.io import read_document
from jixiao.core.scoring import DEFAULT_CONFIG, Execution, IndicatorInput, allocate_weights, evaluate_table, parse_rating
from jixiao.demo import DEMO_DOCUMENT

CHUNK = 5000
RATINGS = ("达成", "部分达成", "未达成")


def rated(weight: Decimal, rng: random.Random) -> IndicatorInput:
    """A rating with its 评价得分 (the top of its band): a rating alone is not scored."""
    rating = rng.choice(RATINGS)
    return IndicatorInput(rating=rating, rating_score=DEFAULT_CONFIG.tier(parse_rating(rating)).top_score(weight))


def actual_for(target, weight: Decimal, rng: random.Random) -> IndicatorInput:
    if target is None or target.kind in ("qualitative", "composite"):
        return rated(weight, rng)
    if target.kind == "deadline":
        if target.deadline is None:
            return rated(weight, rng)
        done = target.deadline + timedelta(days=rng.randint(-60, 20))
        return IndicatorInput(actual=f"{done.year}年{done.month}月{done.day}日完成")
    low, high = (80, 220) if target.direction == "lower" else (50, 130)
    value = (target.value or Decimal(1)) * rng.randint(low, high) / 100
    return IndicatorInput(actual=f"{value.quantize(Decimal('0.01'))}{target.unit or ''}")


def generate(tables, rng: random.Random, count: int):
    weights = {id(t): allocate_weights(t.indicators) for t in tables}
    for _ in range(count):
        table = rng.choice(tables)
        inputs = [actual_for(i.annual_target or i.period_target, w, rng)
                  for i, w in zip(table.indicators, weights[id(table)])]
        budget = table.budget or Decimal(100000)
        yield table, inputs, Execution(budget, budget, budget * rng.randint(60, 105) / 100)


def explain_rate(tables, count: int) -> float:
    """Indicators per CPU second when each result's Chinese explanation is also produced."""
    batch = list(generate(tables, random.Random(2024), count))
    start = time.process_time()
    n = 0
    for table, inputs, execution in batch:
        result = evaluate_table(table, inputs, execution)
        n += sum(len(r.explanation) > 0 for r in result.indicators)
    return n / (time.process_time() - start)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    tables = [t for t in read_document(DEMO_DOCUMENT).tables if t.indicators]
    rng = random.Random(2024)
    scored = indicators = 0
    elapsed = generating = 0.0
    grades: dict[str, int] = {}
    checksum = Decimal(0)
    while scored < count:
        start = time.perf_counter()
        batch = list(generate(tables, rng, min(CHUNK, count - scored)))
        generating += time.perf_counter() - start
        start = time.process_time()  # CPU time: steadier while other work shares the machine
        for table, inputs, execution in batch:
            result = evaluate_table(table, inputs, execution)
            indicators += len(result.indicators)
            grades[result.grade] = grades.get(result.grade, 0) + 1
            checksum += result.total
        elapsed += time.process_time() - start
        scored += len(batch)
    explained = explain_rate(tables, min(count, 10_000))
    print(f"tables scored:          {scored}")
    print(f"indicators scored:      {indicators}")
    print(f"scoring time (CPU):     {elapsed:.2f} s (generating the actuals: {generating:.2f} s, not counted)")
    print(f"indicators per second:  {indicators / elapsed:,.0f} (aim ≥ 100,000)")
    print(f"tables per second:      {scored / elapsed:,.0f}")
    print(f"with every explanation written out (as `jixiao evaluate` and the 自评表 page do), "
          f"first {min(count, 10_000)} tables: {explained:,.0f} indicators per second")
    print(f"grades:                 {dict(sorted(grades.items()))}")
    print(f"sum of totals:          {checksum} (same seed → same number)")


if __name__ == "__main__":
    main()

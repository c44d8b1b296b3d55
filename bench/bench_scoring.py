"""Self-evaluation scoring throughput: a generated year of target tables with actuals, scored by
the core (parsing each actual as entered, weights, formulas, explanations, totals and grades).

Usage: python bench/bench_scoring.py [TABLES]   (default 100000)
The tables are the twelve demo tables with deterministic random actuals (seed 2024): numeric
actuals between 50 % and 130 % of target (caps between 80 % and 220 %), completion dates around
the deadline, qualitative ratings, budget execution between 60 % and 105 %. Prints numbers only.
Indicator results are built when first read (IndicatorResults): the headline reads the totals and
grades; two more figures read every indicator's result, and its explanation.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal

from jixiao.core.io import read_document
from jixiao.core.targets import parse_target
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


def floor_rate(batch) -> float:
    """Indicators per CPU second of a bare Decimal loop doing the same arithmetic: the target, the
    actual and the 分值 already numbers (parsed before the clock), score = min(a ÷ t, 1) × w (or the
    rating's score), rounded and summed per table with the budget share. The floor of this machine."""
    from decimal import ROUND_HALF_UP

    from jixiao.core.scoring import target_of

    cent, one = Decimal("0.01"), Decimal(1)
    rows = []
    for table, inputs, execution in batch:
        weights = allocate_weights(table.indicators)
        items = []
        for ind, given, w in zip(table.indicators, inputs, weights):
            target = target_of(ind)
            actual = (parse_target(given.actual, ind.category) if isinstance(given.actual, str) else None)
            if target is not None and target.kind == "numeric" and target.value and actual is not None \
                    and actual.value is not None:
                items.append((actual.value, target.value, w, None))
            else:
                items.append((None, None, w, given.rating_score or Decimal(0)))
        rows.append((items, execution.spent / execution.budget_full_year))
    start = time.process_time()
    n = 0
    for items, rate in rows:
        total = Decimal(10) * min(rate, one)
        for a, t, w, fixed in items:
            total += fixed if a is None else (min(a / t, one) * w).quantize(cent, rounding=ROUND_HALF_UP)
            n += 1
        total.quantize(cent, rounding=ROUND_HALF_UP)
    return n / (time.process_time() - start)


def read_rate(tables, count: int, explained: bool) -> float:
    """Indicators per CPU second when each indicator's result is also read (its score and status;
    with ``explained`` its Chinese explanation too): results are built when first read."""
    batch = list(generate(tables, random.Random(2024), count))
    start = time.process_time()
    n = 0
    for table, inputs, execution in batch:
        result = evaluate_table(table, inputs, execution)
        if explained:
            n += sum(len(r.explanation) > 0 for r in result.indicators)
        else:
            n += sum(r.score >= 0 and r.status != "" for r in result.indicators)
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
        gc.freeze()  # the generated inputs live through the run: the collector need not scan them
        generating += time.perf_counter() - start
        start = time.process_time()  # CPU time: steadier while other work shares the machine
        for table, inputs, execution in batch:
            result = evaluate_table(table, inputs, execution)
            indicators += len(result.indicators)
            grades[result.grade] = grades.get(result.grade, 0) + 1
            checksum += result.total
        elapsed += time.process_time() - start
        scored += len(batch)
        del batch
        gc.unfreeze()
    read = read_rate(tables, min(count, 10_000), explained=False)
    explained = read_rate(tables, min(count, 10_000), explained=True)
    floor = floor_rate(list(generate(tables, random.Random(2024), min(count, 10_000))))
    print(f"tables scored:          {scored}")
    print(f"indicators scored:      {indicators}")
    print(f"scoring time (CPU):     {elapsed:.2f} s (generating the actuals: {generating:.2f} s, not counted)")
    print(f"indicators per second:  {indicators / elapsed:,.0f} (aim ≥ 300,000)")
    print(f"floor, bare Decimal loop of the same arithmetic (first {min(count, 10_000)} tables): {floor:,.0f} "
          f"indicators per second; scoring = {indicators / elapsed / floor:.2f} × the floor")
    print(f"tables per second:      {scored / elapsed:,.0f}")
    print(f"with every indicator's result read (score, status), first {min(count, 10_000)} tables: "
          f"{read:,.0f} indicators per second")
    print(f"with every explanation written out (as `jixiao evaluate` and the 自评表 page do), "
          f"first {min(count, 10_000)} tables: {explained:,.0f} indicators per second")
    print(f"grades:                 {dict(sorted(grades.items()))}")
    print(f"sum of totals:          {checksum} (same seed → same number)")


if __name__ == "__main__":
    main()

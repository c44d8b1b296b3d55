"""The demo's library and its sample 2023: run by `setupdemo` (through `setupdemo_library`), once.

The library gets the core set and the entries built from the stored real tables (sample tables
are never counted). Each demo project whose 实施周期 covers the year before gets a made-up earlier
year (core/library/sample.py): its table approved, its 绩效自评 filled in, scored and approved, and
the table marked as sample data.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from jixiao.core.library.sample import earlier_year
from jixiao.core.scoring import is_rated, parse_rating
from jixiao.core.scoring.config import q2
from jixiao.web.library import services
from jixiao.web.library.models import Entry, SampleTable
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import EvaluationEntry, SelfEvaluation
from jixiao.web.targets import convert, importer
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

# Where a rated indicator's 评价得分 lies in its tier: the top of 达成 is too generous for a sample.
RATED_SHARE = {"met": Decimal("0.9"), "partly": Decimal("0.7"), "not_met": Decimal("0.5")}


def fill_evaluation(table: TargetTable, actuals: dict[str, str], spent, goal_actual: str) -> SelfEvaluation:
    """A stored, scored 绩效自评 draft of ``table`` with ``actuals`` (by indicator name): rated
    indicators get a 评价得分 within their tier."""
    evaluation = SelfEvaluation.objects.create(
        table=table, budget_initial=table.budget, budget_full_year=table.budget, spent=spent, goal_actual=goal_actual,
    )  # fmt: skip
    rows = scoring.indicator_rows(table)
    entries = {}
    for row in rows:
        actual = actuals.get(row.name, "")
        entry = EvaluationEntry(evaluation=evaluation, indicator=row)
        if is_rated(convert.core_indicator(row)):
            entry.rating = parse_rating(actual) or "met"
        else:
            entry.actual = actual
        entries[row.id] = entry
    first = scoring.score(evaluation, rows, entries).result
    for result, entry in zip(first.indicators, entries.values()):
        if entry.rating:
            entry.rating_score = q2(result.weight * RATED_SHARE[entry.rating])
    scored = scoring.score(evaluation, rows, entries)
    if scored.result is not None:
        scoring.store_scores(evaluation, entries, scored.result, scored.rules)
    evaluation.save()
    for entry in entries.values():
        entry.save()
    return evaluation


def _evaluate(table: TargetTable, record) -> None:
    evaluation = fill_evaluation(table, record.actuals, record.spent, "已完成年度目标（示例数据）")
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.APPROVED)


def add_sample_years(tables) -> int:
    """A sample earlier year for each table whose period covers it; returns how many were made."""
    made = 0
    for table in tables:
        record = earlier_year(convert.core_table(table))
        if record is None or TargetTable.objects.filter(project=table.project, year=record.year).exists():
            continue
        importer.store([record.table], source="示例数据")
        earlier = TargetTable.objects.get(project=table.project, year=record.year)
        TargetTable.objects.filter(pk=earlier.pk).update(status=Status.APPROVED)
        earlier.refresh_from_db()
        SampleTable.objects.create(table=earlier)
        _evaluate(earlier, record)
        made += 1
    return made


@transaction.atomic
def load_demo() -> list[str]:
    """Set up the demo library and sample years if not done yet; the lines to print."""
    lines = []
    if not SampleTable.objects.exists():
        real = TargetTable.objects.filter(sample_mark__isnull=True).select_related("project__unit")
        made = add_sample_years(list(real))
        if made:
            lines.append(f"已生成 {made} 个项目的上一年度示例数据（标明“示例数据”，仅供演示跨年度对比）")
    added = services.load_core_set()
    if added or not Entry.objects.exclude(usage=[]).exists():
        report = services.build_from_tables(TargetTable.objects.filter(sample_mark__isnull=True))
        lines.append(f"指标库：核心集 {Entry.objects.filter(source='central').count()} 个条目；{report.summary()}")
    return lines

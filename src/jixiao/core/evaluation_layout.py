"""The official 项目支出绩效自评表 layout (docs/domain.md §1.6) as rows, shared by the Excel and PDF writers.

``evaluation_sheet(table, evaluation, execution=..., goal_actual=...)`` turns a table and the scoring
core's ``TableResult`` into what both formats draw: header facts, the 项目资金（万元） block, the
年度总体目标 and the indicator grid whose 一级 cells carry the block points (产出指标(50分)), then
总分 and 等级. This module decides what each cell shows (the 实际完成值 with its 达成/部分达成/未达成
rating, 不适用, the dash of an unscored cell); amounts stay ``Decimal`` and each writer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.layout import indicator_rows, merge_spans
from jixiao.core.model import TargetTable
from jixiao.core.numbers import percent, plain
from jixiao.core.scoring import BLOCK_LABELS, RATING_LABELS, STATUS_LABELS, Execution, IndicatorResult, TableResult
from jixiao.core.scoring.config import NOT_APPLICABLE as NOT_APPLICABLE_STATUS
from jixiao.core.scoring.indicator import parse_rating

TITLE = "项目支出绩效自评表"
FUNDS_LABEL = "项目资金（万元）"
FUNDS_HEADERS = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
FUNDS_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
GOALS_LABEL = "年度总体目标"
GOALS_HEADERS = ("预期目标", "实际完成情况")
GRID_LABEL = "绩效指标"
GRID_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
NOT_APPLICABLE = STATUS_LABELS[NOT_APPLICABLE_STATUS]
DASH = "–"  # a cell that takes no value (funds rows not scored, the 得分 of an indicator not applicable)
TEN_THOUSAND = Decimal(10000)


@dataclass
class FundsRow:
    """One row of the funds block; only 年度资金总额 is scored (``weight``/``score`` None elsewhere)."""

    label: str
    initial: Decimal | None = None  # 万元
    full_year: Decimal | None = None
    spent: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None  # a fraction: 0.862 = 86.2 %
    score: Decimal | None = None
    scored: bool = False


@dataclass
class ScoreRow:
    """One indicator line; ``block_span``/``level2_span`` > 0 start a merged cell of that height."""

    block: str  # 产出指标(50分)
    level2: str
    name: str
    target: str
    actual: str  # as written, with the rating that scored it: '达成', '已完成（达成）', '不适用'
    weight: Decimal | None  # None: not applicable
    score: Decimal | None
    deviation: str
    block_span: int = 0
    level2_span: int = 0
    result: IndicatorResult | None = None

    @property
    def weight_text(self) -> str:
        return NOT_APPLICABLE if self.weight is None else format_points(self.weight)

    @property
    def score_text(self) -> str:
        return DASH if self.weight is None else format_points(self.score)


@dataclass
class EvaluationSheet:
    title: str
    facts: list[tuple[str, str]]
    funds: list[FundsRow]
    goal_expected: str
    goal_actual: str
    rows: list[ScoreRow] = field(default_factory=list)
    total_weight: Decimal = Decimal(100)
    total: Decimal = Decimal(0)
    grade: str = ""
    unit: str = ""  # 实施单位 and budget year, for the page headers of a print
    year: int | None = None
    rules: str = ""  # which rule set made the scores ('评分规则：…'), printed under the total


def wan(yuan: Decimal | None) -> Decimal | None:
    return None if yuan is None else yuan / TEN_THOUSAND


def format_wan(value: Decimal | None) -> str:
    """万元 with at least two decimals and no lost digits: 9.5 → '9.50', 1.234567 → '1.234567'."""
    if value is None:
        return ""
    text = f"{value.quantize(Decimal('0.000001')):,f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def format_points(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def format_rate(rate: Decimal | None) -> str:
    return "" if rate is None else percent(rate)


def block_title(block: str, points: Decimal, labels: dict[str, str] | None = None) -> str:
    """产出指标(50分); a rule set's own block (绩效指标 of a 10 + 90 one) by the label it prints."""
    return f"{(labels or {}).get(block) or BLOCK_LABELS[block]}({plain(points)}分)"


def actual_text(result: IndicatorResult) -> str:
    """The 实际完成值 cell: the value as written and, when a rating scored the indicator, that rating
    (达成 / 部分达成 / 未达成); 不适用 for an indicator marked not applicable."""
    if result.status == NOT_APPLICABLE_STATUS:
        return NOT_APPLICABLE
    written = (result.actual or "").strip()
    if result.rating is None:
        return written
    label = RATING_LABELS[result.rating]
    if not written or parse_rating(written) == result.rating:
        return written or label
    return f"{written}（{label}）"


def _funds(execution: Execution | None, evaluation: TableResult) -> list[FundsRow]:
    budget = evaluation.budget
    total = FundsRow(
        FUNDS_ROWS[0], *(wan(getattr(execution, f, None)) for f in ("budget_initial", "budget_full_year", "spent")),
        weight=budget.weight, rate=budget.rate, score=budget.score, scored=True,
    )
    return [total] + [FundsRow(label) for label in FUNDS_ROWS[1:]]


def _rows(table: TargetTable, evaluation: TableResult) -> list[ScoreRow]:
    out: list[ScoreRow] = []
    for grid_row in indicator_rows(table, evaluation.indicators, sections=False):
        ind, r = grid_row.indicator, grid_row.row
        block = (evaluation.block_labels.get(r.block) or BLOCK_LABELS[r.block]) if r.block else ind.level1
        level2 = ind.level2 or (ind.level1 if ind.level1 and ind.level1 != block else "")
        applicable = r.status != NOT_APPLICABLE_STATUS
        out.append(ScoreRow(
            block_title(r.block, evaluation.blocks.get(r.block, Decimal(0)), evaluation.block_labels) if r.block
            else ind.level1,
            level2, ind.name, r.target or grid_row.annual, actual_text(r),
            r.weight if applicable else None, r.score if applicable else None,
            r.deviation_analysis or "", result=r,
        ))
    for row, (block_span, level2_span) in zip(out, merge_spans([(r.block, r.level2) for r in out])):
        row.block_span, row.level2_span = block_span, level2_span
    return out


def evaluation_sheet(
    table: TargetTable, evaluation: TableResult, *, execution: Execution | None = None, goal_actual: str = "",
    rules: str = "",
) -> EvaluationSheet:
    """The 自评表 of ``table`` scored as ``evaluation``; ``execution`` holds the amounts in yuan;
    ``rules`` says which rule set scored it ('评分规则：…', printed under the total when given)."""
    year = f"{table.year}年度" if table.year else ""
    return EvaluationSheet(
        title=f"{year}{TITLE}",
        facts=[("项目名称", table.name), ("主管部门", table.department), ("实施单位", table.unit)],
        funds=_funds(execution, evaluation),
        goal_expected=table.goals.annual,
        goal_actual=goal_actual or "",
        rows=_rows(table, evaluation),
        total_weight=evaluation.budget.weight + sum(evaluation.blocks.values(), Decimal(0)),
        total=evaluation.total,
        grade=evaluation.grade,
        unit=table.unit,
        year=table.year,
        rules=rules,
    )

"""The official 项目支出绩效自评表 layout (docs/domain.md §1.6) as rows, shared by the Excel and PDF writers.

``evaluation_sheet(table, evaluation, execution=..., goal_actual=...)`` turns a table and the scoring
core's ``TableResult`` into what both formats draw: header facts, the 项目资金（万元） block, the
年度总体目标 and the indicator grid whose 一级 cells carry the block points (产出指标(50分)), then
总分 and 等级. Amounts stay ``Decimal`` here; each writer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import TargetTable
from jixiao.core.scoring import BLOCK_LABELS, Execution, TableResult, fmt

TITLE = "项目支出绩效自评表"
FUNDS_LABEL = "项目资金（万元）"
FUNDS_HEADERS = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
FUNDS_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
GOALS_LABEL = "年度总体目标"
GOALS_HEADERS = ("预期目标", "实际完成情况")
GRID_LABEL = "绩效指标"
GRID_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
NOT_APPLICABLE = "不适用"
DASH = "–"
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
    actual: str
    weight: Decimal | None  # None: not applicable
    score: Decimal | None
    deviation: str
    block_span: int = 0
    level2_span: int = 0


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
    return "" if rate is None else f"{rate * 100:.2f}%"


def block_title(block: str, points: Decimal) -> str:
    return f"{BLOCK_LABELS[block]}({fmt(points)}分)"


def _funds(execution: Execution | None, evaluation: TableResult) -> list[FundsRow]:
    budget = evaluation.budget
    total = FundsRow(
        FUNDS_ROWS[0], *(wan(getattr(execution, f, None)) for f in ("budget_initial", "budget_full_year", "spent")),
        weight=budget.weight, rate=budget.rate, score=budget.score, scored=True,
    )
    return [total] + [FundsRow(label) for label in FUNDS_ROWS[1:]]


def _rows(table: TargetTable, evaluation: TableResult) -> list[ScoreRow]:
    out: list[ScoreRow] = []
    for ind, r in zip(table.indicators, evaluation.indicators):
        block = BLOCK_LABELS[r.block] if r.block else ind.level1
        level2 = ind.level2 or (ind.level1 if ind.level1 and ind.level1 != block else "")
        applicable = r.status != "not_applicable"
        target = r.target or (ind.annual_target.text if ind.annual_target else "")
        out.append(ScoreRow(
            block_title(r.block, evaluation.blocks.get(r.block, Decimal(0))) if r.block else ind.level1,
            level2, ind.name, target, r.actual or "",
            r.weight if applicable else None, r.score if applicable else None,
            r.deviation_analysis or "",
        ))
    for key, span in ((lambda s: s.block, "block_span"), (lambda s: (s.block, s.level2), "level2_span")):
        start = 0
        for n in range(1, len(out) + 1):
            if n == len(out) or key(out[n]) != key(out[start]):
                setattr(out[start], span, n - start)
                start = n
    return out


def evaluation_sheet(
    table: TargetTable, evaluation: TableResult, *, execution: Execution | None = None, goal_actual: str = "",
) -> EvaluationSheet:
    """The 自评表 of ``table`` scored as ``evaluation``; ``execution`` holds the amounts in yuan."""
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
    )

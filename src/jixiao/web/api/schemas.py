"""The typed shapes of the JSON API: the OpenAPI schema is generated from these."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from jixiao.core.model import CATEGORIES

Category = Literal[("",) + tuple(CATEGORIES)]  # type: ignore[valid-type]
YEAR = {"ge": 1990, "le": 2100}
NOT_BLANK = r"\S"
MONEY = r"^\d{1,16}(\.\d{1,2})?$"


class Body(Schema):
    """A request body: JSON types as declared (no true for 1, no "1" for 1)."""

    model_config = ConfigDict(strict=True)


class Error(Schema):
    code: str = Field(description="机器可读的错误代码，如 not_found、stale_version")
    message: str = Field(description="中文说明：哪里、什么问题")


# --- Target tables ---------------------------------------------------------------------------------

class Target(Schema):
    """A target value as the core JSON writes it (docs/json.md)."""

    text: str = Field(description="指标值原文")
    kind: str | None = Field(None, description="numeric / deadline / composite / qualitative")
    op: str | None = None
    value: str | None = None
    upper: str | None = None
    unit: str | None = None
    direction: str | None = None
    deadline: str | None = None
    parts: list[Any] = []
    label: str | None = None


class IndicatorOut(Schema):
    id: int
    level1: str = Field(description="一级指标")
    level2: str = Field(description="二级指标")
    category: str = Field(description="指标类别代码，如 quantity、satisfaction")
    name: str = Field(description="三级指标")
    period_target: Target | None = Field(description="实施周期指标值")
    annual_target: Target | None = Field(description="当年度指标值")
    entry_code: str = Field(description="指标库编码（采用指标库条目时）")


class TableSummary(Schema):
    id: int
    year: int = Field(description="预算年度")
    name: str = Field(description="项目名称")
    type: str = Field(description="项目类型")
    level: str = Field(description="项目等级")
    subject: str = Field(description="预算科目")
    department: str = Field(description="主管部门")
    unit: str = Field(description="用款单位")
    unit_id: int
    budget: str | None = Field(description="年度预算金额（元），十进制字符串")
    status: Literal["draft", "submitted", "returned", "approved"]
    status_label: str = Field(description="草稿 / 已提交 / 已退回 / 已审核通过")
    version: int = Field(description="版本号：修改时须带上读取时的版本（乐观锁）")
    updated_at: str


class TableDetail(TableSummary):
    period_start: int | None = Field(description="实施周期起始年度")
    period_end: int | None = Field(description="实施周期到期年度")
    goal_period: str = Field(description="实施周期总目标")
    goal_annual: str = Field(description="年度目标")
    indicators: list[IndicatorOut]
    editable: bool = Field(description="当前令牌的用户现在能否修改")


class IndicatorIn(Body):
    id: int | None = Field(None, description="保留已有指标时填其 id；新指标不填")
    category: Category = Field("", description="指标类别代码（见 docs/api.md），空为未分类")
    name: str = Field(description="三级指标", min_length=1, max_length=300, pattern=NOT_BLANK)
    period_target: str = Field("", description="实施周期指标值", max_length=500)
    annual_target: str = Field("", description="当年度指标值", max_length=500)
    entry_code: str = Field("", max_length=40, description="指标库编码")
    entry_version: int | None = Field(None, description="指标库版本", ge=1, le=100000)


class TableFacts(Body):
    name: str = Field(description="项目名称", min_length=1, max_length=300, pattern=NOT_BLANK)
    type: str = Field("", description="项目类型", max_length=200)
    level: str = Field("", description="项目等级", max_length=100)
    subject: str = Field("", description="预算科目", max_length=200)
    period_start: int | None = Field(None, description="实施周期起始年度", **YEAR)
    period_end: int | None = Field(None, description="实施周期到期年度（不早于起始年度）", **YEAR)
    budget: str | None = Field(None, description="年度预算金额（元），十进制字符串，如 \"181000.00\"", pattern=MONEY)
    goal_period: str = Field("", description="实施周期总目标")
    goal_annual: str = Field("", description="年度目标")
    indicators: list[IndicatorIn] = Field([], description="全部指标，按顺序；未列出的已有指标将被删除", max_length=500)


class DraftCreate(TableFacts):
    year: int = Field(description="预算年度", **YEAR)
    unit_id: int | None = Field(None, description="用款单位 id（见 /units）：系统管理员必填；单位填报人员不填（即本单位）")


class DraftUpdate(TableFacts):
    """Facts left out keep their stored values; ``indicators`` is the whole list (required)."""

    indicators: list[IndicatorIn] = Field(description="全部指标，按顺序；未列出的已有指标将被删除", max_length=500)
    version: int = Field(description="读取时的版本号；他人已保存过则返回 409", ge=1, le=2_000_000_000)


class UnitOut(Schema):
    id: int
    name: str = Field(description="用款单位")
    department_id: int
    department: str = Field(description="主管部门")


# --- Monitoring and evaluation (as the pages show them) --------------------------------------------

class MonitoringLine(Schema):
    indicator: int
    level2: str
    name: str
    target: str
    so_far: str = Field(description="截至目前完成值")
    expected: str = Field(description="全年预计完成值")
    light: str = Field(description="green / yellow / red，空为无灯")
    light_explanation: str
    deviation_cause: str
    deviation_text: str
    corrective_measure: str
    likelihood: str


class MonitoringReportOut(Schema):
    id: int
    cutoff: str = Field(description="截止日期")
    status: str
    status_label: str
    time_progress: str | None
    budget: str | None
    spent: str | None
    execution: dict[str, str]
    lines: list[MonitoringLine]


class EvaluationLine(Schema):
    indicator: int
    block: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str | None
    score: str | None
    explanation: str
    deviation: str


class EvaluationOut(Schema):
    id: int
    status: str
    status_label: str
    budget_initial: str | None
    budget_full_year: str | None
    spent: str | None
    budget: dict[str, str | None]
    goal_actual: str
    lines: list[EvaluationLine]
    total: str | None
    grade: str
    complete: bool


# --- 指标库 ------------------------------------------------------------------------------------------

class LibraryEntryOut(Schema):
    code: str = Field(description="指标编码")
    version: int
    status: str
    status_label: str
    level1: str
    level2: str
    category: str
    name: str
    aliases: list[str]
    definition: str = Field(description="指标解释")
    formula: str = Field(description="计算公式")
    unit: str = Field(description="计量单位")
    direction: str
    value_type: str
    reference_value: str
    reference_basis: str
    project_types: list[str]
    locked: bool = Field(description="固化指标须原样使用")


# --- 规则集 ------------------------------------------------------------------------------------------

class RuleSource(Schema):
    number: str
    title: str
    covers: str


class Consequence(Schema):
    grade: str
    consequence: str


class RuleSetOut(Schema):
    name: str
    title: str
    jurisdiction: str
    version: str
    summary: str
    default: bool
    sources: list[RuleSource]
    review_grades: list[Consequence] = Field(description="绩效目标审核结果分级")
    results_use: list[Consequence] = Field(description="自评结果应用")


class RuleSetDetail(RuleSetOut):
    rules: str = Field(description="计分、等级、运行监控规则全文（Markdown）")
    scoring: dict[str, Any] = Field(description="页面所示规则的结构化描述")


# --- Review and scoring of a posted document (nothing stored) ----------------------------------------

class GoalsIn(Body):
    period: str = ""
    annual: str = ""


class ExecutionIn(Body):
    budget_initial: str | None = None
    budget_full_year: str | None = None
    spent: str | None = None


class PostedIndicator(Body):
    level1: str = ""
    level2: str = ""
    category: str | None = None
    name: str = ""
    period_target: str | Target | None = None
    annual_target: str | Target | None = None
    actual: str | None = Field(None, description="实际完成值（计分时）")
    weight: str | None = Field(None, description="分值（计分时，可不填）")
    rating: str | None = Field(None, description="定性指标完成情况：met / partly / not_met")
    rating_score: str | None = None
    not_applicable: bool = False
    deviation_analysis: str | None = None


class PostedTable(Body):
    name: str = ""
    type: str = ""
    level: str = ""
    department: str = ""
    unit: str = ""
    period_start: int | None = None
    period_end: int | None = None
    year: int | None = None
    budget: str | None = None
    goals: GoalsIn = GoalsIn()
    indicators: list[PostedIndicator] = []
    execution: ExecutionIn | None = Field(None, description="预算执行（计分时）")


class PostedDocument(Body):
    tables: list[PostedTable] = Field(description="核心 JSON 格式的目标表（docs/json.md），至少一张", min_length=1,
                                      max_length=200)


class Finding(Schema):
    rule: str
    rule_title: str
    severity: str
    severity_label: str
    indicator: str | None
    message: str


class TableReviewOut(Schema):
    name: str
    findings: list[Finding]


class ReviewOut(Schema):
    rules: str = Field(description="所用规则集")
    tables: list[TableReviewOut]


class ScoredTable(Schema):
    name: str
    score: str | None
    grade: str | None
    complete: bool
    results_use: str = Field(description="自评结果应用")
    budget: dict[str, Any]
    blocks: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    indicators: list[dict[str, Any]]


class ScoringOut(Schema):
    rules: str
    tables: list[ScoredTable]

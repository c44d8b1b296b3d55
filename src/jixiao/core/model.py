"""The interchange model of a 项目绩效目标表 (project performance target table).

Every reader (published text, JSON, Excel, PDF) produces these objects and every writer consumes
them. Plain dataclasses, no Django. ``source`` fields record where a value was read from and do not
take part in equality, so a table read from Excel equals the same table read from text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

# The category table lives in ``categories``; these names stay importable from the model.
from jixiao.core.categories import CATEGORIES, CATEGORY_LABELS, CATEGORY_LEVEL1  # noqa: F401

KINDS = ("numeric", "deadline", "composite", "qualitative")
DIRECTIONS = ("higher", "lower", "exact", "deadline", "qualitative")


class Source(NamedTuple):
    """Where a value came from: file name, 1-based line (the row within ``part``), 0-based column
    (cell index), and the part of the file: the sheet of a workbook (工作表“Sheet1”), the page of a
    PDF (第2页), the table of a Word file or web page (第1个表格); None for plain text."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    part: str | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.part:
            parts.append(self.part)
        if self.line is not None:
            parts.append(str(self.line))
        if self.column is not None:
            parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class TargetValue:
    """A parsed target (or actual) value. ``text`` is always the original text, verbatim.

    kind:       numeric | deadline | composite | qualitative
    op:         one of '>=', '<=', '>', '<', '=', 'range', '±' (numeric only)
    value:      the number (lower bound for a range, tolerance for '±')
    upper:      upper bound of a range
    unit:       unit as normalised text, e.g. '%', '次', '元/份', '万元/年'
    direction:  higher | lower | exact | deadline | qualitative (drives scoring)
    deadline:   last day by which the target is due (kind == 'deadline'), None for '及时'
    parts:      the components of a composite value
    label:      the label of a composite part, e.g. '良好等级'
    warning:    set when the text fitted no pattern and fell back to qualitative
    """

    text: str
    kind: str = "qualitative"
    op: str | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    direction: str = "qualitative"
    deadline: date | None = None
    parts: list[TargetValue] = field(default_factory=list)
    label: str | None = None
    warning: str | None = None
    source: Source | None = field(default=None, compare=False)


@dataclass
class Goals:
    period: str = ""  # 实施周期总目标
    annual: str = ""  # 年度目标


@dataclass
class Indicator:
    level1: str  # 一级指标 as written
    level2: str  # 二级指标 as written
    category: str | None  # normalised, one of CATEGORIES
    name: str  # 三级指标
    period_target: TargetValue | None = None  # 实施周期指标值
    annual_target: TargetValue | None = None  # 当年度指标值
    source: Source | None = field(default=None, compare=False)
    # As printed in a published table (None when the table has no such column): 权重/分值, and on a
    # self-evaluation 实际完成值 (text as written), 得分, 偏差原因.
    weight: Decimal | None = None
    actual: str | None = None
    score: Decimal | None = None
    deviation: str | None = None


@dataclass
class Section:
    """A 二级 category that the table declares; kept even when it holds no indicator."""

    level1: str
    level2: str
    category: str | None


@dataclass
class ReadWarning:
    line: int | None
    message: str
    part: str | None = None  # the sheet, page or table the line is in (see Source)

    @property
    def where(self) -> str:
        """'工作表“Sheet2”第5行', '第2页第3行', '第5行', or '' when the place is not known."""
        return f"{self.part or ''}{f'第{self.line}行' if self.line else ''}"

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class TargetTable:
    kind: str = "targets"  # or "self_evaluation" (a 自评表 read from a document)
    name: str = ""  # 项目名称
    type: str = ""  # 项目类型
    level: str = ""  # 项目等级
    department: str = ""  # 主管部门
    unit: str = ""  # 用款单位
    period_start: int | None = None  # 实施周期 起始年度
    period_end: int | None = None  # 实施周期 到期年度
    year: int | None = None  # budget year
    budget: Decimal | None = None  # 年度预算金额, yuan
    goals: Goals = field(default_factory=Goals)
    indicators: list[Indicator] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list, compare=False)
    source: Source | None = field(default=None, compare=False)
    sources: dict[str, Source] = field(default_factory=dict, compare=False)
    # A self-evaluation as printed: the 预算执行 row (budget_initial, budget_full_year, spent, rate,
    # weight, score: decimal strings in the document's money_unit) and the total and grade printed.
    execution: dict[str, str | None] | None = None
    published_total: Decimal | None = None
    published_grade: str | None = None
    # How sure a reader is of a table it recognised (0–1) and why it is not sure; None: not rated.
    confidence: float | None = field(default=None, compare=False)
    confidence_reasons: list[str] = field(default_factory=list, compare=False)

    def indicators_in(self, category: str) -> list[Indicator]:
        return [i for i in self.indicators if i.category == category]


@dataclass
class Document:
    """What one input file yields: its tables plus document-level warnings."""

    tables: list[TargetTable] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list, compare=False)
    file: str | None = None


class ReadError(Exception):
    """Input that cannot be read at all. ``str()`` gives 'FILE:LINE: message'."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, part: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.part = part  # the sheet or page ``line`` is in (see Source)

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.part}：{self.message}" if self.part else f"{where}: {self.message}"

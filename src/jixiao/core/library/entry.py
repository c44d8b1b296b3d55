"""A 指标库 entry: one indicator as the official libraries and vendor systems hold it.

An entry is what a unit picks when drafting: the 一级/二级 category and 三级 name, what the
indicator means (指标解释) and how it is computed (计算公式), its value type, unit and direction,
the 评（扣）分标准, where the data comes from, a 参考值 with its basis, where it applies (项目类型,
行业, 支出功能分类, years), who issued it (中央/省/市/本单位), whether it is 固化 (used as is),
and its code, version and lifecycle (proposed → approved → retired). ``usage`` lists the tables
that used it, which gives the counts, typical targets and percentile bands.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from jixiao.core.categories import compact
from jixiao.core.model import CATEGORIES, CATEGORY_LABELS, Indicator, TargetTable, TargetValue
from jixiao.core.targets import format_target, parse_target

STATUSES = ("proposed", "approved", "retired")
STATUS_LABELS = {"proposed": "待审核", "approved": "已启用", "retired": "已停用"}

DIRECTIONS = ("higher", "lower", "qualitative")
DIRECTION_LABELS = {"higher": "正向", "lower": "反向", "qualitative": "定性"}

VALUE_TYPES = ("quantitative", "deadline", "qualitative")
VALUE_TYPE_LABELS = {"quantitative": "定量", "deadline": "时限", "qualitative": "定性"}

SOURCES = ("central", "province", "city", "unit")
SOURCE_LABELS = {"central": "中央", "province": "省", "city": "市", "unit": "本单位"}

# The usual bases of a 参考值 (评价标准): plan, industry norm, history, other recognised standards.
REFERENCE_BASES = ("计划标准", "行业标准", "历史标准", "其他标准")

# Said of a definition, formula or data source that Jixiao wrote itself rather than quoting a document.
OWN_TEXT = "本系统整理"

# Code prefixes: source letter, then the category.
SOURCE_CODES = {"central": "C", "province": "P", "city": "M", "unit": "U"}
CATEGORY_CODES = {
    "quantity": "SL",
    "quality": "ZL",
    "timeliness": "SX",
    "cost": "CB",
    "economic": "JJ",
    "social": "SH",
    "ecological": "ST",
    "sustainability": "KC",
    "satisfaction": "MY",
}


@dataclass(frozen=True)
class Use:
    """One indicator of one table that an entry stands for."""

    project: str  # 项目名称
    org: str = ""  # 用款单位
    year: int | None = None
    project_type: str = ""  # 项目类型
    name: str = ""  # the indicator's name as written
    target: str = ""  # 当年度指标值 as written
    actual: str = ""  # 实际完成值, when an evaluation gave one

    @classmethod
    def of(cls, table: TargetTable, indicator: Indicator, actual: str = "") -> Use:
        target = indicator.annual_target or indicator.period_target
        return cls(
            project=table.name,
            org=table.unit,
            year=table.year,
            project_type=table.type,
            name=compact(indicator.name),
            target=compact(target.text) if target is not None else "",
            actual=actual,
        )

    @cached_property
    def target_value(self) -> TargetValue | None:
        return parse_target(self.target) if self.target else None


@dataclass
class LibraryEntry:
    code: str
    name: str  # 三级指标
    category: str  # one of model.CATEGORIES
    level1: str = ""  # 一级指标 as the entry files it, e.g. 产出指标
    level2: str = ""  # 二级指标, e.g. 数量指标
    version: int = 1
    status: str = "proposed"
    aliases: tuple[str, ...] = ()  # other names merged into this entry
    definition: str = ""  # 指标解释
    formula: str = ""  # 计算公式
    value_type: str = "quantitative"
    unit: str | None = None
    direction: str = "higher"
    scoring: str = ""  # 评（扣）分标准
    data_source: str = ""  # 数据来源
    reference_value: str = ""  # 参考值
    reference_basis: str = ""  # 参考值依据: one of REFERENCE_BASES, optionally followed by '：' and details
    project_types: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    functional_classes: tuple[str, ...] = ()  # 支出功能分类, e.g. '2040199 其他公共安全支出'
    valid_from: int | None = None
    valid_to: int | None = None
    source: str = "unit"
    source_document: str = ""  # the issuing document by its official number
    text_source: str = ""  # where the definition, formula and data source come from; OWN_TEXT if written here
    locked: bool = False  # 固化
    usage: tuple[Use, ...] = field(default=(), compare=False)

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, "")

    @property
    def uses(self) -> int:
        return len(self.usage)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.valid_from is None or year >= self.valid_from) and (self.valid_to is None or year <= self.valid_to)

    @property
    def typical_target(self) -> str | None:
        """The target most tables set (as the library writes it), else the 参考值."""
        groups: dict[str, Counter] = {}
        values: dict[str, Decimal] = {}
        for use in self.usage:
            if use.target_value is not None:
                key = format_target(use.target_value)
                groups.setdefault(key, Counter())[use.target] += 1
                values[key] = use.target_value.value or Decimal(0)
        if not groups:
            return self.reference_value or None
        best = max(sum(c.values()) for c in groups.values())
        common = sorted((key for key, c in groups.items() if sum(c.values()) == best), key=lambda k: (values[k], k))
        # Ties: the middle one; shown as people wrote it most often.
        return groups[common[len(common) // 2]].most_common(1)[0][0]

    def numeric_targets(self, uses=None) -> list[tuple[Use, Decimal]]:
        """(use, value in the entry's unit) for each numeric target of the given uses (default: all)."""
        from jixiao.core.units import convert_amount

        found = []
        for use in self.usage if uses is None else uses:
            target = use.target_value
            if target is None or target.kind != "numeric" or target.value is None or target.op == "range":
                continue
            value = convert_amount(target.value, target.unit, self.unit)
            if value is not None:
                found.append((use, value))
        return found


def entry_code(source: str, category: str, number: int) -> str:
    """'U-SL-0007': issuing level, category, number."""
    return f"{SOURCE_CODES[source]}-{CATEGORY_CODES[category]}-{number:04d}"


def check_entry(entry: LibraryEntry) -> list[str]:
    """What is wrong with an entry, in Chinese (empty when it is valid)."""
    problems = []
    if not entry.code.strip():
        problems.append("缺少指标编码")
    if not entry.name.strip():
        problems.append("缺少三级指标名称")
    if entry.category not in CATEGORIES:
        problems.append(f"二级指标类别“{entry.category}”无法识别")
    if entry.status not in STATUSES:
        problems.append(f"状态“{entry.status}”应为{'、'.join(STATUS_LABELS.values())}之一")
    if entry.direction not in DIRECTIONS:
        problems.append(f"指标方向“{entry.direction}”应为{'、'.join(DIRECTION_LABELS.values())}之一")
    if entry.value_type not in VALUE_TYPES:
        problems.append(f"指标值类型“{entry.value_type}”应为{'、'.join(VALUE_TYPE_LABELS.values())}之一")
    if entry.source not in SOURCES:
        problems.append(f"来源“{entry.source}”应为{'、'.join(SOURCE_LABELS.values())}之一")
    if entry.version < 1:
        problems.append("版本号应为正整数")
    if entry.valid_from and entry.valid_to and entry.valid_from > entry.valid_to:
        problems.append(f"适用年度起（{entry.valid_from}）晚于止（{entry.valid_to}）")
    if entry.reference_basis and not entry.reference_basis.startswith(REFERENCE_BASES):
        problems.append(f"参考值依据应以{'、'.join(REFERENCE_BASES)}之一开头")
    return problems

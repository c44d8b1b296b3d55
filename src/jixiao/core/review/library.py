"""指标库: review rules that compare a table with the indicator library and with last year.

They need a ``LibraryContext`` (the library, the entries each indicator was taken from, last
year's table of the same project with its actuals), given through ``with_library(config, context)``.
With a plain ``ReviewConfig`` they find nothing, so reviewing a document on its own is unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from jixiao.core.categories import compact
from jixiao.core.library import Library, LibraryEntry
from jixiao.core.library.bands import target_band
from jixiao.core.library.config import DEFAULT_LIBRARY_CONFIG, LibraryConfig
from jixiao.core.library.record import ProjectRecord
from jixiao.core.library.text import head_word, name_similarity, normalise_name, words
from jixiao.core.model import Indicator, TargetTable, TargetValue
from jixiao.core.numbers import grouped
from jixiao.core.targets import parse_target
from jixiao.core.units import convert_amount, normalise_unit, units_compatible

from .basis import COST, MEASURES_88, OWN
from .common import bare_unit, quoted, table_label
from .config import BENEFIT_CATEGORIES, OUTPUT_CATEGORIES, ReviewConfig
from .registry import Hit, rule



@dataclass(frozen=True)
class LibraryContext:
    library: Library
    # Indicator name → (entry code, entry version) for indicators added from the library.
    links: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    # Last year's table of the same project, with its actuals.
    previous: ProjectRecord | None = None
    settings: LibraryConfig = DEFAULT_LIBRARY_CONFIG


@dataclass(frozen=True)
class LibraryReviewConfig(ReviewConfig):
    library: LibraryContext | None = None


def with_library(config: ReviewConfig | None, context: LibraryContext) -> LibraryReviewConfig:
    """``config`` (default: the default config) with the library rules switched on."""
    config = config or ReviewConfig()
    return LibraryReviewConfig(**{f.name: getattr(config, f.name) for f in fields(ReviewConfig)}, library=context)


@dataclass(frozen=True)
class _Found:
    entry: LibraryEntry
    linked: bool  # chosen from the library when drafting (else matched by name)
    exact: bool  # the indicator carries the entry's own name or an alias


def _context(config) -> LibraryContext | None:
    return getattr(config, "library", None)


def _target(indicator: Indicator) -> TargetValue | None:
    return indicator.annual_target or indicator.period_target


def _unit(indicator: Indicator) -> str | None:
    target = _target(indicator)
    if target is None:
        return None
    units = [target.unit] if target.unit else [p.unit for p in target.parts if p.unit]
    return normalise_unit(units[0]) if units else None


def _entry_of(indicator: Indicator, context: LibraryContext) -> _Found | None:
    link = context.links.get(indicator.name) or context.links.get(normalise_name(indicator.name))
    if link is not None:
        entry = context.library.get(link[0])
        if entry is not None:
            exact = normalise_name(indicator.name) in {normalise_name(n) for n in entry.names}
            return _Found(entry, True, exact)
    match = context.library.match(indicator.name, indicator.category, _unit(indicator), context.settings)
    if match is None:
        return None
    return _Found(match.entry, False, match.score >= 100)


def _with_entries(table: TargetTable, config):
    """(indicator, its entry, context) for each indicator the library knows; nothing without a library."""
    context = _context(config)
    if context is None:
        return
    for indicator in table.indicators:
        found = _entry_of(indicator, context)
        if found is not None:
            yield indicator, found, context


def _entry_label(entry: LibraryEntry, *more: str) -> str:
    return f"“{entry.name}”（{'，'.join((entry.code, f'第{entry.version}版', *more))}）"


def _numeric(target: TargetValue | None) -> bool:
    return target is not None and target.kind == "numeric" and target.value is not None and target.op != "range"


@rule(
    "library.locked-altered",
    "error",
    "固化指标被改动",
    "完整性",
    f"指标库中标为固化的指标须原样使用，为{OWN}",
    "取自指标库（或与之同名）的固化指标，其名称、计量单位和参考值须与指标库一致。",
)
def locked_altered(table: TargetTable, config):
    for indicator, found, _ in _with_entries(table, config):
        if not found.entry.locked:
            continue
        entry, changes = found.entry, []
        if normalise_name(indicator.name) != normalise_name(entry.name):
            changes.append(f"名称应为“{entry.name}”（表中为“{compact(indicator.name)}”）")
        unit = _unit(indicator)
        if entry.unit and unit and not units_compatible(unit, entry.unit):
            changes.append(f"计量单位应为“{entry.unit}”（表中为“{unit}”）")
        target = _target(indicator)
        if entry.reference_value and target is not None:
            expected = parse_target(entry.reference_value)
            if (target.op, target.value, bare_unit(target.unit)) != (expected.op, expected.value, bare_unit(expected.unit)):
                changes.append(f"指标值应为“{entry.reference_value}”（表中为“{compact(target.text)}”）")
        if changes:
            yield Hit(
                indicator.name,
                f"{table_label(table)}指标{quoted(indicator)}对应指标库固化指标{_entry_label(entry)}，须按原样使用："
                + "；".join(changes)
                + "。",
            )


@rule(
    "library.unit-mismatch",
    "warning",
    "计量单位与指标库不一致",
    "适当性",
    f"指标库条目规定的计量单位，为{OWN}",
    "取自指标库或与条目同名的指标，其指标值的计量单位应与条目一致（万元与元等可换算的单位视为一致）。",
)
def unit_mismatch(table: TargetTable, config):
    for indicator, found, _ in _with_entries(table, config):
        unit = _unit(indicator)
        if found.entry.locked or not found.entry.unit or not unit:
            continue
        if not (found.linked or found.exact) or units_compatible(unit, found.entry.unit):
            continue
        yield Hit(
            indicator.name,
            f"{table_label(table)}指标{quoted(indicator)}的指标值“{compact(_target(indicator).text)}”以“{unit}”计量，"
            f"指标库条目{_entry_label(found.entry)}的计量单位为“{found.entry.unit}”，请统一计量单位或改选条目。",
        )


@rule(
    "library.target-outside-band",
    "warning",
    "指标值偏离同类项目",
    "适当性",
    f"{MEASURES_88}：适当性审核；与同类项目第10–90百分位比较为{OWN}",
    "当年度指标值与使用同一指标库条目的同类项目相比，低于第10百分位或高于第90百分位"
    "（同类项目不少于5个时检查；同一项目类型的足够多时只与同类型项目比较）。",
)
def target_outside_band(table: TargetTable, config):
    for indicator, found, context in _with_entries(table, config):
        target = indicator.annual_target
        if not _numeric(target):
            continue
        entry = found.entry
        value = convert_amount(target.value, target.unit, entry.unit)
        band = target_band(entry, table.name, table.unit, table.type, context.settings)
        if value is None or band is None or band.contains(value):
            continue
        unit = entry.unit or ""
        side = (
            f"低于同类项目的第{band.low_pct}百分位（{grouped(band.low)}{unit}）"
            if value < band.low
            else f"高于同类项目的第{band.high_pct}百分位（{grouped(band.high)}{unit}）"
        )
        kind = "同类型" if band.same_type else "同类"
        yield Hit(
            indicator.name,
            f"{table_label(table)}指标{quoted(indicator)}的当年度指标值“{compact(target.text)}”{side}："
            f"{band.count}个{kind}项目的指标值第{band.low_pct}–{band.high_pct}百分位为"
            f"{grouped(band.low)}–{grouped(band.high)}{unit}，中位数{grouped(band.median)}{unit}"
            f"（指标库条目{_entry_label(entry)}）。请核实指标值或说明理由。",
        )


def _counted_in(unit: str | None, config) -> str | None:
    """The thing a unit cost is counted in: '元/份(个)' -> '份', '元/人/年' -> '人'; None if not a cost unit."""
    pieces = bare_unit(unit).split("/")
    if len(pieces) < 2 or not pieces[0].endswith("元"):
        return None
    counted = [p.removeprefix("每") for p in pieces[1:] if p.removeprefix("每") not in config.per_year]
    return counted[0] if len(counted) == 1 else None


@rule(
    "library.quantity-without-cost",
    "hint",
    "数量指标缺少对应的成本指标",
    "可行性",
    f"{COST}；按指标库成本条目核算为{OWN}",
    "以件、份、人、次等计量的数量指标，表中没有以“元/该单位”计量的成本指标，而指标库有相应的成本条目时，提示选用并给出按典型值核算的金额。",
)
def quantity_without_cost(table: TargetTable, config):
    context = _context(config)
    if context is None:
        return
    costed = {_counted_in(_unit(i), config) for i in table.indicators_in("cost")} - {None}
    cost_entries = [e for e in context.library.active() if e.category == "cost" and _counted_in(e.unit, config)]
    for indicator in table.indicators_in("quantity"):
        target = indicator.annual_target
        if not _numeric(target):
            continue
        found = _entry_of(indicator, context)
        unit = bare_unit(target.unit) or (bare_unit(found.entry.unit) if found else "")
        if not unit or unit == "%" or unit in costed:
            continue
        # A cost entry for the same thing: same counting unit and a word in common besides the head word.
        mine = set(words(indicator.name)) - {head_word(indicator.name)}
        candidates = [
            (len(shared), e)
            for e in cost_entries
            if _counted_in(e.unit, config) == unit and (shared := mine & (set(words(e.name)) - {head_word(e.name)}))
        ]
        if not candidates:
            continue
        entry = max(candidates, key=lambda c: (c[0], c[1].uses, c[1].code))[1]
        message = (
            f"{table_label(table)}数量指标{quoted(indicator)}（{compact(target.text)}）没有以“元/{unit}”计量的成本指标；"
            f"指标库有成本条目{_entry_label(entry, entry.unit)}"
        )
        typical = parse_target(entry.typical_target or "")
        price = convert_amount(typical.value, typical.unit, "元/" + unit) if _numeric(typical) else None
        if price is not None:
            total = target.value * price
            message += f"，按典型值“{entry.typical_target}”核算：{grouped(target.value)}{unit} × {grouped(price)}元/{unit} = {grouped(total)}元"
            if table.budget is not None:
                message += f"（年度预算{grouped(table.budget)}元）"
        yield Hit(indicator.name, message + "。")


@rule(
    "library.benefit-restates-output",
    "warning",
    "效益指标重复产出指标",
    "相关性",
    f"{MEASURES_88}：相关性审核；效益指标应反映产出带来的效果，相似度判断为{OWN}",
    "效益指标的名称与本表某个产出指标几乎相同，或在指标库中属于产出（数量、质量、时效）条目。",
)
def benefit_restates_output(table: TargetTable, config):
    context = _context(config)
    if context is None:
        return
    outputs = [i for i in table.indicators if i.category in OUTPUT_CATEGORIES]
    threshold = context.settings.match_similarity
    for indicator in table.indicators:
        if indicator.category not in BENEFIT_CATEGORIES:
            continue
        scored = [(name_similarity(indicator.name, o.name), o) for o in outputs]
        score, output = max(scored, key=lambda s: s[0], default=(0, None))
        if output is not None and score >= threshold:
            yield Hit(
                indicator.name,
                f"{table_label(table)}效益指标{quoted(indicator)}与产出指标{quoted(output)}几乎相同"
                f"（相似度{round(score)}%），重复了产出；效益指标应写产出带来的效果，如知晓率、化解率、受益人数。",
            )
            continue
        match = context.library.match(indicator.name, None, _unit(indicator), context.settings)
        if match is not None and match.entry.category in OUTPUT_CATEGORIES:
            yield Hit(
                indicator.name,
                f"{table_label(table)}效益指标{quoted(indicator)}在指标库中是{match.entry.category_label}"
                f"{_entry_label(match.entry)}，属于产出；效益指标应写产出带来的效果。",
            )


def _previous_actual(indicator: Indicator, record: ProjectRecord, context: LibraryContext):
    """(last year's indicator, its actual) for the same indicator: same name, else same library entry."""
    key = normalise_name(indicator.name)
    for old in record.table.indicators:
        if normalise_name(old.name) == key:
            return old, record.actual_of(old)
    found = _entry_of(indicator, context)
    if found is None:
        return None, ""
    for old in record.table.indicators:
        old_found = _entry_of(old, context)
        if old_found is not None and old_found.entry.code == found.entry.code and old.category == indicator.category:
            return old, record.actual_of(old)
    return None, ""


@rule(
    "library.below-last-actual",
    "warning",
    "指标值低于上年实际完成值",
    "适当性",
    f"{MEASURES_88}：适当性审核；与上年实际完成值比较为{OWN}",
    "同一项目上一年度已有实际完成值时，正向指标的当年度指标值不应低于它，反向（上限）指标不应高于它。",
)
def below_last_actual(table: TargetTable, config):
    context = _context(config)
    record = context.previous if context is not None else None
    if record is None:
        return
    year = record.table.year
    when = f"上年（{year}年）" if year else "上年"
    for indicator in table.indicators:
        target = indicator.annual_target
        if not _numeric(target):
            continue
        old, actual_text = _previous_actual(indicator, record, context)
        if old is None or not actual_text:
            continue
        actual = parse_target(actual_text, indicator.category)
        if not _numeric(actual):
            continue
        value = convert_amount(actual.value, actual.unit, target.unit)
        if value is None:
            continue
        lower_is_better = target.direction == "lower" or (target.direction == "exact" and indicator.category == "cost")
        if lower_is_better and target.value > value:
            relation = "高于"
        elif not lower_is_better and target.value < value:
            relation = "低于"
        else:
            continue
        advice = "上限不宜高于上年实际" if lower_is_better else "目标应不低于上年实际"
        yield Hit(
            indicator.name,
            f"{table_label(table)}指标{quoted(indicator)}的当年度指标值“{compact(target.text)}”{relation}{when}"
            f"实际完成值“{compact(actual_text)}”（上年指标{quoted(old)}，指标值"
            f"“{compact(_target(old).text) if _target(old) else '未填'}”）；{advice}，或说明理由。",
        )

"""Evidence behind actuals: records of the work as it happens, and an indicator's actual taken from them.

A unit records activities (宣传活动, 培训, 检查), purchases (制品采购, with quantity and amount), cases
(信访事项, 调解, 法律咨询) and created items (平安出租屋), each dated. An indicator linked to records
takes its actual from a count or sum over the year's records of one kind (and subtype), e.g.
宣传活动次数 = the number of 宣传活动 this year, 宣传制品单价 = amount ÷ quantity of 制品采购; the
records behind the number are listed with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jixiao.core.numbers import grouped, plain

KINDS = ("activity", "purchase", "case", "item")
KIND_LABELS = {"activity": "活动", "purchase": "采购", "case": "事项", "item": "创建项目"}
# What units usually record under each kind; free text is allowed.
SUBTYPES = {
    "activity": ("宣传活动", "培训", "检查", "会议"),
    "purchase": ("制品采购", "设备采购", "服务采购"),
    "case": ("信访事项", "调解", "法律咨询"),
    "item": ("平安出租屋",),
}

MEASURES = ("count", "quantity", "amount", "unit_price")
MEASURE_LABELS = {"count": "记录条数", "quantity": "数量合计", "amount": "金额合计", "unit_price": "单价（金额÷数量）"}


@dataclass(frozen=True)
class EvidenceRecord:
    kind: str
    subtype: str
    day: date
    title: str
    quantity: Decimal | None = None  # how many (制品 份数, 参加人数 …)
    amount: Decimal | None = None  # yuan
    unit: str = ""  # the counting word of ``quantity``
    key: object = None  # the caller's identifier, for linking back to the record


def check_record(record: EvidenceRecord) -> list[str]:
    """What is wrong with a record, in Chinese (empty when it is valid)."""
    problems = []
    if record.kind not in KINDS:
        problems.append(f"记录类别“{record.kind}”应为{'、'.join(KIND_LABELS.values())}之一")
    if not record.subtype.strip():
        problems.append("请填写记录类型（如宣传活动、制品采购）")
    if not record.title.strip():
        problems.append("请填写记录名称")
    for label, value in (("数量", record.quantity), ("金额", record.amount)):
        if value is not None and value < 0:
            problems.append(f"{label}不能为负数（填写的是 {plain(value)}）")
    if record.kind == "purchase" and (record.quantity is None or record.amount is None):
        problems.append("采购记录须填写数量和金额")
    return problems


@dataclass(frozen=True)
class EvidenceLink:
    """How an indicator's actual follows from records: a measure over one kind (and subtype)."""

    kind: str
    subtype: str = ""  # empty: every subtype of the kind
    measure: str = "count"

    def describe(self) -> str:
        what = f"“{self.subtype}”" if self.subtype else f"全部{KIND_LABELS.get(self.kind, self.kind)}"
        return f"{what}记录的{MEASURE_LABELS.get(self.measure, self.measure)}"


@dataclass
class EvidenceActual:
    value: Decimal | None
    text: str  # the actual as the forms take it, e.g. '5次', '1.25元/份'
    explanation: str  # how the number follows from the records
    records: list[EvidenceRecord] = field(default_factory=list)  # listed only where asked for
    count: int = 0  # how many records it follows from


@dataclass(frozen=True)
class Totals:
    """What a measure needs of the records a link counts (a database sums them the same way)."""

    count: int = 0
    quantity: Decimal = Decimal(0)  # records without a quantity add nothing
    amount: Decimal = Decimal(0)
    counted: str = ""  # the counting word of the first record (by date) that has one


def records_for(records, link: EvidenceLink, year: int, until: date | None = None) -> list[EvidenceRecord]:
    """The records a link counts: its kind and subtype, dated in ``year`` (up to ``until``), by date."""
    chosen = [
        r
        for r in records
        if r.kind == link.kind
        and (not link.subtype or r.subtype == link.subtype)
        and r.day.year == year
        and (until is None or r.day <= until)
    ]
    return sorted(chosen, key=lambda r: (r.day, r.title))


def totals_of(chosen: list[EvidenceRecord]) -> Totals:
    return Totals(len(chosen), sum((r.quantity for r in chosen if r.quantity is not None), Decimal(0)),
                  sum((r.amount for r in chosen if r.amount is not None), Decimal(0)),
                  next((r.unit for r in chosen if r.unit), ""))


def evidence_actual(records, link: EvidenceLink, year: int, unit: str = "", until: date | None = None) -> EvidenceActual:
    """The actual of a linked indicator (in ``unit``, the indicator's target unit) from the records."""
    chosen = records_for(records, link, year, until)
    actual = actual_of_totals(totals_of(chosen), link, year, unit)
    actual.records = chosen
    return actual


def actual_of_totals(totals: Totals, link: EvidenceLink, year: int, unit: str = "") -> EvidenceActual:
    """The actual of a linked indicator from the totals of the records it counts."""
    scope = f"{year}年{link.describe()}"
    n, quantity, amount, counted = totals.count, totals.quantity, totals.amount, totals.counted
    if link.measure == "count":
        value = Decimal(n)
        return EvidenceActual(value, f"{plain(value)}{unit}", f"{scope}：共 {n} 条", count=n)
    if link.measure == "quantity":
        return EvidenceActual(quantity, f"{plain(quantity)}{unit or counted}", f"{scope}：{grouped(quantity)}{counted}",
                              count=n)
    if link.measure == "amount":
        return EvidenceActual(amount, f"{plain(amount)}{unit or '元'}", f"{scope}：{grouped(amount)}元", count=n)
    if not quantity:
        return EvidenceActual(None, "", f"{scope}：数量合计为 0，无法计算单价", count=n)
    price = (amount / quantity).quantize(Decimal("0.01"))
    per = unit or (f"元/{counted}" if counted else "元")
    return EvidenceActual(
        price,
        f"{plain(price)}{per}",
        f"{year}年“{link.subtype or KIND_LABELS.get(link.kind, link.kind)}”记录：金额合计 {grouped(amount)}元 ÷ "
        f"数量合计 {grouped(quantity)}{counted} = {plain(price)}{per}",
        count=n,
    )

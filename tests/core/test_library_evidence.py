"""Actuals taken from evidence records: counts, sums and unit prices over a year's records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.core.library.evidence import EvidenceLink, EvidenceRecord, check_record, evidence_actual, records_for

RECORDS = [
    EvidenceRecord("activity", "宣传活动", date(2024, 3, 5), "国家安全教育日宣传"),
    EvidenceRecord("activity", "宣传活动", date(2024, 6, 26), "禁毒宣传进社区"),
    EvidenceRecord("activity", "培训", date(2024, 5, 10), "网格员培训", quantity=Decimal(40), unit="人"),
    EvidenceRecord("activity", "宣传活动", date(2024, 11, 9), "消防宣传月"),
    EvidenceRecord("activity", "宣传活动", date(2023, 12, 30), "上年活动"),
    EvidenceRecord("purchase", "制品采购", date(2024, 4, 1), "宣传折页", quantity=Decimal(20000), amount=Decimal(24000), unit="份"),
    EvidenceRecord("purchase", "制品采购", date(2024, 9, 1), "宣传海报", quantity=Decimal(12000), amount=Decimal(16000), unit="份"),
]


def test_count_of_the_years_activities_with_the_list_behind_it():
    actual = evidence_actual(RECORDS, EvidenceLink("activity", "宣传活动"), 2024, unit="次")
    assert (actual.value, actual.text) == (Decimal(3), "3次")
    assert actual.explanation == "2024年“宣传活动”记录的记录条数：共 3 条"
    assert [r.title for r in actual.records] == ["国家安全教育日宣传", "禁毒宣传进社区", "消防宣传月"]


def test_count_up_to_a_monitoring_cutoff():
    actual = evidence_actual(RECORDS, EvidenceLink("activity", "宣传活动"), 2024, unit="次", until=date(2024, 7, 31))
    assert actual.text == "2次"


def test_unit_price_is_amount_over_quantity():
    actual = evidence_actual(RECORDS, EvidenceLink("purchase", "制品采购", "unit_price"), 2024)
    assert (actual.value, actual.text) == (Decimal("1.25"), "1.25元/份")
    assert actual.explanation == "2024年“制品采购”记录：金额合计 40,000元 ÷ 数量合计 32,000份 = 1.25元/份"


def test_sums_of_quantity_and_amount():
    assert evidence_actual(RECORDS, EvidenceLink("purchase", "制品采购", "quantity"), 2024).text == "32000份"
    assert evidence_actual(RECORDS, EvidenceLink("purchase", "", "amount"), 2024).text == "40000元"
    assert evidence_actual(RECORDS, EvidenceLink("activity", "培训", "quantity"), 2024, unit="人次").text == "40人次"


def test_no_records_gives_zero_and_no_price():
    assert evidence_actual(RECORDS, EvidenceLink("case", "调解"), 2024, unit="件").text == "0件"
    price = evidence_actual(RECORDS, EvidenceLink("purchase", "设备采购", "unit_price"), 2024)
    assert price.value is None and "数量合计为 0" in price.explanation


def test_records_of_every_subtype_of_a_kind():
    assert len(records_for(RECORDS, EvidenceLink("activity"), 2024)) == 4


def test_bad_records_are_explained():
    bad = EvidenceRecord("purchase", " ", date(2024, 1, 1), "", quantity=Decimal(-1))
    assert check_record(bad) == ["请填写记录类型（如宣传活动、制品采购）", "请填写记录名称", "数量不能为负数（填写的是 -1）", "采购记录须填写数量和金额"]
    assert check_record(RECORDS[0]) == []
    assert "记录类别“meeting”" in check_record(EvidenceRecord("meeting", "会", date(2024, 1, 1), "x"))[0]

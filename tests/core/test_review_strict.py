"""Strict checking: targets that contradict their indicator's name, on the demo and on real tables."""

from pathlib import Path

import pytest

from jixiao.core.io import read_document
from jixiao.core.review import DEFAULT_CONFIG, RULES, review_document, review_table
from jixiao.core.review.strict import digit_correction, target_findings
from jixiao.core.targets import parse_target
from jixiao.demo import DEMO_DOCUMENT

STRICT = ("form.digit-lookalike", "form.rate-not-numeric", "form.rate-over-100", "form.rate-unit",
          "form.comparator-direction")
REAL = Path(__file__).parent.parent / "fixtures" / "real"


def rules(name, text):
    return [(f.rule, f.severity) for f in target_findings(name, text)]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("上访人息诉罢访率", "大概八成左右吧", [("form.rate-not-numeric", "error")]),
    ("维稳事件处置及时率", "及时", [("form.rate-not-numeric", "error")]),
    ("群体性事件处置率", "≥120%", [("form.rate-over-100", "error")]),
    ("宣传区域覆盖率", "≥9O%", [("form.digit-lookalike", "error")]),
    ("维稳工作任务完成率", "l00%", [("form.digit-lookalike", "error")]),
    ("开展宣传活动次数", "IO", [("form.digit-lookalike", "error")]),
    ("补助发放到位率", "12人", [("form.rate-unit", "warning")]),
    ("宣传对象满意度", "≤80%", [("form.comparator-direction", "warning")]),
    ("群众投诉率", "≥5%", [("form.comparator-direction", "warning")]),
])
def test_each_leniency_case_is_flagged(name, text, expected):
    assert rules(name, text) == expected


@pytest.mark.parametrize(("name", "text"), [
    ("宣传区域覆盖率", "≥90%"),
    ("群众投诉率", "≤5%"),
    ("不满意率", "≤5%"),                 # contains 满意 but lower is better
    ("接返工作任务完成及时率", "≥90%"),  # 接返工作 is not 返工
    ("财政收入增长率", "≥120%"),         # a growth rate may exceed 100 %
    ("O2O平台", "O2O平台建设完成"),      # a Latin word, not a number
    ("ISO认证", "通过ISO9001认证"),
    ("宣传对象满意度", "≥90分"),
    ("社会效益", "大概八成左右吧"),       # not a rate: the grammar's own reading stands
])
def test_correct_or_unrelated_targets_pass(name, text):
    assert rules(name, text) == []


def test_the_suggestion_reads_letters_as_digits():
    assert digit_correction("≥9O%") == "≥90%"
    assert digit_correction("l00%") == "100%"
    assert digit_correction("1O次") == "10次"
    assert digit_correction("≥90%") is None
    messages = [f.message for f in target_findings("宣传区域覆盖率", "≥9O%")]
    assert messages == ["指标值“≥9O%”中有字母混作数字，请改为“≥90%”。"]
    assert "如“≥80%”" in target_findings("知晓率", "大概八成左右吧")[0].message


def test_the_demo_has_no_strict_finding():
    findings = [f for r in review_document(read_document(DEMO_DOCUMENT)) for f in r.findings]
    assert not [f for f in findings if f.rule in STRICT]


def test_a_real_table_with_days_for_a_rate_gets_only_the_unit_warning():
    doc = read_document(REAL / "17-anhui-targets.txt")
    found = [(f.rule, f.indicator) for r in review_document(doc) for f in r.findings if f.rule in STRICT]
    assert found == [("form.rate-unit", "检测及时率")] * 2


def test_in_a_table_the_letter_is_an_error_and_not_also_an_unreadable_hint():
    doc = read_document(DEMO_DOCUMENT)
    table = next(t for t in doc.tables if t.name == "信访事项经费")
    indicator = next(i for i in table.indicators if i.name == "上访人息诉罢访率")
    indicator.annual_target = parse_target("≥9O%", indicator.category)
    found = [f for f in review_table(table) if f.indicator == "上访人息诉罢访率"]
    assert [(f.rule, f.severity) for f in found] == [("form.digit-lookalike", "error")]
    assert "当年度指标值“≥9O%”中有字母混作数字，请改为“≥90%”" in found[0].message


def test_a_configured_severity_applies_to_the_live_check_too():
    config = type(DEFAULT_CONFIG)(severities={"form.rate-unit": "error"})
    assert [f.severity for f in target_findings("到位率", "12人", config=config)] == ["error"]
    assert all(rule in RULES for rule in STRICT)

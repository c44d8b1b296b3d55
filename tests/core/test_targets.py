from datetime import date
from decimal import Decimal

import pytest

from jixiao.core.targets import (
    convert_amount,
    explain_target,
    format_target,
    parse_target,
    units_compatible,
)
from jixiao.demo import DEMO_DOCUMENT


def demo_targets() -> list[str]:
    """Every distinct target cell of the demo document's indicator rows.

    An indicator row ends with its two target values (equal in this document); a row that lost one
    of them ends with the one that is left. Label-only rows ('经济效益指标' …) carry none.
    """
    targets, inside = set(), False
    for line in DEMO_DOCUMENT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if cells[:1] == ["项目绩效目标表"]:
            inside = False
        elif inside and len(cells) >= 2 and not cells[-1].replace(" ", "").endswith("指标"):
            if set(cells[-1]) != {"-"}:
                targets.add(cells[-1])
        if "三级指标" in cells:
            inside = True
    return sorted(targets)


DEMO_TARGETS = demo_targets()


def numeric(op, value, unit=None, direction=None, upper=None):
    return {
        "kind": "numeric", "op": op, "value": Decimal(value), "unit": unit,
        "upper": upper and Decimal(upper), "direction": direction,
    }  # fmt: skip


def fields(v):
    names = ("kind", "op", "value", "unit", "upper", "direction")
    return {name: getattr(v, name) for name in names}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("≥80%", numeric(">=", "80", "%", "higher")),
        ("≤1.25元/份", numeric("<=", "1.25", "元/份", "lower")),
        (">5次", numeric(">", "5", "次", "higher")),
        ("<3次", numeric("<", "3", "次", "lower")),
        ("=6人", numeric("=", "6", "人", "exact")),
        (">=90%", numeric(">=", "90", "%", "higher")),
        ("<=10个", numeric("<=", "10", "个", "lower")),
        ("＞5家", numeric(">", "5", "家", "higher")),
        ("≧95%", numeric(">=", "95", "%", "higher")),
        ("不低于90%", numeric(">=", "90", "%", "higher")),
        ("不少于2次", numeric(">=", "2", "次", "higher")),
        ("大于等于3户", numeric(">=", "3", "户", "higher")),
        ("至少4场", numeric(">=", "4", "场", "higher")),
        ("不高于5%", numeric("<=", "5", "%", "lower")),
        ("不超过5000元", numeric("<=", "5000", "元", "lower")),
        ("小于等于2件", numeric("<=", "2", "件", "lower")),
        ("最多3间", numeric("<=", "3", "间", "lower")),
        ("4次以上", numeric(">=", "4", "次", "higher")),
        ("5%以内", numeric("<=", "5", "%", "lower")),
        ("3次以下", numeric("<=", "3", "次", "lower")),
        ("±3%以内", numeric("±", "3", "%", "exact")),
        ("80%-90%", numeric("range", "80", "%", "exact", upper="90")),
        ("80～90%", numeric("range", "80", "%", "exact", upper="90")),
        ("80%至90%", numeric("range", "80", "%", "exact", upper="90")),
        ("100%", numeric("=", "100", "%", "exact")),
        ("6人", numeric("=", "6", "人", "exact")),
        ("1100间", numeric("=", "1100", "间", "exact")),
        ("１００％", numeric("=", "100", "%", "exact")),
        ("32,000份", numeric("=", "32000", "份", "exact")),
        ("≥20000", numeric(">=", "20000", None, "higher")),
        ("≥1.6元/份（个）", numeric(">=", "1.6", "元/份(个)", "higher")),
        ("≥12万元/年", numeric(">=", "12", "万元/年", "higher")),
        ("45000元/人/年", numeric("=", "45000", "元/人/年", "exact")),
        ("98%", numeric("=", "98", "%", "exact")),
        ("5次", numeric("=", "5", "次", "exact")),
        ("1.2元/份", numeric("=", "1.2", "元/份", "exact")),
        (" ≥ 80 % ", numeric(">=", "80", "%", "higher")),
    ],
)
def test_it_parses_numeric_values(text, expected):
    v = parse_target(text)
    assert fields(v) == expected
    assert v.text == text.strip()
    assert v.warning is None


@pytest.mark.parametrize(
    "text, op, direction",
    [
        ("1.25元/份", "<=", "lower"),
        ("45000元/人/年", "<=", "lower"),
        ("12万元/年", "<=", "lower"),
        ("100%", "=", "exact"),  # a rate under 成本指标 is not a cap
        ("≥80%", ">=", "higher"),
        ("≥1.6元/份（个）", ">=", "higher"),  # an explicit sign wins over the category
    ],
)
def test_a_bare_amount_under_cost_is_a_cap(text, op, direction):
    v = parse_target(text, "cost")
    assert (v.op, v.direction) == (op, direction)


@pytest.mark.parametrize(
    "text, deadline",
    [
        ("2024年内", date(2024, 12, 31)),
        ("2024年12月前", date(2024, 12, 31)),
        ("2024年12月底前", date(2024, 12, 31)),
        ("2024年12月底", date(2024, 12, 31)),
        ("2024年2月底前", date(2024, 2, 29)),
        ("2024年6月30日前", date(2024, 6, 30)),
        ("2024年12月31日前", date(2024, 12, 31)),
        ("2024-06-30前", date(2024, 6, 30)),
        ("2024年11月完成", date(2024, 11, 30)),
        ("2024年11月20日完成", date(2024, 11, 20)),
        ("2024年第三季度", date(2024, 9, 30)),
        ("2024年上半年", date(2024, 6, 30)),
        ("2024年度", date(2024, 12, 31)),
        ("及时", None),
    ],
)
def test_it_parses_deadlines(text, deadline):
    v = parse_target(text)
    assert (v.kind, v.direction, v.deadline, v.warning) == ("deadline", "deadline", deadline, None)


def test_it_parses_labelled_composites():
    v = parse_target("良好等级：500元/人；优秀等级：1500元/人")
    assert (v.kind, v.direction) == ("composite", "exact")
    assert [(p.label, p.kind, p.op, p.value, p.unit) for p in v.parts] == [
        ("良好等级", "numeric", "=", Decimal(500), "元/人"),
        ("优秀等级", "numeric", "=", Decimal(1500), "元/人"),
    ]
    assert [p.text for p in v.parts] == ["良好等级：500元/人", "优秀等级：1500元/人"]


def test_composite_parts_under_cost_are_caps():
    v = parse_target("良好等级：500元/人；优秀等级：1500元/人", "cost")
    assert v.direction == "lower"
    assert [p.op for p in v.parts] == ["<=", "<="]
    assert format_target(v) == "良好等级：≤500元/人；优秀等级：≤1500元/人"


def test_it_parses_a_number_with_a_schedule():
    v = parse_target("1人/每周三")
    assert (v.kind, v.direction) == ("composite", "exact")
    number, schedule = v.parts
    assert (number.text, number.op, number.value, number.unit) == ("1人", "=", Decimal(1), "人")
    assert (schedule.text, schedule.kind) == ("每周三", "qualitative")
    assert format_target(v) == "1人/每周三"


@pytest.mark.parametrize("text", ["有效维护", "长期", "短期内健全", "良好", "有效提升", "促进长效建设", "有效维护，长期稳定"])
def test_descriptive_text_is_qualitative_without_warning(text):
    v = parse_target(text)
    assert (v.kind, v.direction, v.warning) == ("qualitative", "qualitative", None)
    assert explain_target(v) == f"定性指标：{text}"


@pytest.mark.parametrize("text", ["约≥3次?", "#$%", "≥80%以下", "90%-80%", "2024年13月前", "2024年2月30日前", "≥5辆车", "5 6个", ""])
def test_text_that_fits_no_pattern_is_qualitative_with_a_warning(text):
    v = parse_target(text)
    assert (v.kind, v.direction, v.text) == ("qualitative", "qualitative", text)
    assert v.warning
    assert explain_target(v) == "无法识别，按定性指标处理"


@pytest.mark.parametrize(
    "text, category, canonical",
    [
        ("不低于80%", None, "≥80%"),
        ("1.25元/份", "cost", "≤1.25元/份"),
        ("1.25元/份", None, "=1.25元/份"),
        ("2024年内", None, "2024年12月31日前"),
        ("2024年12月底前", None, "2024年12月31日前"),
        ("80%至90%", None, "80%～90%"),
        ("±3%以内", None, "±3%"),
        ("６人", None, "6人"),
        ("及时", None, "及时"),
        ("有效维护", None, "有效维护"),
    ],
)
def test_it_formats_canonical_text(text, category, canonical):
    assert format_target(parse_target(text, category)) == canonical


@pytest.mark.parametrize(
    "text, category, explanation",
    [
        ("≥80%", None, "≥ 80 %，越高越好"),
        ("1.25元/份", "cost", "≤ 1.25 元/份，越低越好（成本上限）"),
        ("≤5%", None, "≤ 5 %，越低越好"),
        ("6人", None, "= 6 人，需达到"),
        ("2024年12月31日前", None, "2024年12月31日前完成"),
        ("及时", None, "及时完成"),
        ("有效维护", None, "定性指标：有效维护"),
        ("80%-90%", None, "80 % ～ 90 %，在区间内即达到"),
        ("±3%以内", None, "偏差 ± 3 % 以内，需达到"),
        ("1人/每周三", None, "= 1 人，需达到；定性指标：每周三"),
        ("良好等级：500元/人；优秀等级：1500元/人", "cost",
         "良好等级：≤ 500 元/人，越低越好（成本上限）；优秀等级：≤ 1500 元/人，越低越好（成本上限）"),
    ],
)  # fmt: skip
def test_it_explains_values_in_chinese(text, category, explanation):
    assert explain_target(parse_target(text, category)) == explanation


def test_the_demo_has_the_expected_target_strings():
    assert {"100%", "≥4次", "2024年内", "有效维护", "长期", "1人/每周三", "≥1.6元/份（个）", "≥12万元/年",
            "良好等级：500元/人；优秀等级：1500元/人", "45000元/人/年", "1.25元/份", "32000份"} <= set(DEMO_TARGETS)  # fmt: skip
    assert "维护社会安全稳定" not in DEMO_TARGETS  # an indicator name, not a value


@pytest.mark.parametrize("text", DEMO_TARGETS)
@pytest.mark.parametrize("category", [None, "cost"])
def test_every_demo_target_parses_without_warning(text, category):
    v = parse_target(text, category)
    assert v.warning is None
    assert v.text == text
    assert v.direction in ("higher", "lower", "exact", "deadline", "qualitative")
    if any(c.isdigit() for c in text):
        assert v.kind != "qualitative"


@pytest.mark.parametrize(
    "value, from_unit, to_unit, expected",
    [
        ("12", "万元", "元", "120000"),
        ("120000", "元", "万元", "12"),
        ("12", "万元/年", "元/年", "120000"),
        ("4.5", "万元/人", "元/人", "45000"),
        ("80", "%", "%", "80"),
        ("3", "次", "次", "3"),
        ("1.6", "元/份(个)", "元/份", "1.6"),
        ("5", None, "次", "5"),
    ],
)
def test_it_converts_amounts(value, from_unit, to_unit, expected):
    assert convert_amount(Decimal(value), from_unit, to_unit) == Decimal(expected)


@pytest.mark.parametrize("a, b", [("次", "人"), ("元", "元/年"), ("%", "元"), ("万元/年", "元/人")])
def test_it_refuses_to_convert_between_different_measures(a, b):
    assert convert_amount(Decimal(1), a, b) is None
    assert not units_compatible(a, b)


def test_each_call_returns_its_own_value():
    first = parse_target("1人/每周三")
    first.parts[0].value = Decimal(9)
    first.parts.append(parse_target("长期"))
    second = parse_target("1人/每周三")
    assert second.parts[0].value == Decimal(1)
    assert len(second.parts) == 2


def test_compatible_units():
    assert units_compatible("万元", "元")
    assert units_compatible("元/份（个）", "元/份")
    assert units_compatible(None, "%")


# Issue 10 point 6: what real published tables write (tests/fixtures/real), one case per item.
@pytest.mark.parametrize("text, op, value, unit, direction", [
    ("═100%", "=", "100", "%", "exact"),          # odd signs
    ("﹦5个", "=", "5", "个", "exact"),
    ("≧90%", ">=", "90", "%", "higher"),
    ("≦10天", "<=", "10", "天", "lower"),
    ("＞95%", ">", "95", "%", "higher"),
    ("＜5%", "<", "5", "%", "lower"),
    ("≥=90%", ">=", "90", "%", "higher"),         # a sign doubled by a 指标性质 column: ≥= and ≤=
    ("≤=5%", "<=", "5", "%", "lower"),
    ("≥100百分比", ">=", "100", "%", "higher"),   # the unit as a word
    (">=98%(百分比)", ">=", "98", "%", "higher"),  # the unit with its name beside it
    ("≥50厘米", ">=", "50", "厘米", "higher"),     # units
    ("≥266米", ">=", "266", "米", "higher"),
    ("≥3M", ">=", "3", "M", "higher"),
    ("≥12公里", ">=", "12", "公里", "higher"),
    ("≥850亩", ">=", "850", "亩", "higher"),
    ("≥550万粒", ">=", "550", "万粒", "higher"),
    ("≥500人次", ">=", "500", "人次", "higher"),
    ("≥2人/天", ">=", "2", "人/天", "higher"),
    ("≥3辆", ">=", "3", "辆", "higher"),
    ("≥2所", ">=", "2", "所", "higher"),
    ("≥5校", ">=", "5", "校", "higher"),
])
def test_the_signs_and_units_of_published_tables(text, op, value, unit, direction):
    v = parse_target(text)
    assert (v.kind, v.op, v.value, v.unit, v.direction, v.warning) == ("numeric", op, Decimal(value), unit, direction, None)
    assert v.text == text


@pytest.mark.parametrize("text", ["≥**人", "****元", "≥****%"])
def test_masked_digits_keep_the_row_as_written_with_a_warning(text):
    v = parse_target(text)
    assert (v.kind, v.text) == ("qualitative", text) and "遮蔽" in v.warning


@pytest.mark.parametrize("text, deadline", [
    ("2023.07-2024.01", date(2024, 1, 31)), ("2024年6月-2025年1月", date(2025, 1, 31)),
    ("2024.6-2025.1", date(2025, 1, 31)), ("2023年7月—2024年1月", date(2024, 1, 31)),
])
def test_month_spans_are_deadlines_not_ranges(text, deadline):
    v = parse_target(text)
    assert (v.kind, v.op, v.deadline) == ("deadline", None, deadline)

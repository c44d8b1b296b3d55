"""core.validate: each value checked against its column, each problem named by file, table, row, field."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.core import validate
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT

COLUMNS = validate.Columns(name=300, type=200, level=100, department=200, unit=200, level1=100, level2=100,
                           indicator_name=300, target_op=8, target_unit=50, budget=validate.Number(18, 2),
                           target_number=validate.Number(24, 6))


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT).tables


def test_the_demo_fits(demo):
    assert validate.problems(demo, COLUMNS, "demo.txt") == []


@pytest.mark.parametrize("budget, problem", [
    (Decimal("NaN"), "“NaN”不是有效的数字"),
    (Decimal("Infinity"), "“Infinity”不是有效的数字"),
    (Decimal("-Infinity"), "“-Infinity”不是有效的数字"),
    (Decimal("sNaN"), "“sNaN”不是有效的数字"),
    (Decimal("-0.01"), "不能小于 0（实为 -0.01）"),
    (Decimal("12345678901234567890123"), "“12345678901234567890123”超出范围：整数部分最多 16 位，小数最多 2 位"),
    (Decimal("1.005"), "“1.005”超出范围：整数部分最多 16 位，小数最多 2 位"),
    (Decimal("1E+16"), "“1E+16”超出范围：整数部分最多 16 位，小数最多 2 位"),
    (Decimal("1E+99999999"), "“1E+99999999”超出范围：整数部分最多 16 位，小数最多 2 位"),
    (Decimal("1E-99999999"), "“1E-99999999”超出范围：整数部分最多 16 位，小数最多 2 位"),
    ("181000", "应为数字，实为 str"),
])
def test_budget(demo, budget, problem):
    tables = [demo[0], replace(demo[1], budget=budget)]
    assert validate.problems(tables, COLUMNS, "a.json") == [f"a.json 第2张表《{demo[1].name}》 年度预算金额（元）：{problem}"]


@pytest.mark.parametrize("budget", ["0", "0E-99999999", "9999999999999999.99", "181000.00", "1E+15", "0.5", "1.2000000"])
def test_budgets_that_fit(demo, budget):
    assert validate.problems([replace(demo[0], budget=Decimal(budget))], COLUMNS) == []


def test_a_200000_character_name_is_named_short(demo):
    (line,) = validate.problems([replace(demo[0], name="项" * 200_000)], COLUMNS, "x.json")
    assert line == "x.json 第1张表《" + "项" * 30 + "…》 项目名称：长 200,000 个字符，超过上限 300 个字符"


def test_indicator_problems_name_the_row_and_field(demo):
    t = demo[0]
    ind = t.indicators[2]
    target = replace(ind.annual_target, value=Decimal("1E+30"), unit="u" * 51)
    bad = replace(ind, name="a\x00b", annual_target=target, category="nonsense")
    lines = validate.problems([replace(t, indicators=[*t.indicators[:2], bad])], COLUMNS, "f.json")
    row = f"f.json 第1张表《{t.name}》 第3个指标（第{ind.source.line}行）「a?b」"
    assert lines == [
        f"{row} 三级指标：含有数据库无法保存的字符（空字符或不成对的代理字符）",
        f"{row} 指标类别：“nonsense”不是可识别的类别",
        f"{row} 当年度指标值的计量单位：长 51 个字符，超过上限 50 个字符",
        f"{row} 当年度指标值的数值：“1E+30”超出范围：整数部分最多 18 位，小数最多 6 位",
    ]


def test_years_and_types(demo):
    t = replace(demo[0], year=99_999_999_999, period_start=True, unit="\ud800", goals=replace(demo[0].goals, annual=5))
    assert [line.split(" ", 2)[2] for line in validate.problems([t], COLUMNS)] == [
        "用款单位：含有数据库无法保存的字符（空字符或不成对的代理字符）",
        "预算年度：99999999999 不是有效的年份（应在 1900 至 2100 之间）",
        "起始年度：应为年份，实为 bool",
        "年度目标：应为文字，实为 int",
    ]


def test_composite_parts_and_sections_are_checked(demo):
    from jixiao.core.targets import parse_target

    composite = parse_target("良好等级：≥90%；优秀等级：≥95%")
    assert composite.kind == "composite"
    part = replace(composite.parts[0], value=Decimal("NaN"))
    ind = replace(demo[0].indicators[0], annual_target=replace(composite, parts=[part, composite.parts[1]]))
    table = replace(demo[0], indicators=[ind], sections=[replace(demo[0].sections[0], level2="x\x00")])
    lines = [line.split(" ", 3)[-1] for line in validate.problems([table], COLUMNS)]
    assert lines == ["二级指标：含有数据库无法保存的字符（空字符或不成对的代理字符）",
                     "当年度指标值的数值：“NaN”不是有效的数字"]


def test_summary_is_one_line():
    assert validate.summary(["a", "b", "c"]) == "a（另有 2 处问题）"
    assert validate.summary(["a"]) == "a"


def test_a_target_known_to_fit_is_checked_again_for_other_types_and_columns(demo):
    """Fitting targets are remembered by their fields and the fields' types: True == 1, but a bool is
    no number; and what fits one set of columns may not fit a smaller one."""
    t = demo[0]
    ind = t.indicators[0]
    one = replace(ind.annual_target, value=1, unit="次")
    assert validate.problems([replace(t, indicators=[replace(ind, annual_target=one)])], COLUMNS) == []
    as_bool = replace(one, value=True)
    lines = validate.problems([replace(t, indicators=[replace(ind, annual_target=as_bool)])], COLUMNS)
    assert [line.split("」 ", 1)[1] for line in lines] == ["当年度指标值的数值：应为数字，实为 bool"]
    narrow = replace(COLUMNS, target_unit=0)
    lines = validate.problems([replace(t, indicators=[replace(ind, annual_target=one)])], narrow)
    assert "当年度指标值的计量单位：长 1 个字符，超过上限 0 个字符" in [line.split("」 ", 1)[1] for line in lines]
    unhashable = replace(one, text=["≥1次"])
    lines = validate.problems([replace(t, indicators=[replace(ind, annual_target=unhashable)])], COLUMNS)
    assert [line.split("」 ", 1)[1] for line in lines] == ["当年度指标值：应为文字，实为 list"]


def test_indicator_names_are_each_checked(demo):
    t = demo[0]
    ind = t.indicators[0]
    for bad, field in ((replace(ind, level1="\ud800"), "一级指标"), (replace(ind, level2=None), "二级指标"),
                       (replace(ind, name="名" * 301), "三级指标")):
        (line,) = validate.problems([replace(t, indicators=[bad])], COLUMNS)
        assert f" {field}：" in line

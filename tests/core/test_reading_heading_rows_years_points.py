"""Heading rows over heading rows, a budget year printed alone under the title, points notes after level
labels ('成本指标(0-20)分'), and the last row of a self-evaluation cut off after its points."""

from decimal import Decimal

import pytest

from jixiao.core import categories
from jixiao.core.io import read_upload

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
ROWS = [["产出指标", "数量指标", "培训人次", "≥500人次"], ["", "质量指标", "培训合格率", "≥95%"]]


def _text(before: list[str], separator: str = " | ") -> str:
    rows = [["项目名称", "基层干部培训"], ["实施单位", "某县委党校"], HEADER, *ROWS]
    return "\n".join([*before, *(separator.join(r) + " |" for r in rows)])


@pytest.mark.parametrize("year_line", ["(2022年度)", "（ 2022年度）", "2022年度)", "2022年度", "(2022年)"])
def test_a_year_alone_under_the_title_is_the_budget_year(year_line):
    for title in ("项目支出绩效目标表", "项目支出目标申报表"):  # a title the reader starts a table at, and one it does not
        (table,) = read_upload(_text([title, year_line]).encode(), "t.txt").tables
        assert table.year == 2022, (title, year_line)


def test_a_year_too_far_above_the_table_or_with_other_words_is_not_its_year():
    far = ["项目支出目标申报表", "(2022年度)", *["说明文字"] * 12]
    assert read_upload(_text(far).encode(), "t.txt").tables[0].year is None
    worded = ["项目支出目标申报表", "发布于2022年度"]
    assert read_upload(_text(worded).encode(), "t.txt").tables[0].year is None


def test_a_year_given_one_cell_per_line_as_a_labels_value_stays_that_labels():
    cells = ["项目支出绩效目标表", "实施周期", "2023年度", "项目名称", "基层干部培训", "实施单位", "某县委党校",
             *HEADER, *(c or " " for r in ROWS for c in r)]
    (table,) = read_upload("\n\n".join(cells).encode(), "t.txt").tables
    assert (table.name, table.period_start, table.period_end, table.unit) == ("基层干部培训", 2023, 2023, "某县委党校")


def test_no_year_of_the_real_corpus_is_read_wrong(real_tables):
    read = 0
    for source, want, got in real_tables:
        assert got.year in (None, want["year"]), (source, want["year"], got.year)
        read += got.year is not None
    assert read >= 32


@pytest.mark.parametrize("label, stem", [("产出指标(20分)", "产出指标"), ("成本指标(0-20)分", "成本指标"),
                                         ("产出指标（40-50分）", "产出指标"), ("效益指标 (30 分)", "效益指标"),
                                         ("满意度指标", "满意度指标"), ("数量指标(个)", "数量指标(个)")])
def test_points_notes_are_one_rule(label, stem):
    assert categories.without_points(label) == stem
    assert categories.is_label(label)
    assert categories.level1_kind(label) == categories.level1_kind(stem)


def test_a_points_note_alone_on_its_line_is_no_indicator():
    text = "\n".join(["项目支出绩效目标表", "项目名称 培训", "一级指标 二级指标 三级指标 指标值",
                      "成本指标(0-20)分 经济成本指标 项目建设成本 ≤65万元", "产出指标", "(40-50)分",
                      "数量指标 培训人次 ≥500人次"])
    (table,) = read_upload(text.encode(), "t.txt").tables
    assert [(i.level1, i.name) for i in table.indicators] == [("成本指标", "项目建设成本"), ("产出指标", "培训人次")]


SELF_EVALUATION = [
    "项目支出绩效自评表",
    "| 项目名称 | 卫片执法补助经费 |",
    "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    "一级指标 |",
    "二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
    "| 产出指标 | 数量指标 | 补助经费 | ﹦ | 72890 | 元 | 72890 | 10.00 | 9.00 |",
    "| 质量指标 | 验收合格率 | ﹦ | 100 | % | 100 | 20 | 19 | 未全部验收 |",
    "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95 | % | 95 | 10.00 |",
]


def test_a_heading_row_under_one_without_levels_is_its_sub_headings():
    """绩效指标 stands over 一级/二级/三级, 年度指标值 over 指标性质/指标值/度量单位; the rest keep their columns."""
    (table,) = read_upload("\n".join([*SELF_EVALUATION, "| 填表人 | 张三 |"]).encode(), "t.txt").tables
    got = [(i.level1, i.level2, i.name, i.annual_target.text, i.actual, i.weight, i.score, i.deviation)
           for i in table.indicators]
    assert got[:2] == [("产出指标", "数量指标", "补助经费", "﹦72890元", "72890", Decimal("10.00"), Decimal("9.00"), None),
                       ("产出指标", "质量指标", "验收合格率", "﹦100%", "100", Decimal("20"), Decimal("19"), "未全部验收")]


def test_the_last_row_cut_after_its_points_has_its_actual_and_points():
    (table,) = read_upload("\n".join(SELF_EVALUATION).encode(), "t.txt").tables
    last = table.indicators[-1]
    assert (last.name, last.annual_target.text, last.actual, last.weight, last.score) == \
        ("满意度", "≥95%", "95", Decimal("10.00"), None)

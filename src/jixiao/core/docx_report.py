"""Word (.docx) skeleton of the 项目支出绩效自评报告, prefilled for the unit to finish.

``write_self_evaluation_docx(table, evaluation, dest, execution=..., goal_actual=...)``: ``evaluation``
is the scoring core's ``TableResult``. The score table is the 自评表's (``evaluation_layout``), so
each cell reads as it does on the 自评表.
"""

from __future__ import annotations

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.core.evaluation_layout import (
    EvaluationSheet, ScoreRow, evaluation_sheet, format_points, format_rate,
)
from jixiao.core.layout import format_budget
from jixiao.core.model import TargetTable
from jixiao.core.scoring.config import MET, NOT_APPLICABLE

TO_FILL = "（请填写）"
SCORE_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def not_met(sheet: EvaluationSheet) -> list[ScoreRow]:
    """The indicator lines scored below full points (or not scored yet), not-applicable ones excluded."""
    return [r for r in sheet.rows if r.result.status != NOT_APPLICABLE
            and (r.result.status != MET or r.result.score < r.result.weight)]


def _document() -> WordDocument:
    doc = WordDocument()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    return doc


def _table(doc, rows: list[list[str]], header: bool = True):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            if header and r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def write_self_evaluation_docx(table: TargetTable, evaluation, dest, *, execution=None, goal_actual: str = "",
                               rules: str = "") -> None:
    """Write the report skeleton for one table; ``dest`` is a path or a binary file object.

    ``execution``: the scoring ``Execution`` (yuan); ``goal_actual``: 年度总体目标的实际完成情况.
    """
    sheet = evaluation_sheet(table, evaluation, execution=execution, goal_actual=goal_actual, rules=rules)
    doc = _document()
    year = f"{table.year}年度" if table.year else ""
    title = doc.add_heading(f"{table.name}{year}项目支出绩效自评报告", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading("一、项目基本情况", level=1)
    period = f"{table.period_start or ''}—{table.period_end or ''}年" if table.period_start else ""
    _table(doc, [
        ["项目名称", table.name], ["项目类型", table.type], ["项目等级", table.level],
        ["主管部门", table.department], ["实施单位", table.unit], ["实施周期", period],
        ["年度预算金额（元）", format_budget(table.budget)],
    ], header=False)
    doc.add_paragraph(f"实施周期总目标：{table.goals.period}")
    doc.add_paragraph(f"年度目标：{table.goals.annual}")
    doc.add_paragraph(f"年度目标实际完成情况：{sheet.goal_actual or TO_FILL}")
    doc.add_paragraph(f"项目实施情况：{TO_FILL}")

    doc.add_heading("二、绩效自评得分", level=1)
    doc.add_paragraph(f"本项目自评总分 {format_points(sheet.total)} 分，评价等级为“{sheet.grade}”。"
                      + (f"{sheet.rules}。" if sheet.rules else ""))
    funds = sheet.funds[0]
    rows = [list(SCORE_HEADERS)]
    rows.append(["预算执行率", "", "", "100%", format_rate(funds.rate), format_points(funds.weight),
                 format_points(funds.score)])
    first = len(rows)
    for r in sheet.rows:
        rows.append([r.block if r.block_span else "", r.level2 if r.level2_span else "", r.name, r.target,
                     r.actual, r.weight_text, r.score_text])
    rows.append(["总分", "", "", "", "", format_points(sheet.total_weight), format_points(sheet.total)])
    grid = _table(doc, rows)
    for n, r in enumerate(sheet.rows, first):
        for column, span in ((0, r.block_span), (1, r.level2_span)):
            if span > 1:
                merged = grid.cell(n, column).merge(grid.cell(n + span - 1, column))
                for empty in merged.paragraphs[1:]:  # one per covered cell, all blank
                    empty._element.getparent().remove(empty._element)

    doc.add_heading("三、未完成指标及偏差原因分析", level=1)
    missed = not_met(sheet)
    if not missed:
        doc.add_paragraph("全部绩效指标均已达成。")
    for n, r in enumerate(missed, 1):
        doc.add_paragraph(
            f"{n}. {r.name}：年度指标值 {r.target}，实际完成值 {r.actual or '未填报'}，"
            f"得分 {r.score_text}/{r.weight_text}。"
        )
        doc.add_paragraph(f"偏差原因分析及改进措施：{r.deviation or TO_FILL}")

    doc.add_heading("四、存在的问题及改进措施", level=1)
    doc.add_paragraph(TO_FILL)
    doc.add_heading("五、绩效自评结果应用", level=1)
    doc.add_paragraph(TO_FILL)
    doc.save(dest)

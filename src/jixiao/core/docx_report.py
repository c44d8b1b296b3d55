"""Word (.docx) skeleton of the 项目支出绩效自评报告, prefilled for the unit to finish.

``write_self_evaluation_docx(table, evaluation, dest)``: ``evaluation`` is the scoring result
(``jixiao.core.scoring.table.TableResult``) or any object or mapping with the same names: ``total``,
``grade``, ``budget`` (``weight``, ``rate``, ``score``) and ``indicators`` in table order (``weight``,
``score``, ``status``, ``actual``, ``deviation_analysis``).
"""

from __future__ import annotations

from decimal import Decimal

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.core.layout import format_budget
from jixiao.core.model import TargetTable

TO_FILL = "（请填写）"
SCORE_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def _get(obj, name: str, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _num(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def not_met(table: TargetTable, evaluation) -> list[tuple]:
    """(indicator, result) for every indicator scored below full points (not-applicable excluded)."""
    out = []
    for indicator, result in zip(table.indicators, _get(evaluation, "indicators", []) or []):
        status = _get(result, "status")
        if status == "not_applicable":
            continue
        score, weight = _get(result, "score"), _get(result, "weight")
        if status != "met" or (score is not None and weight is not None and Decimal(score) < Decimal(weight)):
            out.append((indicator, result))
    return out


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


def write_self_evaluation_docx(table: TargetTable, evaluation, dest) -> None:
    """Write the report skeleton for one table; ``dest`` is a path or a binary file object."""
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
    doc.add_paragraph(f"项目实施情况：{TO_FILL}")

    doc.add_heading("二、绩效自评得分", level=1)
    total, grade = _get(evaluation, "total"), _get(evaluation, "grade", "")
    doc.add_paragraph(f"本项目自评总分 {_num(total)} 分，评价等级为“{grade}”。")
    budget = _get(evaluation, "budget")
    rate = _get(budget, "rate")
    rows = [list(SCORE_HEADERS)]
    rows.append(["预算执行率", "", "", "100%", f"{Decimal(rate) * 100:.2f}%" if rate is not None else "",
                 _num(_get(budget, "weight")), _num(_get(budget, "score"))])
    for indicator, result in zip(table.indicators, _get(evaluation, "indicators", []) or []):
        status = _get(result, "status")
        rows.append([
            indicator.level1, indicator.level2, indicator.name,
            indicator.annual_target.text if indicator.annual_target else "",
            _get(result, "actual") or "",
            "不适用" if status == "not_applicable" else _num(_get(result, "weight")),
            "" if status == "not_applicable" else _num(_get(result, "score")),
        ])
    rows.append(["总分", "", "", "", "", "100.00", _num(total)])
    _table(doc, rows)

    doc.add_heading("三、未完成指标及偏差原因分析", level=1)
    missed = not_met(table, evaluation)
    if not missed:
        doc.add_paragraph("全部绩效指标均已达成。")
    for n, (indicator, result) in enumerate(missed, 1):
        target = indicator.annual_target.text if indicator.annual_target else ""
        doc.add_paragraph(
            f"{n}. {indicator.name}：年度指标值 {target}，实际完成值 {_get(result, 'actual') or '未填报'}，"
            f"得分 {_num(_get(result, 'score'))}/{_num(_get(result, 'weight'))}。"
        )
        doc.add_paragraph(f"偏差原因分析及改进措施：{_get(result, 'deviation_analysis') or TO_FILL}")

    doc.add_heading("四、存在的问题及改进措施", level=1)
    doc.add_paragraph(TO_FILL)
    doc.add_heading("五、绩效自评结果应用", level=1)
    doc.add_paragraph(TO_FILL)
    doc.save(dest)

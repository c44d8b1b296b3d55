"""Downloads of a stored 绩效自评: 自评表 .xlsx/.pdf and the .docx report, scored by the core."""

import io
from decimal import Decimal

import pdfplumber
import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import EvaluationEntry, SelfEvaluation

GOAL_ACTUAL = "全年劝返接送到位，两会期间驻点无非正常上访。"
REASON = "下半年人手不足；明年增配专人。"


@pytest.fixture
def evaluation(xinfang, cast):
    ev = SelfEvaluation.objects.create(table=xinfang, budget_initial=Decimal(181000),
                                       budget_full_year=Decimal(181000), spent=Decimal(171950),
                                       goal_actual=GOAL_ACTUAL, updated_by=cast.alice)
    for row in scoring.indicator_rows(xinfang):
        if scoring.is_rated(row):
            # the four rated 效益 indicators share 30 points: 达成 with full marks
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, rating="met", rating_score=Decimal("7.5"))
        elif row.name == "接返工作任务完成率":  # 100% wanted, 95% done
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, actual="95%", deviation_analysis=REASON)
        else:
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, actual=row.annual_text)
    return ev


def _result(ev):
    rows = scoring.indicator_rows(ev.table)
    return scoring.evaluate(ev, rows, {e.indicator_id: e for e in ev.entries.all()})


def test_sheet_as_xlsx_in_the_official_layout(client, cast, evaluation):
    result = _result(evaluation)
    assert result.budget.rate == Decimal("0.95") and result.total < 100 and result.complete
    client.force_login(cast.alice)
    response = client.get(f"/tables/{evaluation.table.pk}/evaluation/download/xlsx/")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "2024年度项目支出绩效自评表"
    funds = next(r for r in rows if r[1] == "年度资金总额")
    assert [float(v) for v in funds[3:]] == [18.1, 18.1, 17.195, 10.0, 0.95, 9.5]  # 万元
    missed = next(r for r in rows if r[3] == "接返工作任务完成率")
    assert missed[4:6] == ["100%", "95%"] and missed[8] == REASON
    assert GOAL_ACTUAL in next(r for r in rows if GOAL_ACTUAL in r)
    assert rows[-1][0] == "总分" and Decimal(str(rows[-1][7])) == result.total
    assert rows[-1][8] == f"等级：{result.grade}"


def test_sheet_as_pdf_and_report_as_docx(client, cast, evaluation):
    result = _result(evaluation)
    client.force_login(cast.rita)
    response = client.get(f"/tables/{evaluation.table.pk}/evaluation/download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        cells = ["".join((c or "").split()) for p in pdf.pages for t in p.extract_tables() for r in t for c in r]
        text = "|".join(cells + ["".join(p.extract_text().split()) for p in pdf.pages])
    assert "项目支出绩效自评表" in text and "产出指标(50分)" in text and f"{result.total:.2f}" in text
    response = client.get(f"/tables/{evaluation.table.pk}/evaluation/download/docx/")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    report = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
    assert "信访事项经费2024年度项目支出绩效自评报告" in report
    assert f"偏差原因分析及改进措施：{REASON}" in report


def test_refused_for_other_units_and_without_evaluation(client, cast, evaluation, xinfang):
    client.force_login(cast.bob)
    for fmt in ("xlsx", "pdf", "docx"):
        assert client.get(f"/tables/{xinfang.pk}/evaluation/download/{fmt}/").status_code == 404
    client.force_login(cast.alice)
    evaluation.delete()
    assert client.get(f"/tables/{xinfang.pk}/evaluation/download/xlsx/").status_code == 404
    assert client.get(f"/tables/{xinfang.pk}/evaluation/download/json/").status_code == 404


def test_sheet_page_links_the_downloads(client, cast, evaluation, xinfang):
    client.force_login(cast.alice)
    page = client.get(f"/tables/{xinfang.pk}/evaluation/sheet/").content.decode()
    for fmt in ("xlsx", "pdf", "docx"):
        assert f'href="/tables/{xinfang.pk}/evaluation/download/{fmt}/"' in page
    evaluation.delete()
    assert "/evaluation/download/" not in client.get(f"/tables/{xinfang.pk}/evaluation/sheet/").content.decode()

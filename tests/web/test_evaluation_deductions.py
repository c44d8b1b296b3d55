"""Judgement deductions on the 绩效自评 form: the evaluator may score an indicator below its formula
score with a required reason; pages show formula score, deduction and reason; the reviewer's 自评表
lists every deduction. Figures from the demo's 信访事项经费 (tests/web/test_evaluation_demo.py)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import SelfEvaluation

from .test_evaluation_demo import TOTAL, form_data
from .test_evaluation_review import form_url

ROOM = "访前法律咨询工作室"  # target 1间, actual 1间: met, formula 3.34 of 3.34
RATE = "接返工作任务完成率"  # 95 % of 100 %: formula 3.17


@pytest.fixture
def xinfang(xinfang, approve):
    return approve(xinfang)


def pk(table, name):
    return table.indicators.get(name=name).pk


def with_deduction(table, name, score, reason):
    row = pk(table, name)
    data = form_data(table)
    data.update({f"given_score-{row}": score, f"deduction_reason-{row}": reason,
                 f"deviation_analysis-{row}": f"{name}：台账不完整；下年补齐。"})
    return data


def test_a_met_target_scored_below_its_formula_with_a_reason(client, cast, xinfang):
    client.force_login(cast.alice)
    data = with_deduction(xinfang, ROOM, "2.34", "工作室开放时间不足，服务台账不完整")
    assert client.post(form_url(xinfang), {**data, "submit": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    entry = evaluation.entries.get(indicator__name=ROOM)
    assert (entry.given_score, entry.score, entry.deduction_reason) == (D("2.34"), D("2.34"), "工作室开放时间不足，服务台账不完整")
    assert (evaluation.status, evaluation.total) == ("submitted", TOTAL - D("1.00"))  # 89.19 − 1.00
    client.force_login(cast.rita)
    html = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    deductions = html.split('id="deductions"')[1].split("</section>")[0]
    assert ROOM in deductions and "3.34" in deductions and "1.00" in deductions and "2.34" in deductions
    assert "工作室开放时间不足，服务台账不完整" in deductions
    assert RATE not in deductions  # scored by its formula, no deduction


def test_the_form_shows_formula_score_deduction_and_reason(client, cast, xinfang):
    client.force_login(cast.alice)
    data = with_deduction(xinfang, RATE, "3", "接返记录有两次延迟")
    response = client.post(reverse("monitoring:evaluation_preview", args=[xinfang.pk]), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "公式得分 3.17，扣减 0.17，扣分理由：接返记录有两次延迟" in html
    assert f'<strong id="total">{TOTAL - D("0.17")}</strong>' in html


def test_a_deduction_without_a_reason_is_kept_but_blocks_submission(client, cast, xinfang):
    client.force_login(cast.alice)
    data = with_deduction(xinfang, ROOM, "2.34", "")
    page = client.post(form_url(xinfang), {**data, "submit": "1"})
    assert page.status_code == 200
    messages = [p.message for p in page.context["problems"]]
    assert f"「{ROOM}」请填写扣分理由。" in messages
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "draft" and evaluation.entries.get(indicator__name=ROOM).given_score == D("2.34")


def test_a_score_above_the_formula_is_refused_at_its_row(client, cast, xinfang):
    client.force_login(cast.alice)
    data = with_deduction(xinfang, RATE, "3.30", "多给分")
    page = client.post(form_url(xinfang), {**data, "save": "1"}, follow=True)
    row = pk(xinfang, RATE)
    [problem] = [p for p in page.context["problems"] if p.anchor == f"row-{row}"]
    assert problem.message == f"指标「{RATE}」：得分 3.3 分高于按公式计算的 3.17 分"
    assert f'name="given_score-{row}" aria-label="{RATE} 扣分后得分" value="3.30"' in page.content.decode()

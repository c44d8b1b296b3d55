"""The demo project 信访事项经费 evaluated through the web pages with a full set of actuals.

Every expected figure is worked out by hand below; the page must show the same to the cent.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import EvaluationEntry, SelfEvaluation

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


# 分值: 产出 (15 indicators incl. 成本) shares 50 → 3.34 × 5 + 3.33 × 10; 效益 4 × 7.50; 满意度 10.
ENTRIES = [
    # (field, value typed, rating score, expected 分值, expected 得分)
    ("actual", "1间", None, "3.34", "3.34"),  # 访前法律咨询工作室 1间: met
    ("actual", "5次", None, "3.34", "3.34"),  # 信访宣传活动次数 ≥4次: over-achieved, capped
    ("actual", "1个", None, "3.34", "3.34"),  # 驻点信访维稳工作专班 1个
    ("actual", "95%", None, "3.34", "3.17"),  # 接返工作任务完成率 100%: 95 ÷ 100 × 3.34 = 3.173
    ("actual", "32,000份", None, "3.34", "3.34"),  # 信访宣传制品数量 32000份, typed with a comma
    ("actual", "100%", None, "3.33", "3.33"),  # 信访宣传制品质量达标率 100%
    ("actual", "100%", None, "3.33", "3.33"),  # 驻点工作任务处理率 100%
    ("actual", "81%", None, "3.33", "3.00"),  # 上访人息诉罢访率 ≥90%: 81 ÷ 90 × 3.33 = 2.997
    ("actual", "88%", None, "3.33", "3.33"),  # 疏导访前群众任务完成率 ≥80%
    ("actual", "100%", None, "3.33", "3.33"),  # 信访宣传活动完成及时率 100%
    ("actual", "85%", None, "3.33", "3.33"),  # 提供访前法律咨询服务的及时率 ≥85%: exactly the target
    ("actual", "45%", None, "3.33", "1.67"),  # 驻点任务完成及时率 ≥90%: 0.5 × 3.33 = 1.665, half up
    ("actual", "90%", None, "3.33", "3.33"),  # 接返工作任务完成及时率 ≥90%
    ("actual", "95.5%", None, "3.33", "3.33"),  # 预算执行率（%） ≥90%
    ("actual", "1.4元/份", None, "3.33", "2.93"),  # 信访宣传制品单价 1.25元/份 is a cap, over-run:
    #                                              (1 − (1.4 − 1.25) ÷ 1.25) × 3.33 = 0.88 × 3.33 = 2.9304
    ("rating", "met", "7.5", "7.50", "7.50"),  # 维护信访人合法权益: 达成 7.5, the band's top
    ("rating", "met", "6.5", "7.50", "6.50"),  # 引导群众依法上访: 达成 6.5 (band 6–7.5)
    ("rating", "partly", "5.25", "7.50", "5.25"),  # 促进信访法治建设: 部分达成 (band 4.5–5.99)
    ("rating", "not_met", "3", "7.50", "3.00"),  # 维持合理的信访诉求秩序: 未达成 (band 0–4.49)
    ("actual", "92%", None, "10.00", "10.00"),  # 服务对象满意度 ≥80%
]
# 产出 3.34×3 + 3.17 + 3.34 + 3.33×2 + 3.00 + 3.33×3 + 1.67 + 3.33×2 + 2.93 = 47.44
# 效益 7.50 + 6.50 + 5.25 + 3.00 = 22.25; 满意度 10.00
# 预算执行率 171950 ÷ 181000 = 95.00 % → 10 × 0.95 = 9.50
# 总分 47.44 + 22.25 + 10.00 + 9.50 = 89.19 → 良 (80 ≤ 89.19 < 90)
BUDGET = {"budget_initial": "181000", "budget_full_year": "181,000", "spent": "171950"}
TOTAL, GRADE = D("89.19"), "良"
SHORT_OF_FULL = ["接返工作任务完成率", "上访人息诉罢访率", "驻点任务完成及时率", "信访宣传制品单价",
                 "引导群众依法上访", "促进信访法治建设", "维持合理的信访诉求秩序"]


def form_data(table, explain=True) -> dict:
    data = dict(BUDGET, goal_actual="全年劝返接送到位，两会期间驻点无非正常上访。")
    for row, (field, value, score, _w, expected) in zip(table.indicators.order_by("position"), ENTRIES):
        data[f"{field}-{row.pk}"] = value
        if score:
            data[f"rating_score-{row.pk}"] = score
        if explain and row.name in SHORT_OF_FULL:
            data[f"deviation_analysis-{row.pk}"] = f"{row.name}未达标：下半年人手不足；明年增配专人。"
    return data


@pytest.fixture
def evaluated(client, cast, xinfang):
    """alice enters and submits the full set of actuals with explanations."""
    client.force_login(cast.alice)
    response = client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), {**form_data(xinfang), "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return SelfEvaluation.objects.get(table=xinfang)


def test_each_stored_score_matches_hand_computation(evaluated, xinfang):
    got = [(str(e.indicator.name), str(e.score)) for e in
           EvaluationEntry.objects.filter(evaluation=evaluated).select_related("indicator").order_by("indicator__position")]
    names = list(xinfang.indicators.order_by("position").values_list("name", flat=True))
    assert got == [(n, expected) for n, (*_, expected) in zip(names, ENTRIES)]
    assert (evaluated.total, evaluated.grade, evaluated.complete) == (TOTAL, GRADE, True)
    assert evaluated.status == "submitted" and evaluated.submitted_at is not None


def test_sheet_shows_scores_weights_and_explanations(client, evaluated, xinfang):
    response = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    assert response.status_code == 200
    result = response.context["result"]
    assert [(str(r.weight), str(r.score)) for r in result.indicators] == [(w, s) for *_, w, s in ENTRIES]
    assert (result.total, result.grade, result.budget.score) == (TOTAL, GRADE, D("9.50"))
    html = response.content.decode()
    assert '<strong id="total">89.19</strong>' in html and '<strong class="grade" id="grade">良</strong>' in html
    for text in ("项目支出绩效自评表", "产出指标(50分)", "效益指标(30分)", "满意度指标(10分)",
                 "年初预算数", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）", "偏差原因分析及改进措施",
                 "18.1", "17.195", "95.00%",  # 万元 and B/A
                 "(1 − (1.4 − 1.25) ÷ 1.25) × 3.33 = 2.93 分",  # the reverse cost indicator, explained
                 "45 ÷ 90 × 3.33 = 1.67 分",
                 "完成情况「部分达成」", "信访宣传制品单价未达标：下半年人手不足"):
        assert text in html, text


def test_submission_requires_deviation_analysis_below_full_points(client, cast, xinfang):
    client.force_login(cast.alice)
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    response = client.post(url, {**form_data(xinfang, explain=False), "submit": "1"})
    assert response.status_code == 200
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "draft"  # saved as a draft, not submitted
    pending = [p.message for p in response.context["problems"] if "偏差原因分析及改进措施" in p.message]
    assert [e.split("」")[0].lstrip("「") for e in pending] == SHORT_OF_FULL


def test_submitted_evaluation_is_locked(client, evaluated, xinfang):
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    assert client.post(url, form_data(xinfang)).status_code == 403
    assert client.post(reverse("monitoring:evaluation_preview", args=[xinfang.pk]), form_data(xinfang)).status_code == 403
    assert client.get(url).status_code == 302  # read-only: shown as the 自评表

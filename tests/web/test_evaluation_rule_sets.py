"""A 绩效自评 is scored by its unit's rule set: drafts follow the rule set in force, submission records
it, and a submitted or approved evaluation keeps it (changing the unit's rule set never rescores it).
Every score on the pages and in the 自评表 downloads names the rule set that made it."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion
from jixiao.web.rules import choice

from .test_evaluation_demo import BUDGET, TOTAL, form_data
from .test_evaluation_review import act, form_url, reload

CENTRAL = "评分规则：中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）"
HUBEI = "评分规则：湖北省项目支出绩效自评（湖北省 鄂财绩发〔2020〕3号，2020.1 版）"
RATED = ("维护信访人合法权益", "引导群众依法上访", "促进信访法治建设", "维持合理的信访诉求秩序")


@pytest.fixture
def xinfang(xinfang, approve):
    return approve(xinfang)


def set_rules(cast, name):
    choice.choose(cast.unit_a, name, cast.adam, None)


def xlsx_text(response) -> str:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)


@pytest.fixture
def approved(client, cast, xinfang):
    client.force_login(cast.alice)
    assert client.post(form_url(xinfang), {**form_data(xinfang), "submit": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    client.force_login(cast.rita)
    assert client.post(act("approve", evaluation), {"text": "同意。"}).status_code == 302
    return reload(evaluation)


def test_an_approved_evaluation_keeps_its_rule_set_when_the_unit_changes(client, cast, xinfang, approved):
    assert (approved.rules_name, approved.rules_version, approved.total) == ("central-2020", "2020.1", TOTAL)
    set_rules(cast, "hubei")
    client.force_login(cast.rita)
    page = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    html = page.content.decode()
    assert page.context["result"].total == TOTAL  # 89.19 by 财预〔2020〕10号, not rescored by 湖北
    assert CENTRAL in html and HUBEI not in html
    assert CENTRAL in xlsx_text(client.get(reverse("documents:evaluation", args=[xinfang.pk, "xlsx"])))
    version = ApprovedVersion.objects.get(subject_kind="evaluation")
    assert version.snapshot["sheet"]["rules"] == CENTRAL
    summary = client.get(reverse("monitoring:evaluation_summary"), {"unit": cast.unit_a.pk}).content.decode()
    assert "中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）" in summary
    assert reload(approved).total == TOTAL and reload(approved).rules_name == "central-2020"


def test_a_draft_follows_the_rule_set_in_force(client, cast, xinfang):
    client.force_login(cast.alice)
    assert client.post(form_url(xinfang), {**BUDGET, "save": "1"}).status_code == 302
    draft = SelfEvaluation.objects.get(table=xinfang)
    # 171950 ÷ 181000 = 95 %: 财预〔2020〕10号 scores it 10 × 95 % = 9.50, 湖北 20 × 95 % = 19.00.
    assert (draft.rules_name, draft.total) == ("central-2020", D("9.50"))
    set_rules(cast, "hubei")
    page = client.get(form_url(xinfang))
    assert page.context["result"].total == D("19.00") and HUBEI in page.content.decode()
    assert client.post(form_url(xinfang), {**BUDGET, "save": "1", "version": str(draft.version)}).status_code == 302
    assert (reload(draft).rules_name, reload(draft).total) == ("hubei", D("19.00"))


def test_submission_scores_by_and_records_the_rule_set_in_force(client, cast, xinfang):
    """Saved under 财预〔2020〕10号, submitted after the unit moved to 湖北: the 湖北 score is kept.
    Rated indicators all 未达成 with 2 points (inside the band under both rule sets)."""
    data = form_data(xinfang)
    for row in xinfang.indicators.filter(name__in=RATED):
        data.update({f"rating-{row.pk}": "not_met", f"rating_score-{row.pk}": "2",
                     f"deviation_analysis-{row.pk}": "未达成：宣传不足；明年加强。"})
    client.force_login(cast.alice)
    assert client.post(form_url(xinfang), {**data, "save": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    # 财预〔2020〕10号: 产出 47.44 + 效益 4 × 2 + 满意度 10 + 预算执行 9.50 = 74.94
    assert (evaluation.rules_name, evaluation.total, evaluation.grade) == ("central-2020", D("74.94"), "中")
    set_rules(cast, "hubei")
    services.submit(evaluation, cast.alice)
    evaluation = reload(evaluation)
    # 湖北: 20 indicators × 4 points (80); full 12 × 4 = 48, 95 % → 3.80, 81 ÷ 90 → 3.60, 45 ÷ 90 → 2.00,
    # the price cap (1 − 0.15 ÷ 1.25) × 4 = 3.52, rated 4 × 2 = 8; 预算执行 20 × 95 % = 19.00 → 87.92 良
    assert (evaluation.status, evaluation.rules_name, evaluation.total, evaluation.grade) == (
        "submitted", "hubei", D("87.92"), "良")
    set_rules(cast, "central-2020")
    client.force_login(cast.rita)
    page = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    assert page.context["result"].total == D("87.92") and HUBEI in page.content.decode()


def test_a_block_judged_as_a_whole_is_entered_and_counted(client, cast, xinfang):
    """区域转移支付: 年度目标完成情况 20 points judged as a whole by the evaluator."""
    set_rules(cast, "transfer")
    client.force_login(cast.alice)
    satisfaction = xinfang.indicators.get(name="服务对象满意度").pk
    page = client.get(form_url(xinfang))
    assert "年度目标完成情况得分（满分 20 分" in page.content.decode()
    data = {**BUDGET, f"actual-{satisfaction}": "92%", "save": "1"}
    page = client.post(form_url(xinfang), data, follow=True)
    assert "请填写年度目标完成情况得分。" in [p.message for p in page.context["problems"]]
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    page = client.post(form_url(xinfang), {**data, "judged-goals": "25", "version": str(evaluation.version)},
                       follow=True)
    assert "年度目标完成情况得分应在 0–20 分之间，填写的是 25 分" in [p.message for p in page.context["problems"]]
    evaluation = reload(evaluation)
    client.post(form_url(xinfang), {**data, "judged-goals": "18", "version": str(evaluation.version)})
    evaluation = reload(evaluation)
    # 预算执行 20 × 95 % = 19.00, 年度目标完成情况 18, 满意度 92 % ≥ 80 %: 10.00 → 47.00
    assert (evaluation.judged_scores, evaluation.total) == ({"goals": "18"}, D("47.00"))
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert "总分中含整体评价：年度目标完成情况 18.00 / 20.00 分。" in sheet


def test_a_rule_set_may_let_a_numeric_indicator_be_rated(client, cast, xinfang):
    """区域转移支付 allows ratings on numeric targets; 财预〔2020〕10号 does not offer them."""
    satisfaction = xinfang.indicators.get(name="服务对象满意度").pk
    client.force_login(cast.alice)
    assert f'name="rating-{satisfaction}"' not in client.get(form_url(xinfang)).content.decode()
    set_rules(cast, "transfer")
    assert f'name="rating-{satisfaction}"' in client.get(form_url(xinfang)).content.decode()
    # 75 % of ≥80 % rated 部分达成 with 7 of its 10 points (band 6–7.99), not the formula's 9.38
    data = {f"actual-{satisfaction}": "75%", f"rating-{satisfaction}": "partly", f"given_score-{satisfaction}": "7"}
    page = client.post(reverse("monitoring:evaluation_preview", args=[xinfang.pk]), data, HTTP_HX_REQUEST="true")
    [line] = [x for x in page.context["lines"] if x["row"].pk == satisfaction]
    assert (line["result"].score, line["result"].rating) == (D("7.00"), "partly")

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
    summary = client.get(reverse("monitoring:evaluation_summary")).content.decode()
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

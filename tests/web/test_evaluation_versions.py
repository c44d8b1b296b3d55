"""Approved 绩效自评 kept as a version, and 新版本, on the demo's 信访事项经费: approval freezes the
自评表 (inputs, scores with explanations, total, grade); 新版本 reopens a draft whose later edits leave
the frozen copy alone; who may start one; audit entries and transitions."""

import pytest
from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion, Notification, Transition

from .test_evaluation_demo import form_data
from .test_evaluation_review import act, form_url, reload
from .test_review_notifications import badge

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


PRICE = "信访宣传制品单价"


def new_version_url(evaluation):
    return reverse("review:evaluation_new_version", args=[evaluation.pk])


def line(sheet, name):
    return next(s for s in sheet["lines"] if s["name"] == name)


@pytest.fixture
def approved(client, cast, xinfang):
    client.force_login(cast.alice)
    assert client.post(form_url(xinfang), {**form_data(xinfang), "submit": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    client.force_login(cast.rita)
    assert client.post(act("approve", evaluation), {"text": "同意。"}).status_code == 302
    return reload(evaluation)


def test_approval_freezes_the_sheet_as_shown(client, cast, xinfang, approved):
    version = ApprovedVersion.objects.get(subject_kind="evaluation")
    assert (version.subject_kind, version.subject_id, version.table, version.number) == (
        "evaluation", approved.pk, xinfang, 1)
    assert (version.approved_by, version.submitted_by) == (cast.rita, cast.alice)
    assert version.transition == Transition.objects.get(step="approve", subject_kind="evaluation")
    sheet = version.snapshot["sheet"]
    assert (sheet["total"], sheet["grade"], sheet["complete"]) == ("89.19", "良", True)
    price = line(sheet, PRICE)
    assert (price["actual"], price["score"]) == ("1.4元/份", "2.93") and "1.4" in price["explanation"]
    assert version.snapshot["result"]["score"] == "89.19"
    raw = next(i for i in version.snapshot["input"]["tables"][0]["indicators"] if i["name"] == PRICE)
    assert raw["actual"] == "1.4元/份"

    client.force_login(cast.alice)
    page = client.get(reverse("review:version", args=[version.pk])).content.decode()
    assert "审核通过第1版，只读" in page and 'id="self-evaluation"' in page
    assert '<strong id="total">89.19</strong>' in page and '<strong class="grade" id="grade">良</strong>' in page
    assert "由 Rita 审核通过，提交人 Alice" in page
    live = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    link = f'href="{reverse("review:version", args=[version.pk])}">审核通过第1版</a>'
    assert live.count(link) == 2  # the panel's version list and the 流转记录's approval step
    assert 'id="new-version"' in live


def test_new_version_reopens_a_draft_and_the_approved_copy_stays(client, cast, xinfang, approved):
    client.force_login(cast.alice)
    response = client.post(new_version_url(approved))
    assert response.status_code == 302 and response.url == reverse("monitoring:evaluation_sheet", args=[xinfang.pk])
    draft = reload(approved)
    assert (draft.status, draft.submitted_at) == ("draft", None)
    entry = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="evaluation", source="新版本")
    assert (entry.user, entry.object_id, entry.before["状态"]) == (cast.alice, approved.pk, "已审核通过")
    assert entry.after == {"状态": "草稿", "新版本": "以审核通过的第1版为基础"}
    assert [t.step for t in Transition.objects.filter(subject_kind="evaluation").order_by("id")] == [
        "submit", "approve", "new_version"]

    price = xinfang.indicators.get(name=PRICE)
    assert client.get(form_url(xinfang)).status_code == 200  # editable again
    data = {**form_data(xinfang), f"actual-{price.pk}": "1.3元/份", "save": "1"}
    assert client.post(form_url(xinfang), data).status_code == 302
    assert (str(reload(approved).total), reload(approved).status) == ("89.46", "draft")

    version = ApprovedVersion.objects.get(subject_kind="evaluation")
    sheet = version.snapshot["sheet"]
    assert (sheet["total"], sheet["grade"], line(sheet, PRICE)["actual"]) == ("89.19", "良", "1.4元/份")
    page = client.get(reverse("review:version", args=[version.pk])).content.decode()
    assert '<strong id="total">89.19</strong>' in page and "1.4元/份" in page and "1.3元/份" not in page

    # Resubmitted, it goes to the reviewer's queue again; approving it keeps a second version.
    assert client.post(form_url(xinfang), {**data, "submit": "1"}).status_code == 302
    client.force_login(cast.rita)
    assert badge(client) == "1"
    assert Notification.objects.filter(recipient=cast.rita, step="submit", subject_kind="evaluation").count() == 2
    client.post(act("approve", approved))
    assert [(v.number, v.snapshot["sheet"]["total"]) for v in ApprovedVersion.objects.filter(subject_kind="evaluation")] == [
        (2, "89.46"), (1, "89.19")]
    assert AuditEntry.objects.filter(source="审核通过", object_kind="evaluation").latest("id").after == {
        "状态": "已审核通过", "审核通过版本": "第2版"}


def test_other_unit_gets_404(client, cast, approved):
    version = ApprovedVersion.objects.get(subject_kind="evaluation")
    client.force_login(cast.bob)
    assert client.post(new_version_url(approved)).status_code == 404
    assert client.get(reverse("review:version", args=[version.pk])).status_code == 404
    assert reload(approved).status == "approved"


def test_reviewer_cannot_start_a_new_version(client, cast, xinfang, approved):
    client.force_login(cast.rita)
    assert client.post(new_version_url(approved)).status_code == 403
    assert reload(approved).status == "approved"
    assert client.get(reverse("review:version", args=[ApprovedVersion.objects.get(subject_kind="evaluation").pk])).status_code == 200
    live = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert 'id="new-version"' not in live and "审核通过第1版" in live
    assert not AuditEntry.objects.filter(source="新版本").exists()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_staff_cannot_start_one_on_an_evaluation_not_approved(client, cast, xinfang, status):
    client.force_login(cast.alice)
    client.post(form_url(xinfang), {**form_data(xinfang), "save": "1"})
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status=status)
    assert client.post(new_version_url(evaluation)).status_code == 403
    assert reload(evaluation).status == status
    assert not Transition.objects.filter(step="new_version").exists()
    with pytest.raises(services.WorkflowError):
        services.new_version(reload(evaluation), cast.alice)

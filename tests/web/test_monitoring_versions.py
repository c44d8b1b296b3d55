"""Approved 运行监控 reports kept as a version, and 新版本, on the demo's 信访事项经费 at 31 July:
approval freezes the report page (time progress, budget figures and execution light, each indicator's
values, light and explanations); 新版本 reopens a draft whose later edits leave the frozen copy alone;
who may start one; audit entries and transitions."""

import pytest
from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import MonitoringReport
from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion, Notification, Transition

from .test_monitoring_report import EXPLAINED, post, rows
from .test_monitoring_review import CUTOFF, act
from .test_review_notifications import badge

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


COUNT, RULE, PRICE = "信访宣传活动次数", "引导群众依法上访", "信访宣传制品单价"


def new_version_url(report):
    return reverse("review:monitoring_new_version", args=[report.pk])


def report_url(table):
    return f"{reverse('monitoring:report', args=[table.pk])}?cutoff={CUTOFF}"


def line(data, name):
    return next(s for s in data["lines"] if s["name"] == name)


def reload(report):
    return MonitoringReport.objects.get(pk=report.pk)


def form_data(table):
    """50000 ÷ 181000 behind the time progress (red), 3 of 4 活动 (yellow), 部分达成 (yellow), all explained."""
    ids = rows(table)
    data = {"budget": "181000", "spent": "50000", f"so_far-{ids[COUNT]}": "2次", f"expected-{ids[COUNT]}": "3次",
            f"expected-{ids[PRICE]}": "1.25元/份", f"expected_rating-{ids[RULE]}": "partly",
            **{f"execution_{k}": v for k, v in EXPLAINED.items()}}
    for name in (COUNT, RULE):
        data.update({f"{k}-{ids[name]}": v for k, v in EXPLAINED.items()})
    return data


@pytest.fixture
def approved(client, cast, xinfang):
    client.force_login(cast.alice)
    assert post(client, xinfang, {**form_data(xinfang), "submit": "1"}).status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    client.force_login(cast.rita)
    assert client.post(act("approve", report), {"text": "同意。"}).status_code == 302
    return reload(report)


def test_approval_freezes_the_report_as_shown(client, cast, xinfang, approved):
    version = ApprovedVersion.objects.get(subject_kind="monitoring")
    assert (version.subject_kind, version.subject_id, version.table, version.number) == (
        "monitoring", approved.pk, xinfang, 1)
    assert (version.approved_by, version.submitted_by) == (cast.rita, cast.alice)
    assert version.transition == Transition.objects.get(step="approve", subject_kind="monitoring")
    data = version.snapshot["report"]
    assert (data["project"], data["cutoff"], data["budget"], data["spent"]) == (
        "信访事项经费", "2024-07-31", "181000.00", "50000.00")
    assert data["time_progress"].startswith("0.5833")
    execution = data["execution"]
    assert execution["light"] == "red" and "47.36%" in execution["explanation"]
    assert (execution["deviation_cause"], execution["likelihood"]) == ("人员保障", "有可能")
    assert (execution["deviation_text"], execution["corrective_measure"]) == (
        EXPLAINED["deviation_text"], EXPLAINED["corrective_measure"])
    count = line(data, COUNT)
    assert (count["target"], count["so_far"], count["expected"], count["light"]) == ("≥4次", "2次", "3次", "yellow")
    assert (count["deviation_cause"], count["corrective_measure"], count["likelihood"]) == (
        "人员保障", EXPLAINED["corrective_measure"], "有可能")
    assert (line(data, RULE)["expected"], line(data, RULE)["light"]) == ("部分达成", "yellow")
    assert (line(data, PRICE)["light"], line(data, PRICE)["deviation_cause"]) == ("green", "")
    assert AuditEntry.objects.get(source="审核通过", object_kind="monitoring").after == {
        "状态": "已审核通过", "审核通过版本": "第1版"}

    client.force_login(cast.alice)
    page = client.get(reverse("review:version", args=[version.pk])).content.decode()
    assert "截至2024-07-31 · 审核通过第1版，只读" in page and 'id="monitoring-indicators"' in page
    assert '<strong id="time-progress">58.33%</strong>' in page
    article = page.split('id="approved-version"', 1)[1]
    assert "由 Rita 审核通过，提交人 Alice" in article and "<input" not in article and "<select" not in article
    assert page.count('class="light light-yellow"') == 2 and EXPLAINED["corrective_measure"] in page
    live = client.get(report_url(xinfang)).content.decode()
    link = f'href="{reverse("review:version", args=[version.pk])}">审核通过第1版</a>'
    assert live.count(link) == 2  # the panel's version list and the 流转记录's approval step
    assert 'id="new-version"' in live


def test_new_version_reopens_a_draft_and_the_approved_copy_stays(client, cast, xinfang, approved):
    client.force_login(cast.alice)
    response = client.post(new_version_url(approved))
    assert response.status_code == 302 and response.url == report_url(xinfang)
    draft = reload(approved)
    assert (draft.status, draft.submitted_at) == ("draft", None)
    entry = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="monitoring", source="新版本")
    assert (entry.user, entry.object_id, entry.before["状态"]) == (cast.alice, approved.pk, "已审核通过")
    assert entry.after == {"状态": "草稿", "新版本": "以审核通过的第1版为基础"}
    assert [t.step for t in Transition.objects.filter(subject_kind="monitoring").order_by("id")] == [
        "submit", "approve", "new_version"]

    count = xinfang.indicators.get(name=COUNT)
    assert 'id="submit-report"' in client.get(report_url(xinfang)).content.decode()  # editable again
    data = {**form_data(xinfang), "spent": "120000", f"expected-{count.pk}": "4次", "save": "1"}
    assert post(client, xinfang, data).status_code == 302
    assert (reload(approved).execution_light, reload(approved).status) == ("green", "draft")

    version = ApprovedVersion.objects.get(subject_kind="monitoring")
    frozen = version.snapshot["report"]
    assert (frozen["spent"], frozen["execution"]["light"], line(frozen, COUNT)["expected"]) == ("50000.00", "red", "3次")
    page = client.get(reverse("review:version", args=[version.pk])).content.decode()
    assert "50000.00" in page and "120000" not in page

    # Resubmitted, it goes to the reviewer's queue again; approving it keeps a second version.
    assert post(client, xinfang, {**data, "submit": "1"}).status_code == 302
    client.force_login(cast.rita)
    assert badge(client) == "1"
    assert Notification.objects.filter(recipient=cast.rita, step="submit", subject_kind="monitoring").count() == 2
    client.post(act("approve", approved))
    assert [(v.number, v.snapshot["report"]["spent"]) for v in ApprovedVersion.objects.filter(subject_kind="monitoring")] == [
        (2, "120000.00"), (1, "50000.00")]
    assert AuditEntry.objects.filter(source="审核通过", object_kind="monitoring").latest("id").after == {
        "状态": "已审核通过", "审核通过版本": "第2版"}


def test_other_unit_gets_404(client, cast, approved):
    version = ApprovedVersion.objects.get(subject_kind="monitoring")
    client.force_login(cast.bob)
    assert client.post(new_version_url(approved)).status_code == 404
    assert client.get(reverse("review:version", args=[version.pk])).status_code == 404
    assert reload(approved).status == "approved"


def test_reviewer_cannot_start_a_new_version(client, cast, xinfang, approved):
    client.force_login(cast.rita)
    assert client.post(new_version_url(approved)).status_code == 403
    assert reload(approved).status == "approved"
    assert client.get(reverse("review:version", args=[ApprovedVersion.objects.get(subject_kind="monitoring").pk])).status_code == 200
    live = client.get(report_url(xinfang)).content.decode()
    assert 'id="new-version"' not in live and "审核通过第1版" in live
    assert not AuditEntry.objects.filter(source="新版本").exists()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_staff_cannot_start_one_on_a_report_not_approved(client, cast, xinfang, status):
    client.force_login(cast.alice)
    post(client, xinfang, {**form_data(xinfang), "save": "1"})
    report = MonitoringReport.objects.get(table=xinfang)
    MonitoringReport.objects.filter(pk=report.pk).update(status=status)
    assert client.post(new_version_url(report)).status_code == 403
    assert reload(report).status == status
    assert not Transition.objects.filter(step="new_version").exists()
    with pytest.raises(services.WorkflowError):
        services.new_version(reload(report), cast.alice)


def test_approval_through_the_service_returns_the_version(cast, xinfang):
    from datetime import date

    report = MonitoringReport.objects.create(table=xinfang, cutoff=date(2024, 7, 31), status="submitted")
    version = services.approve(report, cast.rita)  # the same workflow as tables and evaluations
    assert version == ApprovedVersion.objects.get(subject_kind="monitoring", subject_id=report.pk)
    assert version.snapshot["report"]["execution"]["light"] == ""  # nothing filled in: 未填报
    services.new_version(reload(report), cast.alice)
    assert reload(report).status == "draft" and ApprovedVersion.objects.filter(subject_kind="monitoring").count() == 1

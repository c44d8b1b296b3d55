"""运行监控 reports go through review like evaluations: the same services, queue and audit trail."""

import pytest
from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import MonitoringReport
from jixiao.web.review.models import Comment, Transition

from .test_review_notifications import badge

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


CUTOFF = "2024-07-31"


def post(client, table, data):
    return client.post(reverse("monitoring:report", args=[table.pk]), {"cutoff": CUTOFF, **data})


def act(name, report):
    return reverse(f"review:monitoring_{name}", args=[report.pk])


def test_report_submitted_returned_fixed_approved(client, cast, xinfang):
    count = xinfang.indicators.get(name="信访宣传活动次数")
    client.force_login(cast.alice)
    # 120000 ÷ 181000 = 66.30 %, above the 58.33 % time progress: green; 4次 meets the target: green.
    assert post(client, xinfang, {"budget": "181000", "spent": "120000", f"expected-{count.pk}": "4次",
                                  "submit": "1"}).status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    assert report.status == "submitted"
    created = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="monitoring", action="create")
    assert created.after == {"全年预算数（元）": "181000", "截至目前执行数（元）": "120000",
                             "信访宣传活动次数·全年预计完成值": "4次"}
    assert created.object_label == "运行监控（截至2024-07-31）：信访事项经费"

    client.force_login(cast.rita)
    assert badge(client) == "1"
    items = client.get(reverse("review:queue")).context["items"]
    assert [(i.subject.label, i.subject.obj) for i in items] == [("运行监控", report)]
    assert client.post(act("return", report), {"text": "活动次数预计偏乐观，请按实际排期填写。",
                                                "indicator": count.pk}).status_code == 302
    assert MonitoringReport.objects.get(pk=report.pk).status == "returned"
    assert Comment.objects.get().subject_kind == "monitoring"

    client.force_login(cast.alice)
    page = client.get(reverse("monitoring:report", args=[xinfang.pk]), {"cutoff": CUTOFF}).content.decode()
    assert "活动次数预计偏乐观" in page and 'id="submit-report"' in page
    assert post(client, xinfang, {"budget": "181000", "spent": "120000", f"expected-{count.pk}": "3次",
                                  "execution_deviation_cause": "", f"deviation_cause-{count.pk}": "other",
                                  f"deviation_text-{count.pk}": "两场活动并为一场。",
                                  f"corrective_measure-{count.pk}": "四季度补办一场。",
                                  f"likelihood-{count.pk}": "possible", "submit": "1"}).status_code == 302
    change = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="monitoring", source="网页填报", action="change")
    assert change.before["信访宣传活动次数·全年预计完成值"] == "4次"
    assert change.after["信访宣传活动次数·全年预计完成值"] == "3次"
    assert change.after["信访宣传活动次数·完成目标可能性"] == "有可能"

    client.force_login(cast.rita)
    assert client.post(act("approve", report)).status_code == 302
    assert MonitoringReport.objects.get(pk=report.pk).status == "approved"
    assert [t.step for t in Transition.objects.filter(subject_kind="monitoring").order_by("id")] == [
        "submit", "return", "submit", "approve"]
    client.force_login(cast.alice)
    assert post(client, xinfang, {"budget": "181000", "spent": "1", "save": "1"}).status_code == 403
    assert MonitoringReport.objects.get(pk=report.pk).spent == 120000


def test_other_unit_and_staff_are_refused(client, cast, xinfang):
    client.force_login(cast.alice)
    post(client, xinfang, {"budget": "181000", "spent": "120000", "submit": "1"})
    report = MonitoringReport.objects.get(table=xinfang)
    client.force_login(cast.bob)
    assert client.post(act("approve", report)).status_code == 404
    client.force_login(cast.alice)
    assert client.post(act("approve", report)).status_code == 403
    assert client.post(act("comment", report), {"text": "x"}).status_code == 403
    assert MonitoringReport.objects.get(pk=report.pk).status == "submitted"

"""The review workflow on the demo tables: submit, return, resubmit, approve, lock, new version."""

from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion, Comment, Explanation, Notification, Transition
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


def url(name, table):
    return reverse(f"review:{name}", args=[table.pk])


def reload(table):
    return TargetTable.objects.get(pk=table.pk)


def explain_all(table) -> dict:
    """Form data giving a 情况说明 for every current warning of the table."""
    return {f"explain-{f.key}": f"说明：{f.rule}" for f in services.warnings_of(services.findings_of(table))}


def submit(client, table, **extra):
    return client.post(url("explain", table), {**explain_all(table), "submit": "1", **extra})


def test_demo_xinfang_has_one_warning_and_no_error(xinfang):
    findings = services.findings_of(xinfang)
    assert not [f for f in findings if f.severity == "error"]
    assert [f.rule for f in services.warnings_of(findings)] == ["consistency.implied-cost-under-budget"]


def test_unit_submits_with_explanations(client, cast, xinfang):
    client.force_login(cast.alice)
    response = submit(client, xinfang)
    assert response.status_code == 302
    assert reload(xinfang).status == Status.SUBMITTED
    explanation = Explanation.objects.get(table=xinfang)
    assert explanation.rule == "consistency.implied-cost-under-budget"
    assert explanation.updated_by == cast.alice
    assert Transition.objects.get(table=xinfang).step == "submit"
    entry = AuditEntry.objects.filter(table_id=xinfang.pk, source="提交审核").get()
    assert entry.before == {"状态": "草稿"} and entry.after == {"状态": "已提交"}
    assert entry.user == cast.alice
    assert list(Notification.objects.filter(table=xinfang).values_list("recipient__username", flat=True)) == ["rita"]


def test_warning_without_explanation_blocks_submission(client, cast, xinfang):
    client.force_login(cast.alice)
    response = client.post(url("explain", xinfang), {"submit": "1"}, follow=True)
    assert reload(xinfang).status == Status.DRAFT
    assert "还有 1 个警告没有填写情况说明" in response.content.decode()
    blank = {k: "  " for k in explain_all(xinfang)}
    client.post(url("explain", xinfang), {**blank, "submit": "1"})
    assert reload(xinfang).status == Status.DRAFT
    assert not Explanation.objects.exists()


def test_explanations_can_be_saved_without_submitting(client, cast, xinfang):
    client.force_login(cast.alice)
    client.post(url("explain", xinfang), {**explain_all(xinfang), "explain-not|a|finding": "x", "save": "1"})
    assert reload(xinfang).status == Status.DRAFT
    assert list(Explanation.objects.values_list("rule", flat=True)) == ["consistency.implied-cost-under-budget"]
    page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert "说明：consistency.implied-cost-under-budget" in page


def test_errors_block_submission(client, cast):
    saohei = TargetTable.objects.get(project__name="扫黑除恶专项斗争工作经费")
    client.force_login(cast.alice)
    page = client.get(reverse("targets:detail", args=[saohei.pk])).content.decode()
    assert 'id="submit-blocked"' in page and "成本指标应设上限" in page
    response = submit(client, saohei)
    assert reload(saohei).status == Status.DRAFT
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["审核发现 1 个错误，请先修改目标表再提交审核。"]
    assert not Transition.objects.exists()


def test_reviewer_returns_with_required_comment(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    client.force_login(cast.rita)
    client.post(url("return", xinfang), {"text": "  "})
    assert reload(xinfang).status == Status.SUBMITTED
    indicator = xinfang.indicators.get(name="信访宣传制品数量")
    client.post(url("return", xinfang), {"text": "请核对宣传制品数量与预算。", "indicator": indicator.pk})
    assert reload(xinfang).status == Status.RETURNED
    comment = Comment.objects.get()
    assert (comment.step, comment.indicator, comment.author) == ("return", indicator, cast.rita)
    entry = AuditEntry.objects.get(table_id=xinfang.pk, source="退回")
    assert entry.after == {"状态": "已退回", "审核意见": "请核对宣传制品数量与预算。"}
    assert Notification.objects.filter(recipient=cast.alice, step="return").exists()


def test_returned_table_is_editable_and_resubmitted(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    client.force_login(cast.rita)
    client.post(url("return", xinfang), {"text": "请修改。"})
    client.force_login(cast.alice)
    assert client.get(reverse("targets:edit", args=[xinfang.pk])).status_code == 200
    response = client.post(url("explain", xinfang), {"submit": "1"})  # explanations kept by finding key
    assert response.status_code == 302
    assert reload(xinfang).status == Status.SUBMITTED
    assert [t.step for t in Transition.objects.order_by("id")] == ["submit", "return", "submit"]


def test_reviewer_comments_on_table_and_indicator(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    client.force_login(cast.rita)
    indicator = xinfang.indicators.first()
    client.post(url("comment", xinfang), {"text": "整体较好。"})
    client.post(url("comment", xinfang), {"text": "目标值偏低。", "indicator": indicator.pk})
    client.post(url("comment", xinfang), {"text": ""})
    assert list(Comment.objects.values_list("text", "indicator_name")) == [
        ("整体较好。", ""), ("目标值偏低。", indicator.name)]
    assert reload(xinfang).status == Status.SUBMITTED
    assert Notification.objects.filter(recipient=cast.alice, step="comment").count() == 2
    page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert f"针对指标“{indicator.name}”" in page


def test_approve_locks_the_table_and_keeps_the_version(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    client.force_login(cast.rita)
    client.post(url("approve", xinfang), {"text": "同意。"})
    table = reload(xinfang)
    assert table.status == Status.APPROVED
    version = ApprovedVersion.objects.get()
    assert (version.number, version.approved_by, version.submitted_by) == (1, cast.rita, cast.alice)
    assert version.snapshot["name"] == "信访事项经费" and len(version.snapshot["indicators"]) == 20
    assert [f["explanation"] for f in version.findings if f["severity"] == "warning"] == [
        "说明：consistency.implied-cost-under-budget"]
    assert AuditEntry.objects.get(table_id=xinfang.pk, source="审核通过").after == {
        "状态": "已审核通过", "审核通过版本": "第1版"}
    client.force_login(cast.alice)
    detail = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert 'id="edit-link"' not in detail and 'id="new-version"' in detail
    assert client.get(reverse("targets:edit", args=[xinfang.pk])).status_code == 403
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), {"version": table.version}).status_code == 403
    assert client.post(url("explain", xinfang), {"submit": "1"}).status_code == 403
    client.force_login(cast.adam)  # the lock holds for administrators too
    assert client.get(reverse("targets:edit", args=[xinfang.pk])).status_code == 403


def test_new_version_reopens_a_draft_and_the_approved_one_stays_readable(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    client.force_login(cast.rita)
    client.post(url("approve", xinfang))
    client.force_login(cast.alice)
    client.post(url("new_version", xinfang))
    assert reload(xinfang).status == Status.DRAFT
    assert client.get(reverse("targets:edit", args=[xinfang.pk])).status_code == 200
    version = ApprovedVersion.objects.get()
    page = client.get(reverse("review:version", args=[version.pk]))
    assert page.status_code == 200 and "审核通过第1版" in page.content.decode()
    assert "信访宣传制品数量" in page.content.decode()
    # A second round makes a second approved version.
    submit(client, xinfang)
    client.force_login(cast.rita)
    client.post(url("approve", xinfang))
    assert list(ApprovedVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert AuditEntry.objects.filter(table_id=xinfang.pk, source="新版本").count() == 1

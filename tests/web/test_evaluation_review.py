"""绩效自评 through review, on the demo's 信访事项经费: submit → return with a comment → fix and
resubmit → approve → locked; audit entries of values and transitions; queue, badge, notifications."""

import pytest
from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.review import services
from jixiao.web.review.models import Comment, Notification, Transition
from jixiao.web.monitoring.models import SelfEvaluation

from .test_evaluation_demo import form_data
from .test_review_notifications import badge

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


def form_url(table):
    return reverse("monitoring:evaluation", args=[table.pk])


def act(name, evaluation):
    return reverse(f"review:evaluation_{name}", args=[evaluation.pk])


def reload(evaluation):
    return SelfEvaluation.objects.get(pk=evaluation.pk)


@pytest.fixture
def submitted(client, cast, xinfang):
    client.force_login(cast.alice)
    response = client.post(form_url(xinfang), {**form_data(xinfang), "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return SelfEvaluation.objects.get(table=xinfang)


def test_submission_records_values_and_goes_to_the_reviewer(client, cast, xinfang, submitted):
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    step = Transition.objects.get(subject_kind="evaluation")
    assert (step.table, step.subject_id, step.step, step.user) == (xinfang, submitted.pk, "submit", cast.alice)
    created, sent = AuditEntry.objects.filter(table_id=xinfang.pk, object_kind="evaluation").order_by("id")
    assert (created.action, created.user, created.source) == ("create", cast.alice, "网页填报")
    assert created.after["全年执行数（元）"] == "171950" and created.after["总分"] == "89.19"
    assert created.after["信访宣传制品单价·实际完成值"] == "1.4元/份"
    assert created.after["促进信访法治建设·完成情况"] == "部分达成"
    assert (sent.source, sent.before, sent.after) == ("提交审核", {"状态": "草稿"}, {"状态": "已提交"})
    assert sent.object_label == "绩效自评：信访事项经费"
    note = Notification.objects.get(subject_kind="evaluation")
    assert (note.recipient, note.subject_kind, note.subject_id) == (cast.rita, "evaluation", submitted.pk)
    assert note.text == "Alice 提交审核了《信访事项经费》（2024年）绩效自评"

    client.force_login(cast.rita)
    assert badge(client) == "1"
    queue = client.get(reverse("review:queue"))
    assert [(i.subject.label, i.subject.table.project.name, i.submitted.user) for i in queue.context["items"]] == [
        ("绩效自评", "信访事项经费", cast.alice)]
    assert "89.19" in queue.content.decode()
    history = client.get(reverse("targets:history", args=[xinfang.pk])).content.decode()
    assert "绩效自评：信访事项经费" in history and "1.4元/份" in history and "提交审核" in history


def test_return_needs_a_comment_and_reopens_the_form(client, cast, xinfang, submitted):
    client.force_login(cast.rita)
    client.post(act("return", submitted), {"text": " "})
    assert reload(submitted).status == "submitted"
    price = xinfang.indicators.get(name="信访宣传制品单价")
    response = client.post(act("return", submitted), {"text": "单价超出上限，请核实采购价。", "indicator": price.pk})
    assert response.status_code == 302 and response.url == reverse("monitoring:evaluation_sheet", args=[xinfang.pk])
    assert reload(submitted).status == "returned"
    comment = Comment.objects.get()
    assert (comment.subject_kind, comment.subject_id, comment.indicator, comment.step) == (
        "evaluation", submitted.pk, price, "return")
    entry = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="evaluation", source="退回")
    assert entry.after == {"状态": "已退回", "审核意见": "单价超出上限，请核实采购价。"}
    assert not Comment.objects.filter(subject_kind="table").exists()

    client.force_login(cast.alice)
    assert badge(client) == "1"  # the returned evaluation
    inbox = client.get(reverse("review:inbox"))
    assert [s.title for s in inbox.context["todo_reports"]] == ["《信访事项经费》（2024年）绩效自评"]
    note = Notification.objects.get(recipient=cast.alice, step="return")
    assert client.get(reverse("review:notification", args=[note.pk])).url == reverse(
        "monitoring:evaluation_sheet", args=[xinfang.pk])
    page = client.get(form_url(xinfang))
    assert page.status_code == 200 and page.context["can_fill"]
    html = page.content.decode()
    assert "单价超出上限，请核实采购价。" in html and "针对指标“信访宣传制品单价”" in html

    # The unit corrects the actual and resubmits: the change is on the trail, before and after.
    data = {**form_data(xinfang), f"actual-{price.pk}": "1.3元/份", "submit": "1"}
    assert client.post(form_url(xinfang), data).status_code == 302
    assert reload(submitted).status == "submitted"
    change = AuditEntry.objects.filter(table_id=xinfang.pk, object_kind="evaluation", action="change",
                                       source="网页填报").get()
    assert change.before == {"信访宣传制品单价·实际完成值": "1.4元/份", "信访宣传制品单价·得分": "2.93",
                             "总分": "89.19"}
    assert change.after == {"信访宣传制品单价·实际完成值": "1.3元/份", "信访宣传制品单价·得分": "3.2",
                            "总分": "89.46"}
    assert [t.step for t in Transition.objects.filter(subject_kind="evaluation").order_by("id")] == [
        "submit", "return", "submit"]
    assert badge(client) is None
    history = client.get(reverse("targets:history", args=[xinfang.pk])).content.decode()
    assert "修改绩效自评" in history and "修改evaluation" not in history


def test_approve_locks_the_evaluation(client, cast, xinfang, submitted):
    client.force_login(cast.rita)
    response = client.post(act("approve", submitted), {"text": "同意。"}, follow=True)
    assert "已审核通过，绩效自评已锁定。" in response.content.decode()
    assert reload(submitted).status == "approved"
    assert AuditEntry.objects.get(table_id=xinfang.pk, object_kind="evaluation", source="审核通过").after == {
        "状态": "已审核通过", "审核通过版本": "第1版"}
    assert Notification.objects.filter(recipient=cast.alice, step="approve", subject_kind="evaluation").exists()
    assert badge(client) is None
    client.force_login(cast.alice)
    assert client.post(form_url(xinfang), form_data(xinfang)).status_code == 403
    preview = reverse("monitoring:evaluation_preview", args=[xinfang.pk])
    assert client.post(preview, form_data(xinfang)).status_code == 403
    assert client.get(form_url(xinfang)).status_code == 302  # read-only: the 自评表
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert "已审核通过，内容已锁定；如需修改，请由本单位创建新版本（审核通过的版本仍可查看）。" in sheet
    assert "填报</a>" not in sheet
    client.force_login(cast.adam)  # locked for administrators too
    assert client.post(form_url(xinfang), form_data(xinfang)).status_code == 403
    assert client.post(act("return", submitted), {"text": "x"}).status_code == 403


def test_comments_on_the_evaluation_and_on_an_indicator(client, cast, xinfang, submitted):
    client.force_login(cast.rita)
    late = xinfang.indicators.get(name="驻点任务完成及时率")
    client.post(act("comment", submitted), {"text": "整体可以。"})
    client.post(act("comment", submitted), {"text": "及时率偏低的原因请再具体些。", "indicator": late.pk})
    client.post(act("comment", submitted), {"text": ""})
    assert list(Comment.objects.values_list("text", "indicator_name", "subject_kind")) == [
        ("整体可以。", "", "evaluation"), ("及时率偏低的原因请再具体些。", late.name, "evaluation")]
    assert reload(submitted).status == "submitted"
    texts = list(Notification.objects.filter(recipient=cast.alice, step="comment").order_by("id").values_list("text", flat=True))
    assert texts == ["Rita 对《信访事项经费》（2024年）绩效自评提出审核意见：整体可以。",
                     "Rita 对《信访事项经费》（2024年）绩效自评指标“驻点任务完成及时率”提出审核意见：及时率偏低的原因请再具体些。"]
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert 'id="approve-subject"' in sheet and "针对指标“驻点任务完成及时率”" in sheet and "针对整份绩效自评" in sheet
    table_page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert "整体可以。" not in table_page  # the table's own 审核意见 are separate
    client.force_login(cast.alice)
    assert badge(client) == "2"  # two unread comments


@pytest.mark.parametrize("action", ["comment", "return", "approve"])
def test_other_unit_gets_404(client, cast, submitted, action):
    client.force_login(cast.bob)
    assert client.post(act(action, submitted), {"text": "x"}).status_code == 404
    assert reload(submitted).status == "submitted" and not Comment.objects.exists()


@pytest.mark.parametrize("action", ["comment", "return", "approve"])
def test_unit_staff_cannot_review(client, cast, submitted, action):
    client.force_login(cast.alice)
    assert client.post(act(action, submitted), {"text": "x"}).status_code == 403
    assert reload(submitted).status == "submitted" and not Comment.objects.exists()


def test_review_actions_only_on_submitted_evaluations(client, cast, xinfang):
    client.force_login(cast.alice)
    client.post(form_url(xinfang), {**form_data(xinfang), "save": "1"})
    draft = SelfEvaluation.objects.get(table=xinfang)
    assert draft.status == "draft"
    client.force_login(cast.rita)
    for action in ("comment", "return", "approve"):
        assert client.post(act(action, draft), {"text": "x"}).status_code == 403
    assert client.post(form_url(xinfang), form_data(xinfang)).status_code == 403  # reviewers never edit
    assert 'id="review-decision"' not in client.get(
        reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()


def test_nobody_approves_their_own_submission(client, cast, xinfang):
    client.force_login(cast.adam)
    assert client.post(form_url(xinfang), {**form_data(xinfang), "submit": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "submitted"
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert 'id="approve-subject"' not in sheet and "不能由您审核通过" in sheet
    assert client.post(act("approve", evaluation)).status_code == 403
    with pytest.raises(services.WorkflowError):
        services.approve(evaluation, cast.adam)
    assert reload(evaluation).status == "submitted"
    client.force_login(cast.rita)
    client.post(act("approve", evaluation))
    assert reload(evaluation).status == "approved"


def test_returned_comment_shows_beside_its_indicator_in_the_form(client, cast, xinfang, submitted):
    client.force_login(cast.rita)
    price = xinfang.indicators.get(name="信访宣传制品单价")
    client.post(act("return", submitted), {"text": "单价请核实。", "indicator": price.pk})
    client.force_login(cast.alice)
    html = client.get(form_url(xinfang)).content.decode()
    row = html.split(f'id="row-{price.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'class="fmark sev-comment"' in row and "审核意见：单价请核实。" in row
    other_pk = xinfang.indicators.get(name="服务对象满意度").pk
    other = html.split(f'id="row-{other_pk}"', 1)[1]
    assert "sev-comment" not in other.split("</tr>", 1)[0]

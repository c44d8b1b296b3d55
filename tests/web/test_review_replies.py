"""Replies to 审核意见: the owning unit (and reviewers) answer while the record is 草稿 or 已退回."""

from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review import services
from jixiao.web.review.models import Notification, Reply
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


def returned_with_comment(table, reviewer, text="信访宣传制品数量偏少，请核实。"):
    TargetTable.objects.filter(pk=table.pk).update(status=Status.SUBMITTED)
    table = TargetTable.objects.get(pk=table.pk)
    services.return_table(table, reviewer, text)
    return table.review_comments.get()


def reply_url(comment):
    return reverse("review:reply", args=[comment.pk])


def test_unit_staff_replies_to_a_returned_tables_comment(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    client.force_login(cast.alice)
    response = client.post(reply_url(comment), {"text": "已按实际需求调整为35000份。"})
    assert response.status_code == 302 and response.url == reverse("targets:detail", args=[xinfang.pk])
    reply = Reply.objects.get()
    assert (reply.comment, reply.author, reply.text) == (comment, cast.alice, "已按实际需求调整为35000份。")
    page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert page.index(comment.text) < page.index('class="replies"') < page.index("已按实际需求调整为35000份。")


def test_reply_notifies_the_reviewer_who_wrote_the_comment(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    Notification.objects.all().delete()
    client.force_login(cast.alice)
    client.post(reply_url(comment), {"text": "已调整。"})
    note = Notification.objects.get()
    assert note.recipient == cast.rita
    assert note.table_id == xinfang.pk
    assert "Alice 回复了" in note.text and "已调整。" in note.text
    client.force_login(cast.rita)
    assert client.get(reverse("review:notification", args=[note.pk])).url == reverse("targets:detail", args=[xinfang.pk])


def test_reply_is_in_the_audit_trail(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    client.force_login(cast.alice)
    client.post(reply_url(comment), {"text": "已调整。"})
    entry = AuditEntry.objects.filter(table_id=xinfang.pk, source="回复审核意见").get()
    assert entry.user == cast.alice
    assert entry.after == {"审核意见": comment.text, "回复": "已调整。"}
    history = client.get(reverse("targets:history", args=[xinfang.pk])).content.decode()
    assert "回复审核意见" in history and "已调整。" in history


def test_staff_of_another_unit_cannot_reply(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    Notification.objects.all().delete()
    client.force_login(cast.bob)
    assert client.post(reply_url(comment), {"text": "不是我的表。"}).status_code == 404
    assert not Reply.objects.exists() and not Notification.objects.exists()
    assert not AuditEntry.objects.filter(source="回复审核意见").exists()


def test_no_reply_while_the_table_is_under_review(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)
    client.force_login(cast.alice)
    assert client.post(reply_url(comment), {"text": "已调整。"}).status_code == 403
    assert not Reply.objects.exists()
    assert "reply-form" not in client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()


def test_empty_reply_is_refused_with_a_message(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    client.force_login(cast.alice)
    response = client.post(reply_url(comment), {"text": "  "}, follow=True)
    assert "请填写回复内容。" in response.content.decode()
    assert not Reply.objects.exists()


def test_reviewer_replies_and_the_unit_is_told(client, cast, xinfang):
    comment = returned_with_comment(xinfang, cast.rita)
    client.force_login(cast.alice)
    client.post(reply_url(comment), {"text": "数量按去年实际。"})
    Notification.objects.all().delete()
    client.force_login(cast.rita)
    assert client.post(reply_url(comment), {"text": "请附上去年的发放记录。"}).status_code == 302
    assert [r.author for r in comment.replies.all()] == [cast.alice, cast.rita]
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["alice"]


def test_unit_replies_on_a_returned_evaluation(client, cast, xinfang, approve):
    approve(xinfang)
    evaluation = SelfEvaluation.objects.create(table=xinfang, status=Status.SUBMITTED)
    services.return_table(evaluation, cast.rita, "请补充偏差原因。")
    comment = evaluation.table.review_comments.get(subject_kind="evaluation")
    Notification.objects.all().delete()
    client.force_login(cast.alice)
    response = client.post(reply_url(comment), {"text": "已补充。"})
    assert response.url == reverse("monitoring:evaluation_sheet", args=[xinfang.pk])
    assert Notification.objects.get().recipient == cast.rita
    page = client.get(reverse("monitoring:evaluation", args=[xinfang.pk])).content.decode()
    assert "已补充。" in page and "reply-form" in page
    entry = AuditEntry.objects.get(source="回复审核意见")
    assert entry.object_kind == "evaluation" and entry.object_id == evaluation.pk

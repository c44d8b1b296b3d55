"""Who may move a table, monitoring report or evaluation through the review workflow: the one
place these rules live.

Visibility is the targets app's (``targets.access``): a record of a table outside the user's reach
is a 404. Ownership is ``workflow.owns``: the owning unit's staff submit, explain, reply and start
new versions; finance reviewers (and administrators, ``workflow.reads_all``) comment on, return and
approve submitted records of every unit; nobody approves what they submitted themselves. Who fills
in a report or evaluation is ``monitoring.access``'s rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.web.accounts.models import Role, Unit, role_of, unit_of
from jixiao.web.review import subjects
from jixiao.web.review.models import ApprovedVersion, Comment, Notification, Step, Transition
from jixiao.web.targets import access as table_access
from jixiao.web.workflow import Status, owns, reads_all



def _owns(user, subject: subjects.Subject) -> bool:
    return owns(user, subject.table.project.unit_id)


def submitter_of(target):
    """Who last submitted ``target`` (a table, monitoring report or evaluation)."""
    last = subjects.of(target).rows(Transition.objects.filter(step=Step.SUBMIT)).select_related("user").first()
    return last.user if last else None


def can_submit(user, target) -> bool:
    """Also who writes a table's 情况说明: the owner, while it may be changed."""
    subject = subjects.of(target)
    return _owns(user, subject) and subject.obj.is_editable


def can_new_version(user, target) -> bool:
    """Reopen an approved record as a draft: the owning unit's staff."""
    subject = subjects.of(target)
    return _owns(user, subject) and subject.status == Status.APPROVED


def can_review(user, target) -> bool:
    """Comment and return."""
    return reads_all(user) and subjects.of(target).status == Status.SUBMITTED


def can_approve(user, target) -> bool:
    return can_review(user, target) and submitter_of(target) != user


def can_reply(user, target) -> bool:
    """Answer a 审核意见: the owning unit's staff and reviewers, while the record may be changed."""
    subject = subjects.of(target)
    return (_owns(user, subject) or reads_all(user)) and subject.obj.is_editable


CHECKS = {
    "submit": can_submit, "explain": can_submit, "new_version": can_new_version,
    "comment": can_review, "return": can_review, "approve": can_approve,
}


def get_subject_for(user, kind: str, pk: int, action: str) -> subjects.Subject:
    """The record of ``kind`` (its own id ``pk``) if ``user`` may ``action`` it now; 404 if its table is
    not visible, 403 otherwise."""
    subject = subjects.load(kind, pk, table_access.visible_tables(user))
    if subject is None:
        raise Http404(table_access.NOT_VISIBLE if kind == "table" else "没有这份报告，或您无权查看")
    if not CHECKS[action](user, subject):
        raise PermissionDenied(f"您无权对{subject.this}执行此操作")
    return subject


def get_comment_for_reply(user, pk: int) -> tuple[Comment, subjects.Subject]:
    """A 审核意见 ``user`` may reply to now, with what it is about; 404 if not visible, 403 otherwise."""
    comment = (Comment.objects.filter(pk=pk, table__in=table_access.visible_tables(user))
               .select_related("table__project__unit__department", "author").first())
    subject = subjects.of_row(comment) if comment is not None else None
    if subject is None:
        raise Http404("没有这条审核意见，或您无权查看")
    if not can_reply(user, subject):
        raise PermissionDenied(f"只有本单位经办人员和审核人员可以回复审核意见，且仅在{subject.label}为草稿或已退回时")
    return comment, subject


def get_version_for_user(user, pk: int) -> ApprovedVersion:
    try:
        return ApprovedVersion.objects.select_related("approved_by", "submitted_by").get(
            pk=pk, table__in=table_access.visible_tables(user))
    except ApprovedVersion.DoesNotExist:
        raise Http404("没有这个版本，或您无权查看") from None


def get_notification_for_user(user, pk: int) -> Notification:
    try:
        return Notification.objects.get(pk=pk, recipient=user)
    except Notification.DoesNotExist:
        raise Http404("没有这条通知") from None


def report_unit_for(user, unit_id: int | None):
    """The unit whose report ``user`` may read: staff only their own; reviewers any (None: not chosen)."""
    if reads_all(user):
        return Unit.objects.filter(pk=unit_id).first() if unit_id else None
    own = unit_of(user) if role_of(user) == Role.STAFF else None
    if own is None or (unit_id and unit_id != own.id):
        raise Http404("没有这个单位，或您无权查看")
    return own

"""The review workflow's one status set, one lock and one ownership rule, for every reviewed kind.

A 项目绩效目标表, a 运行监控 report and a 绩效自评 go through the same statuses (草稿 → 已提交 →
已退回 / 已审核通过). Each model inherits ``Reviewed``, which says whether its content may be changed
now and, if not, why (``locked_reason``: the only wording of the lock, shown by every page).
Who owns a record (``owns``) and who reads every unit (``reads_all``) are decided here for every
access module (``targets.access``, ``monitoring.access``, ``review.access``).

``Problem`` is what a page lists at the top and beside the row it concerns: an edit error, or a
reason why a record cannot be submitted yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from jixiao.web.accounts.models import Role, role_of, unit_of


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已审核通过"


EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

LOCKED_REASONS = {
    Status.SUBMITTED: "已提交审核，审核期间不能修改",
    Status.APPROVED: "已审核通过，内容已锁定；如需修改，请由本单位创建新版本（审核通过的版本仍可查看）",
}


# Statuses waiting for someone's action (the nav badge, 待办事项, the 审核队列): indexed on their own.
IN_REVIEW = (Status.SUBMITTED.value, Status.RETURNED.value)


class Reviewed(models.Model):
    """A record that goes through review: its status, whether it may be changed, and why not."""

    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def locked_reason(self) -> str:
        """Why nobody may change the content now ('' while it is a draft or returned)."""
        return LOCKED_REASONS.get(self.status, "")

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def reads_all(user) -> bool:
    """Finance reviewers and administrators read (and review) every unit."""
    return role_of(user) in (Role.REVIEWER, Role.ADMIN)


def acts_for_a_unit(user) -> bool:
    """Administrators, and staff attached to a unit: they may import tables and propose 指标库 entries."""
    role = role_of(user)
    return role == Role.ADMIN or (role == Role.STAFF and unit_of(user) is not None)


def owns(user, unit_id: int) -> bool:
    """The unit's own staff (and administrators) act for the unit: edit, fill in, submit, reply."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    unit = unit_of(user)
    return role == Role.STAFF and unit is not None and unit.id == unit_id


# Headings of the problem summary at the top of a form page (``_problems.html``).
NOT_SAVED = "没有保存：请改正以下内容（您填写的内容仍保留在页面上）。"
SAVED_NOT_SUBMITTED = "已保存草稿，但还不能提交审核：请先处理以下问题。"
BEFORE_SUBMITTING = "提交审核前还须处理以下问题："


@dataclass(frozen=True)
class Problem:
    """One message for the user; ``anchor`` is the id of the row or field it concerns ('' for the whole page)."""

    message: str
    anchor: str = ""


def row_anchor(pk: int) -> str:
    """The id of an indicator's row on a form page, where its problems are shown."""
    return f"row-{pk}"

"""The review workflow's records: transitions, 情况说明, 审核意见, approved versions, notifications.

The table's status itself lives on ``targets.TargetTable.status``; these rows say who moved it, why,
and what exactly was approved.
"""

from django.conf import settings
from django.db import models

from jixiao.web.targets.models import Indicator, TargetTable


class Step(models.TextChoices):
    SUBMIT = "submit", "提交审核"
    RETURN = "return", "退回"
    APPROVE = "approve", "审核通过"
    NEW_VERSION = "new_version", "新版本"


class Kind(models.TextChoices):
    """What goes through review: a target table, or a monitoring report or self-evaluation of one."""

    TABLE = "table", "目标表"
    MONITORING = "monitoring", "运行监控"
    EVALUATION = "evaluation", "绩效自评"


def subject_fields() -> dict[str, models.Field]:
    """Which record of ``table`` a row is about: the table itself (kind table, no id) or one of its reports."""
    return {
        "subject_kind": models.CharField("审核对象", max_length=16, choices=Kind.choices, default=Kind.TABLE),
        "subject_id": models.BigIntegerField("审核对象编号", null=True, blank=True),
    }


class Transition(models.Model):
    """One move of a table through the workflow."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="transitions")
    step = models.CharField("操作", max_length=16, choices=Step.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="操作人")
    at = models.DateTimeField("时间", auto_now_add=True)
    # A table's submission keeps the table as submitted (core JSON), so a reviewer sees what changed
    # between two submissions; empty for other steps and kinds.
    snapshot = models.JSONField("提交时的内容", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核流转记录"
        ordering = ["-at", "-id"]
        # The 审核队列: the submissions of one kind, oldest first, read a page at a time.
        indexes = [models.Index(fields=["subject_kind", "step", "at"], name="transition_submitted_at")]


class Explanation(models.Model):
    """情况说明: the unit's answer to one warning, keyed by the core's stable finding key.

    Cleared, it keeps its row with empty text, so that its version still tells a stale save apart.
    """

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="explanations")
    finding_key = models.CharField("审核发现", max_length=500)
    rule = models.CharField("规则", max_length=100)
    text = models.TextField("情况说明", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="填写人")
    updated_at = models.DateTimeField("填写时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "情况说明"
        constraints = [models.UniqueConstraint(fields=["table", "finding_key"], name="explanation_unique_per_finding")]


class Comment(models.Model):
    """审核意见 on a whole table or on one indicator."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="review_comments")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    indicator_name = models.CharField("三级指标", max_length=300, blank=True)  # kept if the row goes
    step = models.CharField("随同操作", max_length=16, choices=Step.choices, blank=True)
    text = models.TextField("审核意见")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="审核人")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["at", "id"]


class Reply(models.Model):
    """An answer under a 审核意见, by the unit or a reviewer; shown threaded beneath it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField("回复")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="回复人")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见回复"
        ordering = ["at", "id"]


class ApprovedVersion(models.Model):
    """What was approved, frozen, for a table, a 运行监控 report or a 绩效自评 (``subject_kind``/``subject_id``).

    A table's snapshot is its core JSON, with its findings and the unit's explanations; an
    evaluation's is its 自评表 as shown (``monitoring.sheet.frozen``); a report's is its page as
    shown (``monitoring.sheet.frozen_report``). The live record keeps its
    identity; 新版本 turns it back into a draft while these snapshots stay readable.
    """

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="approved_versions")
    number = models.PositiveIntegerField("审核通过版本")
    table_version = models.PositiveIntegerField("表版本")
    snapshot = models.JSONField("目标表内容")
    findings = models.JSONField("审核发现", default=list)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="审核人")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="提交人")
    approved_at = models.DateTimeField("审核通过时间", auto_now_add=True)
    transition = models.OneToOneField(Transition, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="approved_version", verbose_name="审核通过操作")

    class Meta:
        verbose_name = verbose_name_plural = "审核通过版本"
        ordering = ["table", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], condition=models.Q(subject_kind=Kind.TABLE),
                                    name="approved_version_unique"),
            models.UniqueConstraint(fields=["subject_kind", "subject_id", "number"],
                                    condition=~models.Q(subject_kind=Kind.TABLE), name="approved_report_version_unique"),
        ]


COMMENT = "comment"  # a Notification about a 审核意见 (or a reply to one) outside a transition


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="+")
    step = models.CharField("事项", max_length=16, blank=True)  # a Step, or COMMENT
    text = models.CharField("内容", max_length=500)
    at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]


for _model in (Transition, Comment, Notification, ApprovedVersion):
    for _name, _field in subject_fields().items():
        _model.add_to_class(_name, _field)

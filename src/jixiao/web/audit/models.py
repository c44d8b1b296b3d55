"""The audit trail: every create, change and delete of a target table or indicator."""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "新增"
    CHANGE = "change", "修改"
    DELETE = "delete", "删除"


class ObjectKind(models.TextChoices):
    TABLE = "table", "目标表"
    INDICATOR = "indicator", "绩效指标"
    MONITORING = "monitoring", "运行监控"
    EVALUATION = "evaluation", "绩效自评"


class AuditEntry(models.Model):
    # Plain ids, not foreign keys: the history of a deleted table must survive it.
    table_id = models.BigIntegerField("目标表编号", db_index=True)
    object_kind = models.CharField("对象", max_length=16, choices=ObjectKind.choices)
    object_id = models.BigIntegerField("对象编号", null=True)
    object_label = models.CharField("名称", max_length=300, blank=True)
    action = models.CharField("操作", max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="操作人"
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    version = models.PositiveIntegerField("表版本", null=True)
    source = models.CharField("途径", max_length=100, blank=True)  # 网页编辑 / 导入 FILE / 上传
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "修改记录"
        ordering = ["-at", "-id"]

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

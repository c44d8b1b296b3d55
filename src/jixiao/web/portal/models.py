"""What the public 公开 portal must not show: a table an administrator withheld (涉密), and why."""

from django.conf import settings
from django.db import models

from jixiao.web.targets.models import TargetTable


class Withholding(models.Model):
    """不予公开: the table (and its self-evaluation) stays off the portal while this row exists."""

    table = models.OneToOneField(TargetTable, on_delete=models.CASCADE, related_name="withholding",
                                 verbose_name="项目绩效目标表")
    reason = models.TextField("不予公开理由", help_text="如：涉及国家秘密，依据《政府信息公开条例》第十四条不予公开。")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                           verbose_name="决定人", editable=False)
    at = models.DateTimeField("决定时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "不予公开（涉密）"

    def __str__(self) -> str:
        return str(self.table)

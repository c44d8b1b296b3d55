"""Which tables' workflow history (审核, 运行监控, 绩效自评) the demo made up, so pages can say so."""

from django.db import models

from jixiao.web.targets.models import TargetTable


class SampleHistory(models.Model):
    """The demo's made-up workflow of one real table: its statuses, comments, reports and evaluation."""

    table = models.OneToOneField(TargetTable, on_delete=models.CASCADE, related_name="sample_history")
    note = models.CharField("说明", max_length=200, default="示例数据：审核、运行监控和绩效自评过程由系统生成，仅供演示")

    class Meta:
        verbose_name = verbose_name_plural = "示例流程标记"

    def __str__(self) -> str:
        return f"{self.table}·示例流程"

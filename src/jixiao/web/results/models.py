"""结果应用: the consequence of an approved self-evaluation's grade for the project's next budget,
as the reviewer decided it (the rule arithmetic and checks are ``core.results_use``)."""

from django.conf import settings
from django.db import models

from jixiao.core.results_use import DECISION_LABELS, applied_text
from jixiao.web.monitoring.models import SelfEvaluation


class ResultUse(models.Model):
    evaluation = models.OneToOneField(SelfEvaluation, on_delete=models.CASCADE, related_name="result_use",
                                      verbose_name="绩效自评")
    rule_set = models.CharField("规则集", max_length=200)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=4)
    mapped = models.CharField("规则对应的结果应用", max_length=50)
    decision = models.CharField("审核确定", max_length=8, choices=list(DECISION_LABELS.items()))
    consequence = models.CharField("结果应用", max_length=50)
    cut_percent = models.DecimalField("压缩比例（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="确定人")
    decided_at = models.DateTimeField("确定时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "结果应用"

    def __str__(self) -> str:
        return f"{self.evaluation}：{self.applied}"

    @property
    def applied(self) -> str:
        return applied_text(self.consequence, self.cut_percent)

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(self.decision, "")

    @property
    def outdated(self) -> bool:
        """The evaluation was reopened and approved again with another grade since the decision."""
        return self.evaluation.grade != self.grade

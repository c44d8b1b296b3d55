"""Which rule set (规则集) scores a unit's evaluations and monitors its spending: an administrator's
choice per 主管部门 and per 用款单位 (the unit's overrides its department's; neither: the default)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.web.accounts.models import Department, Unit


class RuleChoice(models.Model):
    department = models.OneToOneField(Department, null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="rule_choice", verbose_name="主管部门")
    unit = models.OneToOneField(Unit, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="rule_choice", verbose_name="用款单位")
    # A shipped rule set's name; '' follows the department (for a unit) or the default (for a department).
    rule_set = models.CharField("评分规则", max_length=100, blank=True)
    # Optimistic locking (web/concurrency.py): every save checks and bumps it.
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="最后修改人")

    class Meta:
        verbose_name = verbose_name_plural = "评分规则设置"
        constraints = [models.CheckConstraint(
            condition=Q(department__isnull=False, unit__isnull=True) | Q(department__isnull=True, unit__isnull=False),
            name="rule_choice_one_owner")]


class RuleChange(models.Model):
    """The audit trail of the settings page: who set which rule set for whom, and when."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             verbose_name="操作人")
    scope = models.CharField("对象", max_length=300)  # 主管部门：… / 用款单位：…
    before = models.CharField("修改前", max_length=300)
    after = models.CharField("修改后", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "评分规则修改记录"
        ordering = ["-at", "-id"]

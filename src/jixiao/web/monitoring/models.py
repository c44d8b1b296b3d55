"""运行监控 reports and 绩效自评 evaluations of a stored 项目绩效目标表.

Scores and lights are always computed by ``jixiao.core.scoring`` (see ``scoring.py``); the copies
kept here (``*_light``, ``total``, ``grade``) are written on every save so that the unit overview
and summary pages need no recomputation.
"""

from django.conf import settings
from django.db import models

from jixiao.core.scoring import LIGHT_LABELS, LIGHTS as scoring_lights, RATING_LABELS
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.workflow import IN_REVIEW, Reviewed


# Stored colours and ratings, labelled by the core (the one table of light and rating labels).
LIGHTS = [(color, label) for color, label in LIGHT_LABELS.items() if color]
RATINGS = list(RATING_LABELS.items())
# Worst first; "" is a project without a light yet (no report, or nothing to judge).
LIGHT_ORDER = (*scoring_lights, "")


class DeviationCause(models.TextChoices):
    FUNDING = "funding", "经费保障"
    RULES = "rules", "制度保障"
    STAFFING = "staffing", "人员保障"
    EQUIPMENT = "equipment", "硬件条件保障"
    OTHER = "other", "其他"


class Likelihood(models.TextChoices):
    CERTAIN = "certain", "确定能"
    POSSIBLE = "possible", "有可能"
    IMPOSSIBLE = "impossible", "完全不可能"


def explanation_fields() -> dict[str, models.Field]:
    """偏差原因 (enumeration + text), 纠偏措施, 完成可能性: required when a light is red or yellow."""
    return {
        "deviation_cause": models.CharField("偏差原因", max_length=16, choices=DeviationCause.choices, blank=True),
        "deviation_text": models.TextField("偏差原因说明", blank=True),
        "corrective_measure": models.TextField("纠偏措施", blank=True),
        "likelihood": models.CharField("完成目标可能性", max_length=16, choices=Likelihood.choices, blank=True),
    }


# What the unit enters: the explanation of a red or yellow light, a report's and an evaluation's fields per indicator.
EXPLANATION = ("deviation_cause", "deviation_text", "corrective_measure", "likelihood")
MONITOR_FIELDS = ("so_far", "expected", "expected_rating", *EXPLANATION)
EVALUATE_FIELDS = ("actual", "rating", "rating_score", "weight", "not_applicable", "deviation_analysis", "given_score",
                   "deduction_reason")


class MonitoringReport(Reviewed):
    """One 运行监控 report of a table at a cut-off date (default 31 July)."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="monitoring_reports",
                              verbose_name="项目绩效目标表")
    cutoff = models.DateField("截止日期")
    budget = models.DecimalField("全年预算数（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    spent = models.DecimalField("截至目前执行数（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    execution_light = models.CharField("预算执行灯", max_length=8, choices=LIGHTS, blank=True)
    worst_light = models.CharField("最差指标灯", max_length=8, choices=LIGHTS, blank=True)
    red_count = models.PositiveIntegerField("红灯指标数", default=0)
    yellow_count = models.PositiveIntegerField("黄灯指标数", default=0)
    # A warning of the unit's rule set (a calendar checkpoint missed, completion and execution apart by
    # more than its points): why, since when, and the unit's choice (继续执行 / 调剂 / 取消).
    warning = models.TextField("预警", blank=True)
    warned_on = models.DateField("预警日期", null=True, blank=True)
    unit_choice = models.CharField("预警处理", max_length=16, blank=True)
    chosen_at = models.DateTimeField("选择时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    # Optimistic locking (web/concurrency.py): every save checks and bumps it.
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="最后修改人")

    class Meta:
        verbose_name = verbose_name_plural = "运行监控报告"
        constraints = [models.UniqueConstraint(fields=["table", "cutoff"], name="monitoring_unique_cutoff")]
        # The unit overview and `jixiao alerts`: the latest report per table (table, -cutoff).
        indexes = [models.Index(fields=["table", "-cutoff"], name="monitoring_table_cutoff"),
                   # The nav badge and 待办事项 on every page: the few reports submitted or returned.
                   models.Index(fields=["status"], condition=models.Q(status__in=IN_REVIEW), name="monitoring_in_review")]

    def __str__(self) -> str:
        return f"{self.table}·截至{self.cutoff:%Y-%m-%d}"

    @property
    def overall_light(self) -> str:
        """The project's light at this cut-off: the worse of its execution light and its worst indicator."""
        return min(self.execution_light, self.worst_light, key=LIGHT_ORDER.index)


for _name, _field in explanation_fields().items():
    MonitoringReport.add_to_class(f"execution_{_name}", _field)


class MonitoringEntry(models.Model):
    """One indicator in a monitoring report: value so far, 全年预计完成值 and, when behind, why."""

    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="entries")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    so_far = models.CharField("截至目前完成值", max_length=200, blank=True)
    expected = models.CharField("全年预计完成值", max_length=200, blank=True)
    expected_rating = models.CharField("预计完成情况", max_length=16, choices=RATINGS, blank=True)
    light = models.CharField("指标灯", max_length=8, choices=LIGHTS, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "监控指标"
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="monitoring_entry_unique")]


for _name, _field in explanation_fields().items():
    MonitoringEntry.add_to_class(_name, _field)


class SelfEvaluation(Reviewed):
    """绩效自评 of a table at year end: reviewed like a target table (``review.subjects``)."""

    table = models.OneToOneField(TargetTable, on_delete=models.CASCADE, related_name="self_evaluation",
                                 verbose_name="项目绩效目标表")
    budget_initial = models.DecimalField("年初预算数（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    budget_full_year = models.DecimalField("全年预算数（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    spent = models.DecimalField("全年执行数（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    budget_reason = models.TextField("执行率偏低原因", blank=True)
    goal_actual = models.TextField("年度总体目标实际完成情况", blank=True)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=4, blank=True)
    complete = models.BooleanField("已填齐", default=False)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    # The rule set that scored it, as its file read then: recorded at every save and at submission;
    # once submitted it scores by this text, so a later change of the unit's rule set never rescores it.
    rules_name = models.CharField("评分规则", max_length=100, blank=True)
    rules_version = models.CharField("评分规则版本", max_length=40, blank=True)
    rules_text = models.TextField("评分规则全文", blank=True)
    # Scores of the rule set's blocks judged as a whole (年度目标完成情况), by block key: {"goals": "18"}.
    judged_scores = models.JSONField("整体评价得分", default=dict, blank=True)
    # Optimistic locking (web/concurrency.py): every save checks and bumps it.
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="最后修改人")

    class Meta:
        verbose_name = verbose_name_plural = "绩效自评"
        indexes = [models.Index(fields=["status"], condition=models.Q(status__in=IN_REVIEW), name="evaluation_in_review")]

    def __str__(self) -> str:
        return f"{self.table}·绩效自评"


class EvaluationEntry(models.Model):
    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="entries")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    actual = models.CharField("实际完成值", max_length=200, blank=True)
    rating = models.CharField("完成情况", max_length=16, choices=RATINGS, blank=True)
    rating_score = models.DecimalField("评价得分", max_digits=6, decimal_places=2, null=True, blank=True)
    weight = models.DecimalField("分值", max_digits=6, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField("不适用", default=False)
    deviation_analysis = models.TextField("偏差原因分析及改进措施", blank=True)
    score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    # The evaluator's score below the formula's (a judgement deduction) and why.
    given_score = models.DecimalField("评价人得分", max_digits=6, decimal_places=2, null=True, blank=True)
    deduction_reason = models.TextField("扣分理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评指标"
        constraints = [models.UniqueConstraint(fields=["evaluation", "indicator"], name="evaluation_entry_unique")]

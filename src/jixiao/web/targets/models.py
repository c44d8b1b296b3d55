"""Projects, their yearly 项目绩效目标表 and indicators, as stored in the database.

Conversion to and from the core's interchange model lives in ``convert.py``; nothing else should
build these rows from a ``TargetTable`` by hand.
"""

from django.conf import settings
from django.db import models

from jixiao.core.model import CATEGORIES, CATEGORY_LABELS, DIRECTIONS, KINDS
from jixiao.web.accounts.models import Unit
from jixiao.web.workflow import IN_REVIEW, Reviewed


class Project(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="projects", verbose_name="用款单位")
    name = models.CharField("项目名称", max_length=300)
    type = models.CharField("项目类型", max_length=200, blank=True)
    level = models.CharField("项目等级", max_length=100, blank=True)
    subject = models.CharField("预算科目", max_length=200, blank=True)
    period_start = models.IntegerField("起始年度", null=True, blank=True)
    period_end = models.IntegerField("到期年度", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="project_unique_per_unit")]
        indexes = [
            models.Index(fields=["type"], name="project_type"),  # the list's 项目类型 filter and choices
            models.Index(fields=["name"], name="project_name"),  # 待办事项 and lists by project name, a page at a time
        ]

    def __str__(self) -> str:
        return self.name


class ChoiceList(models.TextChoices):
    """The project facts whose values the administrator keeps as a list (``Choice``)."""

    TYPE = "type", "项目类型"
    LEVEL = "level", "项目等级"
    SUBJECT = "subject", "预算科目"


class Choice(models.Model):
    """One value the edit form offers for 项目类型, 项目等级 or 预算科目 (a value already stored that
    is not in the list still shows, marked as such)."""

    field = models.CharField("项目信息", max_length=16, choices=ChoiceList.choices)
    label = models.CharField("选项", max_length=200)
    position = models.PositiveIntegerField("顺序", default=0)
    # Optimistic locking (web/concurrency.py): two administrators editing one option cannot overwrite.
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="最后修改人", editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "项目信息选项"
        ordering = ["field", "position", "label"]
        constraints = [models.UniqueConstraint(fields=["field", "label"], name="choice_unique_per_field")]

    def __str__(self) -> str:
        return f"{self.get_field_display()}：{self.label}"


class TargetTable(Reviewed):
    """项目绩效目标表: one per project and budget year."""

    # No index of its own: table_unique_per_year (project, year) serves every lookup by project.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tables", verbose_name="项目",
                                db_index=False)
    year = models.IntegerField("预算年度")
    budget = models.DecimalField("年度预算金额（元）", max_digits=18, decimal_places=2, null=True, blank=True)
    goal_period = models.TextField("实施周期总目标", blank=True)
    goal_annual = models.TextField("年度目标", blank=True)
    # Optimistic locking: every save checks and bumps it, so a stale form cannot overwrite.
    version = models.PositiveIntegerField("版本", default=1)
    sections = models.JSONField("声明的二级指标", default=list, blank=True)
    warnings = models.JSONField("读取警告", default=list, blank=True)
    source_file = models.CharField("来源文件", max_length=300, blank=True)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="最后修改人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "项目绩效目标表"
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="table_unique_per_year")]
        indexes = [
            # The project list: WHERE year = … [AND status = …] ORDER BY project; its totals (count,
            # budget sum) read the index alone on PostgreSQL (INCLUDE is ignored elsewhere).
            models.Index(fields=["year", "status"], include=["budget", "project"], name="table_year_status"),
            # A deep page of the list sorted by budget or by last change finds its first and last values here.
            models.Index(fields=["year", "budget"], name="table_year_budget"),
            models.Index(fields=["year", "updated_at"], name="table_year_updated"),
            # The nav badge and 待办事项 on every page: the few tables submitted or returned, not a scan of all.
            models.Index(fields=["status"], condition=models.Q(status__in=IN_REVIEW), name="table_in_review"),
        ]

    def __str__(self) -> str:
        return f"{self.project.name}（{self.year}年）"


def target_fields(prefix: str, label: str) -> dict[str, models.Field]:
    """The columns of one parsed target: text as written plus the grammar's fields."""
    return {
        f"{prefix}_text": models.TextField(f"{label}", blank=True),
        f"{prefix}_kind": models.CharField(max_length=16, blank=True, choices=[(k, k) for k in KINDS]),
        f"{prefix}_op": models.CharField(max_length=8, blank=True),
        f"{prefix}_value": models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True),
        f"{prefix}_upper": models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True),
        f"{prefix}_unit": models.CharField(max_length=50, blank=True),
        f"{prefix}_direction": models.CharField(max_length=16, blank=True, choices=[(d, d) for d in DIRECTIONS]),
        f"{prefix}_deadline": models.DateField(null=True, blank=True),
        # Composite parts and label, as the core JSON writes them; empty for plain values.
        f"{prefix}_extra": models.JSONField(default=dict, blank=True),
    }


TARGET_PREFIXES = {"period": "实施周期指标值", "annual": "当年度指标值"}


class Indicator(models.Model):
    # No index of its own: indicator_table_pos (table, position) serves every lookup by table.
    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="indicators", db_index=False)
    position = models.PositiveIntegerField("顺序")
    level1 = models.CharField("一级指标", max_length=100, blank=True)
    level2 = models.CharField("二级指标", max_length=100, blank=True)
    category = models.CharField(
        "指标类别", max_length=20, blank=True, choices=[(c, CATEGORY_LABELS[c]) for c in CATEGORIES]
    )
    name = models.CharField("三级指标", max_length=300)
    # Set for the targets that exist (the interchange model distinguishes None from empty text).
    has_period = models.BooleanField(default=True)
    has_annual = models.BooleanField(default=True)
    # The 指标库 entry (code, version) the indicator was taken from, when it was (library app).
    entry_code = models.CharField("指标库编码", max_length=40, blank=True)
    entry_version = models.PositiveIntegerField("指标库版本", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "绩效指标"
        ordering = ["table", "position"]
        indexes = [
            models.Index(fields=["table", "position"], name="indicator_table_pos"),
            # "all quantitative cost indicators": WHERE category = 'cost' AND annual_kind = 'numeric'.
            models.Index(fields=["category", "annual_kind"], name="indicator_category_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def heading(self) -> str:
        """How lists name the indicator: its 二级 category (else its 一级), then its name."""
        group = self.level2 or self.level1
        return f"{group}／{self.name}" if group else self.name


for _prefix, _label in TARGET_PREFIXES.items():
    for _name, _field in target_fields(_prefix, _label).items():
        Indicator.add_to_class(_name, _field)

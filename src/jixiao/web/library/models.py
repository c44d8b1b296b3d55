"""The 指标库 in the database: entries with codes, versions and a lifecycle; sample years; confirmed
links between projects across years.

Conversion to and from the core's ``LibraryEntry`` lives in ``convert.py``.
"""

from django.conf import settings
from django.db import models

from jixiao.core.library.entry import (
    DIRECTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    VALUE_TYPE_LABELS,
)
from jixiao.core.model import CATEGORIES, CATEGORY_LABELS
from jixiao.web.accounts.models import Unit
from jixiao.web.targets.models import Project, TargetTable


def _choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    return list(labels.items())


class Entry(models.Model):
    """One library entry at its current version; earlier versions are kept as ``EntryVersion``."""

    code = models.CharField("指标编码", max_length=40, unique=True)
    version = models.PositiveIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=16, choices=_choices(STATUS_LABELS), default="proposed")
    level1 = models.CharField("一级指标", max_length=100, blank=True)
    level2 = models.CharField("二级指标", max_length=100, blank=True)
    category = models.CharField("指标类别", max_length=20, choices=[(c, CATEGORY_LABELS[c]) for c in CATEGORIES])
    name = models.CharField("三级指标", max_length=300)
    aliases = models.JSONField("相近名称", default=list, blank=True)
    definition = models.TextField("指标解释", blank=True)
    formula = models.TextField("计算公式", blank=True)
    value_type = models.CharField("指标值类型", max_length=16, choices=_choices(VALUE_TYPE_LABELS), default="quantitative")
    unit = models.CharField("计量单位", max_length=50, blank=True)
    direction = models.CharField("指标方向", max_length=16, choices=_choices(DIRECTION_LABELS), default="higher")
    scoring = models.TextField("评（扣）分标准", blank=True)
    data_source = models.TextField("数据来源", blank=True)
    reference_value = models.CharField("参考值", max_length=200, blank=True)
    reference_basis = models.CharField("参考值依据", max_length=300, blank=True)
    project_types = models.JSONField("适用项目类型", default=list, blank=True)
    industries = models.JSONField("适用行业", default=list, blank=True)
    functional_classes = models.JSONField("适用支出功能分类", default=list, blank=True)
    valid_from = models.IntegerField("适用年度起", null=True, blank=True)
    valid_to = models.IntegerField("适用年度止", null=True, blank=True)
    source = models.CharField("来源", max_length=16, choices=_choices(SOURCE_LABELS), default="unit")
    source_document = models.CharField("来源文件", max_length=200, blank=True)
    text_source = models.CharField("解释文字来源", max_length=100, blank=True)
    locked = models.BooleanField("固化", default=False, help_text="固化指标须原样使用（名称、计量单位、参考值）。")
    # The tables that used it, as the core records them (project, org, year, type, name, target, actual).
    usage = models.JSONField("使用情况", default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="提出人"
    )
    proposed_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="提出单位"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="审核人"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.TextField("审核意见", blank=True)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标库条目"
        ordering = ["code"]
        indexes = [models.Index(fields=["category", "status"], name="library_entry_category_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class EntryVersion(models.Model):
    """An earlier version of an entry, kept whole when an administrator changes it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions", verbose_name="条目")
    version = models.PositiveIntegerField("版本")
    content = models.JSONField("内容")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="修改人"
    )
    changed_at = models.DateTimeField("修改时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标库条目历史版本"
        ordering = ["entry", "-version"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="library_entry_version_unique")]


class SampleTable(models.Model):
    """Marks a target table made up for demonstration (a plausible earlier year), never a real one."""

    table = models.OneToOneField(TargetTable, on_delete=models.CASCADE, related_name="sample_mark")
    note = models.CharField("说明", max_length=200, default="示例数据：系统生成的上一年度，仅供演示")

    class Meta:
        verbose_name = verbose_name_plural = "示例数据标记"


class ProjectLink(models.Model):
    """Two projects of a unit confirmed by a person to be the same project across years."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+", verbose_name="项目")
    earlier = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+", verbose_name="往年项目")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="确认人"
    )
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "跨年度项目对应"
        constraints = [models.UniqueConstraint(fields=["project", "earlier"], name="library_project_link_unique")]

"""佐证记录: the work a unit records as it happens (activities, purchases, cases, created items), their
attachments, and the link from an indicator to a count or sum over them.

The arithmetic (which records count, count/sum/unit price) is the core's ``library.evidence``;
``actuals.py`` is the only bridge to it.
"""

from django.conf import settings
from django.db import models

from jixiao.core.library.evidence import KIND_LABELS, MEASURE_LABELS, EvidenceLink, EvidenceRecord
from jixiao.web.targets.models import Indicator, Project


class Record(models.Model):
    """One piece of work, dated, under the project that pays for it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="evidence_records",
                                verbose_name="所属项目")
    kind = models.CharField("记录类别", max_length=16, choices=list(KIND_LABELS.items()))
    subtype = models.CharField("记录类型", max_length=50, help_text="如宣传活动、培训、制品采购、信访事项、平安出租屋")
    day = models.DateField("日期")
    title = models.CharField("名称", max_length=200)
    quantity = models.DecimalField("数量", max_digits=14, decimal_places=2, null=True, blank=True,
                                   help_text="采购的份数、参加人数等")
    counting_unit = models.CharField("数量单位", max_length=20, blank=True, help_text="如份、人、户")
    amount = models.DecimalField("金额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.TextField("情况说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "佐证记录"
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["project", "kind", "day"], name="evidence_project_kind_day")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.subtype}：{self.title}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def core(self) -> EvidenceRecord:
        return EvidenceRecord(self.kind, self.subtype, self.day, self.title, self.quantity, self.amount,
                              self.counting_unit, key=self.pk)


class Attachment(models.Model):
    """A photo, sign-in sheet or invoice of a record, stored under ``var/evidence/`` (see files.py)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    stored_as = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Link(models.Model):
    """An indicator whose actual is taken from records: a measure over one kind (and subtype)."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="evidence_link",
                                     verbose_name="指标")
    kind = models.CharField("记录类别", max_length=16, choices=list(KIND_LABELS.items()))
    subtype = models.CharField("记录类型", max_length=50, blank=True, help_text="留空表示该类别的全部记录")
    measure = models.CharField("取值方式", max_length=16, choices=list(MEASURE_LABELS.items()), default="count")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="设置人")
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标取值来源"

    def core(self) -> EvidenceLink:
        return EvidenceLink(self.kind, self.subtype, self.measure)

    def describe(self) -> str:
        return self.core().describe()

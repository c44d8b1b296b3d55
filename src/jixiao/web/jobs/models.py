"""A background job as users see it: what, who, progress, result file, one-line error.

The queue itself is django-tasks' database backend (``django_tasks_db.DBTaskResult``); ``task_id``
links a job to the task that runs it now (a job re-queued after a worker died gets a new one).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    EXPORT_XLSX = "export_xlsx", "导出目标表（Excel）"
    EXPORT_PDF_ZIP = "export_pdf_zip", "导出目标表（PDF 压缩包）"
    IMPORT = "import", "导入目标表"
    BACKUP = "backup", "备份数据库"
    LIBRARY = "library", "整理指标库"
    UNIT_CHECK = "unit_check", "复核与计分"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    CANCELLED = "cancelled", "已取消"
    FAILED = "failed", "失败"


FINISHED = (JobStatus.DONE, JobStatus.CANCELLED, JobStatus.FAILED)


class Job(models.Model):
    kind = models.CharField("任务类型", max_length=32, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="jobs", verbose_name="发起人")
    params = models.JSONField("参数", default=dict)
    description = models.CharField("内容", max_length=300, blank=True)
    status = models.CharField("状态", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", null=True, blank=True)
    measure = models.CharField("进度单位", max_length=16, default="张表")  # what done and total count
    cancel_requested = models.BooleanField("已要求取消", default=False)
    attempts = models.PositiveIntegerField("运行次数", default=0)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    heartbeat = models.DateTimeField("最近活动", null=True, blank=True)
    result_file = models.CharField("结果文件", max_length=200, blank=True)  # name under JOBS_DIR
    result_name = models.CharField("下载文件名", max_length=300, blank=True)
    error = models.CharField("失败原因", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created"),
                   models.Index(fields=["status", "heartbeat"], name="job_status_heartbeat")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.description}"

    @property
    def started_by(self) -> str:
        if self.user is None:
            return "命令行"
        return self.user.get_full_name() or self.user.username

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.status == JobStatus.DONE else None
        return min(100, self.done * 100 // self.total)

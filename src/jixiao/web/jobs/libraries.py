"""Building the 指标库 from every stored table as a job: the library page's own build, run by a
worker instead of inside the request; the summary is offered as a text file."""

from __future__ import annotations

from jixiao.web.jobs.progress import Progress
from jixiao.web.library import services
from jixiao.web.targets.models import TargetTable


def build_library(job, progress: Progress, dest) -> str:
    progress.start(TargetTable.objects.count())
    report = services.build_from_tables()
    progress.advance(report.tables)
    dest.write(f"已从目标表整理指标库：{report.summary()}\n".encode("utf-8"))
    return "指标库整理结果.txt"

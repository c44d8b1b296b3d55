"""The 项目绩效目标表 as a reviewed kind: registered by the review app itself (``apps.py``)."""

from __future__ import annotations

from django.urls import reverse

from jixiao.core.jsonio import table_from_dict
from jixiao.core.review import SEVERITY_LABELS
from jixiao.web.review import services
from jixiao.web.review.models import Kind
from jixiao.web.review.subjects import ReviewedKind, register
from jixiao.web.targets import layout
from jixiao.web.targets.models import TargetTable


def version_page(version) -> tuple[str, dict]:
    sheet = table_from_dict(version.snapshot)
    return "review/version_detail.html", {"t": sheet, "rows": layout.grid(sheet), "severities": SEVERITY_LABELS}


def register_kind() -> None:
    register(ReviewedKind(
        kind=Kind.TABLE, model=TargetTable, measure="张", url=lambda t: reverse("targets:detail", args=[t.pk]),
        blockers=services.table_blockers, freeze=services.table_snapshot, version_page=version_page,
        timestamps=False,
    ))

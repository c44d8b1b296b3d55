"""What the monitoring and evaluation pages share: the approved-table gate and the unit filters."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.web.accounts.models import unit_of
from jixiao.web.monitoring import access
from jixiao.web.review import services, subjects


def on_approved_table(view):
    """The view gets the visible table ``pk``; a table never approved gets a page saying why instead
    (monitoring and evaluation measure approved targets), refusing any change (403)."""

    @login_required
    @wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        table = access.get_table_for_user(request.user, pk)
        reason = access.not_approved_reason(table)
        if reason:
            return render(request, "monitoring/not_approved.html", {"table": table, "reason": reason},
                          status=200 if request.method == "GET" else 403)
        return view(request, table, *args, **kwargs)

    return wrapper


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def unit_and_year(request):
    """(unit or None for all, units the user may pick, year, years): staff default to their unit."""
    visible = access.visible_tables(request.user)
    years = sorted(visible.values_list("year", flat=True).distinct().order_by(), reverse=True)
    year = int_or_none(request.GET.get("year")) or (years[0] if years else None)
    units = list(access.units_for(request.user))
    wanted = int_or_none(request.GET.get("unit"))
    unit = next((u for u in units if u.id == wanted), None)
    if unit is None and wanted is None:
        own = unit_of(request.user)
        unit = next((u for u in units if own and u.id == own.id), None)
    return unit, units, year, years


# Headings of the problem summary at the top of a form page (``_problems.html``).
NOT_SAVED = "没有保存：请改正以下内容（您填写的内容仍保留在页面上）。"
SAVED_NOT_SUBMITTED = "已保存草稿，但还不能提交审核：请先处理以下问题。"
BEFORE_SUBMITTING = "提交审核前还须处理以下问题："


def submit_saved(request, record) -> str:
    """Submit a saved report or evaluation: the success message, or '' when something still blocks it."""
    try:
        services.submit(record, request.user)
    except services.SubmissionBlocked:
        return ""
    except services.WorkflowError as e:
        messages.error(request, str(e))
        return "已保存草稿。"
    return f"{subjects.of(record).label}已提交审核，审核期间不能修改。"

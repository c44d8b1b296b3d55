"""What the monitoring and evaluation pages share: the approved-table gate and the unit filters."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.core.numbers import parse_int
from jixiao.web.accounts.models import unit_of
from jixiao.web.monitoring import access
from jixiao.web.review import services, subjects
from jixiao.web.targets.queries import distinct_values, listable
from jixiao.web.workflow import LOCKED_REASONS, Status


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



def unit_and_year(request):
    """(unit or None for all, units the user may pick or None when too many to list, year, years):
    staff default to their unit."""
    years = distinct_values(access.visible_tables(request.user).order_by(), "year")
    year = parse_int(request.GET.get("year")) or (years[0] if years else None)
    units = access.units_for(request.user)
    wanted = parse_int(request.GET.get("unit"))
    if wanted is None:
        own = unit_of(request.user)
        wanted = own.id if own else None
    unit = units.filter(pk=wanted).first() if wanted else None
    # None: too many units to list, searched by name on a page of units.
    return unit, listable(units), year, years


def submit_saved(request, record) -> str:
    """Submit a saved report or evaluation: the success message, or '' when something still blocks it."""
    try:
        services.submit(record, request.user)
    except services.SubmissionBlocked:
        return ""
    except services.WorkflowError as e:
        messages.error(request, str(e))
        return "已保存草稿。"
    return f"{subjects.of(record).label}{LOCKED_REASONS[Status.SUBMITTED]}。"

"""运行监控 pages: one table's report at a cut-off date, and the unit overview of lights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.core.numbers import percent
from jixiao.core.scoring import LIGHT_LABELS
from jixiao.web import concurrency
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.workflow import reads_all
from jixiao.web.monitoring import access, entries as forms, from_records, scoring, submission, unit_summary
from jixiao.web.monitoring.models import LIGHT_ORDER, RATINGS, DeviationCause, Likelihood, MonitoringEntry, MonitoringReport
from jixiao.web.workflow import BEFORE_SUBMITTING, NOT_SAVED, SAVED_NOT_SUBMITTED
from jixiao.web.monitoring.views.common import (
    on_approved_table, submit_saved, unit_and_year,
)
from jixiao.web.targets.models import TargetTable



def _report_for(table: TargetTable, cutoff) -> MonitoringReport:
    report = table.monitoring_reports.filter(cutoff=cutoff).first()
    if report is None:
        previous = table.monitoring_reports.order_by("-cutoff").first()
        report = MonitoringReport(table=table, cutoff=cutoff,
                                  budget=previous.budget if previous else table.budget)
    return report


def _from_records(report: MonitoringReport, rows, entries) -> None:
    """截至目前完成值 of indicators linked to 佐证记录: the records up to the cut-off date."""
    from_records.take(rows, entries, "so_far", lambda row: MonitoringEntry(indicator=row), until=report.cutoff,
                      editable=not report.pk or report.is_editable)


@on_approved_table
def report(request, table: TargetTable):
    cutoff = forms.parse_cutoff(request.POST.get("cutoff") or request.GET.get("cutoff"),
                                scoring.scoring.default_cutoff(table.year, scoring.table_rules(table).scoring))
    report = _report_for(table, cutoff)
    rows = scoring.indicator_rows(table)
    heading, status, stale = BEFORE_SUBMITTING, 200, None
    if request.method == "POST":
        access.check_fill(request.user, table, report if report.pk else None)
        entries, invalid = forms.report_from_post(report, rows, request.POST)
        _from_records(report, rows, entries)
        result = scoring.monitor(report, rows, entries)
        problems = invalid + submission.report_problems(result)
        if request.htmx:
            return render(request, "monitoring/_lights.html", {
                "result": result, "problems": problems, "heading": NOT_SAVED if invalid else BEFORE_SUBMITTING,
                "choice_rule": result.choice_rule(report.warned_on)})
        if invalid:
            heading, status, problems = NOT_SAVED, 400, invalid
        else:
            scoring.store_lights(report, result)
            try:
                forms.save_report(report, entries, request.user, rows, concurrency.opened_version(request.POST))
            except concurrency.StaleSave as e:
                stale, status = e.current, 409
            else:
                done = submit_saved(request, report) if "submit" in request.POST else "已保存草稿。"
                if done:
                    messages.success(request, done)
                    return redirect(f"{reverse('monitoring:report', args=[table.pk])}?cutoff={cutoff.isoformat()}")
                heading = SAVED_NOT_SUBMITTED
    else:
        entries = {e.indicator_id: e for e in report.entries.all()} if report.pk else {}
        _from_records(report, rows, entries)
        result = scoring.monitor(report, rows, entries)
        problems = submission.report_problems(result) if report.pk and report.is_editable else result.errors
    return render(request, "monitoring/report.html", {
        "table": table, "report": report, "result": result, "problems": problems, "heading": heading, "stale": stale,
        "focus": request.method == "POST", "can_fill": access.can_fill(request.user, table, report if report.pk else None),
        "history": table.monitoring_reports.order_by("-cutoff"), "progress": percent(result.time_progress),
        "rules": result.rules.scoring.describe(), "rules_label": scoring.rules_label(result.rules),
        "choice_rule": result.choice_rule(report.warned_on), "overdue": scoring.choice_overdue(report, result.rules),
        "deadline": scoring.choice_deadline(report, result.rules),
        "causes": DeviationCause.choices, "likelihoods": Likelihood.choices,
        "ratings": RATINGS,
    }, status=status)


@login_required
def overview(request):
    """Every project of a unit with its latest report's lights; red and yellow first."""
    unit, units, year, years = unit_and_year(request)
    tables = access.visible_tables(request.user).filter(year=year)
    if unit is None and reads_all(request.user):  # every unit: one counted row per unit, never every table
        q = request.GET.get("q", "").strip()
        return render(request, "monitoring/overview_units.html", {
            "page": unit_summary.monitoring_by_unit(tables, q, request.GET.get("page")), "q": q,
            "query": unit_summary.page_query(year, q),
            "unit": None, "units": units, "year": year, "years": years, "lights": LIGHT_ORDER})
    tables = tables.filter(project__unit=unit)
    # Red and yellow first, a page at a time: the latest report's light as a rank, in SQL.
    latest = MonitoringReport.objects.filter(table=OuterRef("pk")).order_by("-cutoff")
    unlit = LIGHT_ORDER.index("")
    rank = Case(*[When(Q(execution_light=c) | Q(worst_light=c), then=Value(n)) for n, c in enumerate(LIGHT_ORDER) if c],
                default=Value(unlit))
    tables = tables.annotate(rank=Coalesce(Subquery(latest.annotate(rank=rank).values("rank")[:1]), Value(unlit)))
    counted = dict(tables.order_by().values_list("rank").annotate(n=Count("pk")))
    tables = (tables.defer("goal_period", "goal_annual", "sections", "warnings")
              .annotate(report_id=Subquery(latest.values("id")[:1]))
              .order_by("rank", "project__unit__name", "project__name", "pk"))
    page = Paginator(tables, PAGE_SIZE).get_page(request.GET.get("page"))
    tables = list(page.object_list)
    reports = MonitoringReport.objects.in_bulk([t.report_id for t in tables if t.report_id])
    # URLs by formatting, not one reverse() per row: the overview may list a thousand projects.
    report_url = reverse("monitoring:report", args=[0]).replace("/0/", "/{}/")
    evaluation_url = reverse("monitoring:evaluation", args=[0]).replace("/0/", "/{}/")
    rows, rules = [], scoring.RulesByUnit()
    for t in tables:
        r = reports.get(t.report_id)
        worst = r.overall_light if r else ""
        warned = r is not None and bool(r.warning)
        rows.append({"table": t, "report": r, "worst": worst, "status": r.status_label if r else "",
                     "warning": scoring.warning_state(r, rules.of_table(t)) if warned else "",
                     "overdue": warned and scoring.choice_overdue(r, rules.of_table(t)),
                     "report_url": report_url.format(t.pk), "evaluation_url": evaluation_url.format(t.pk)})
    totals = [(color or "unreported", LIGHT_LABELS[color or None], counted.get(n, 0)) for n, color in enumerate(LIGHT_ORDER)]
    return render(request, "monitoring/overview.html", {
        "rows": rows, "unit": unit, "units": units, "year": year, "years": years, "totals": totals,
        "page": page, "query": urlencode({"year": year or "", "unit": unit.pk if unit else ""}),
    })

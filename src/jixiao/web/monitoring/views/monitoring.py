"""运行监控 pages: one table's report at a cut-off date, and the unit overview of lights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.web.monitoring import access, entries as forms, scoring
from jixiao.core.scoring.budget import percent
from jixiao.web.monitoring.models import DeviationCause, Likelihood, MonitoringReport, Rating
from jixiao.web.monitoring.views.common import unit_and_year
from jixiao.web.review.services import WorkflowError
from jixiao.web.targets.models import TargetTable


def _report_for(table: TargetTable, cutoff) -> MonitoringReport:
    report = table.monitoring_reports.filter(cutoff=cutoff).first()
    if report is None:
        previous = table.monitoring_reports.order_by("-cutoff").first()
        report = MonitoringReport(table=table, cutoff=cutoff,
                                  budget=previous.budget if previous else table.budget)
    return report


def submission_blockers(result: scoring.MonitoringResult) -> list[str]:
    """Why a report cannot be submitted yet: missing budget figures, unexplained red/yellow lights."""
    blockers = []
    if result.execution.color is None:
        blockers.append("请填写全年预算数和截至目前执行数。")
    blockers += [f"「{name}」为红灯或黄灯，须填写偏差原因、原因说明、纠偏措施和完成目标可能性。"
                 for name in result.unexplained]
    return blockers


@login_required
def report(request, pk: int):
    table = access.get_table_for_user(request.user, pk)
    cutoff = forms.parse_cutoff(request.POST.get("cutoff") or request.GET.get("cutoff"),
                                scoring.scoring.default_cutoff(table.year, scoring.CONFIG))
    report = _report_for(table, cutoff)
    rows = scoring.indicator_rows(table)
    errors: list[str] = []
    if request.method == "POST":
        access.check_fill(request.user, table, report if report.pk else None)
        entries, errors = forms.report_from_post(report, rows, request.POST)
        result = scoring.monitor(report, rows, entries)
        errors += result.errors
        if request.htmx:
            return render(request, "monitoring/_lights.html", {"result": result, "errors": errors})
        if not errors:
            submit = "submit" in request.POST
            blockers = submission_blockers(result) if submit else []
            scoring.store_lights(report, result)
            try:
                forms.save_report(report, entries, request.user, rows, submit=submit and not blockers)
            except WorkflowError as e:
                blockers = [str(e)]
            if not blockers:
                messages.success(request, "监控报告已提交审核。" if submit else "已保存。")
                return redirect(f"{reverse('monitoring:report', args=[table.pk])}?cutoff={cutoff.isoformat()}")
            errors = ["已保存，但还不能提交：", *blockers]
    else:
        entries = {e.indicator_id: e for e in report.entries.all()} if report.pk else {}
        result = scoring.monitor(report, rows, entries)
    return render(request, "monitoring/report.html", {
        "table": table, "report": report, "result": result, "errors": errors,
        "can_fill": access.can_fill(request.user, table, report if report.pk else None),
        "history": table.monitoring_reports.order_by("-cutoff"), "progress": percent(result.time_progress),
        "causes": DeviationCause.choices, "likelihoods": Likelihood.choices, "ratings": Rating.choices,
    }, status=400 if errors else 200)


@login_required
def overview(request):
    """Every project of a unit with its latest report's lights; red and yellow first."""
    unit, units, year, years = unit_and_year(request)
    tables = access.visible_tables(request.user).filter(year=year)
    if unit is not None:
        tables = tables.filter(project__unit=unit)
    latest = MonitoringReport.objects.filter(table=OuterRef("pk")).order_by("-cutoff")
    tables = (tables.defer("goal_period", "goal_annual", "sections", "warnings")
              .annotate(report_id=Subquery(latest.values("id")[:1])).order_by("project__unit__name", "project__name"))
    tables = list(tables)
    reports = MonitoringReport.objects.in_bulk([t.report_id for t in tables if t.report_id])
    rank = {"red": 0, "yellow": 1, "green": 2, "": 3}
    # URLs by formatting, not one reverse() per row: the overview may list a thousand projects.
    report_url = reverse("monitoring:report", args=[0]).replace("/0/", "/{}/")
    evaluation_url = reverse("monitoring:evaluation", args=[0]).replace("/0/", "/{}/")
    rows = []
    for t in tables:
        r = reports.get(t.report_id)
        worst = min((r.execution_light, r.worst_light), key=lambda c: rank[c]) if r else ""
        rows.append({"table": t, "report": r, "worst": worst, "status": r.get_status_display() if r else "",
                     "report_url": report_url.format(t.pk), "evaluation_url": evaluation_url.format(t.pk)})
    rows.sort(key=lambda x: rank[x["worst"]])
    counts = {c or "unreported": sum(1 for x in rows if x["worst"] == c) for c in ("red", "yellow", "green", "")}
    return render(request, "monitoring/overview.html", {
        "rows": rows, "unit": unit, "units": units, "year": year, "years": years, "counts": counts,
    })


"""结果应用 pages: the decision on an approved self-evaluation, the panel on the 自评表, last year's
result on the next year's table (and so in its review), and the report per unit and year."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from jixiao.core.numbers import parse_decimal
from jixiao.core.results_use import (
    DECISION_LABELS, ResultLine, budget_follows, check_decision, consequences, results_report,
)
from jixiao.web.documents.files import attachment
from jixiao.web.documents.reports import REPORT_FORMATS, write_report
from jixiao.web.library.years import linked_projects
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.monitoring import unit_summary
from jixiao.web.monitoring.views.common import unit_and_year
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.results import access
from jixiao.web.results.models import ResultUse
from jixiao.web.results.rules import rule_set_for, rule_set_of, rule_sets_of
from jixiao.web.targets.access import get_table_for_user, visible_tables
from jixiao.web.workflow import Status, reads_all



def _evaluation(user, pk: int) -> SelfEvaluation:
    table = get_table_for_user(user, pk)
    evaluation = SelfEvaluation.objects.filter(table=table).select_related("table__project__unit").first()
    if evaluation is None:
        raise Http404("这张目标表还没有绩效自评")
    return evaluation


def _facts(evaluation: SelfEvaluation) -> dict:
    rule_set = rule_set_of(evaluation)
    return {"evaluation": evaluation, "table": evaluation.table, "rule_set": rule_set,
            "mapped": rule_set.results_use_of(evaluation.grade),
            "decided": ResultUse.objects.filter(evaluation=evaluation).select_related("decided_by").first()}


@login_required
def panel(request, pk: int):
    """htmx: the 结果应用 of the table's self-evaluation, for the 自评表 page ('' before approval)."""
    evaluation = _evaluation(request.user, pk)
    if evaluation.status != Status.APPROVED and not ResultUse.objects.filter(evaluation=evaluation).exists():
        return HttpResponse("")
    return render(request, "results/_panel.html", {
        **_facts(evaluation), "can_decide": access.can_decide(request.user, evaluation)})


@login_required
def decide(request, pk: int):
    """The reviewer accepts the rule set's consequence or adjusts it, with a reason."""
    evaluation = _evaluation(request.user, pk)
    access.check_decide(request.user, evaluation)
    facts = _facts(evaluation)
    decided, rule_set = facts["decided"], facts["rule_set"]
    form = {"decision": decided.decision if decided else "accept",
            "consequence": decided.consequence if decided else facts["mapped"],
            "cut_percent": "" if not decided or decided.cut_percent is None else str(decided.cut_percent.normalize()),
            "reason": decided.reason if decided else ""}
    problems = []
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        cut = parse_decimal(form["cut_percent"]) if form["cut_percent"] else None
        if form["cut_percent"] and cut is None:
            problems.append(f"压缩比例“{form['cut_percent']}”不是数字")
        problems += check_decision(rule_set.results_use, evaluation.grade, form["decision"], form["consequence"], cut,
                                   form["reason"])
        if not problems:
            ResultUse.objects.update_or_create(evaluation=evaluation, defaults={
                "rule_set": rule_set.official_label, "total": evaluation.total, "grade": evaluation.grade,
                "mapped": facts["mapped"], "decision": form["decision"], "consequence": form["consequence"],
                "cut_percent": cut, "reason": form["reason"], "decided_by": request.user})
            messages.success(request, f"已确定结果应用：{DECISION_LABELS[form['decision']]}，{form['consequence']}。")
            return redirect("monitoring:evaluation_sheet", pk=evaluation.table_id)
    return render(request, "results/decide.html", {
        **facts, "form": form, "problems": problems, "consequences": consequences(rule_set.results_use),
        "decisions": DECISION_LABELS,
    }, status=400 if problems else 200)


def _previous(table):
    """The approved self-evaluation of the same project's year before (confirmed links included)."""
    projects = linked_projects(table.project)
    return (SelfEvaluation.objects.filter(table__project__in=projects, table__year=table.year - 1,
                                          status=Status.APPROVED)
            .select_related("table__project__unit").first())


@login_required
def carried(request, pk: int):
    """htmx: on a table, the year before's grade and its 结果应用 ('' when there is none)."""
    table = get_table_for_user(request.user, pk)
    previous = _previous(table)
    if previous is None:
        return HttpResponse("")
    facts = _facts(previous)
    decided = facts["decided"]
    consequence, cut = (decided.consequence, decided.cut_percent) if decided else (facts["mapped"], None)
    return render(request, "results/_carried.html", {
        **facts, "current": table, "sample": hasattr(previous.table, "sample_mark"),
        "budget_problem": budget_follows(consequence, cut, previous.table.budget, table.budget)})


def _lines(evaluations) -> list[tuple[SelfEvaluation, ResultUse | None, str]]:
    decided = {r.evaluation_id: r for r in ResultUse.objects.filter(evaluation__in=evaluations)
               .select_related("decided_by")}
    return [(e, decided.get(e.pk), rules.results_use_of(e.grade))
            for e, rules in zip(evaluations, rule_sets_of(evaluations))]


@login_required
def report(request):
    """Per unit and year: every approved self-evaluation's grade and the 结果应用 decided."""
    unit, units, year, years = unit_and_year(request)
    tables = visible_tables(request.user).filter(year=year)
    fmt = request.GET.get("format", "")
    if unit is None and reads_all(request.user) and fmt not in REPORT_FORMATS:  # one counted row per unit
        q = request.GET.get("q", "").strip()
        approved = Q(self_evaluation__status=Status.APPROVED)
        page = unit_summary.page_of_units(tables, q, request.GET.get("page"), lambda rows: rows.annotate(
            projects=Count("pk"), evaluations=Count("self_evaluation", filter=approved),
            decided=Count("self_evaluation__result_use", filter=approved)))
        for row in page.object_list:
            row["pending"] = row["evaluations"] - row["decided"]
        return render(request, "results/report_units.html", {
            "page": page, "q": q, "query": unit_summary.page_query(year, q),
            "unit": None, "units": units, "year": year, "years": years})
    if unit is not None:
        tables = tables.filter(project__unit=unit)
    evaluations = (SelfEvaluation.objects.filter(table__in=tables.order_by().values("pk"), status=Status.APPROVED)
                   .select_related("table__project__unit").order_by("table__project__unit__name",
                                                                   "table__project__name", "pk"))
    if fmt in REPORT_FORMATS:
        if unit is None:
            raise Http404("请选择用款单位")
        lines = _lines(list(evaluations))
        rows = [ResultLine(e.table.project.name, e.table.year, e.total, e.grade, mapped,
                           r.applied if r else "", r.decision if r else "", r.reason if r else "",
                           (r.decided_by.get_full_name() or r.decided_by.username) if r and r.decided_by else "",
                           f"{r.decided_at:%Y-%m-%d}" if r else "") for e, r, mapped in lines]
        data = results_report(unit.name, year, rule_set_for(unit).official_label, rows)
        return attachment(write_report(data, fmt), fmt, data.title, f"results-{unit.pk}-{year}")
    count = evaluations.count()
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "results/report.html", {
        "lines": _lines(list(page.object_list)), "page": page, "count": count,
        "query": urlencode({"year": year or "", "unit": unit.pk if unit else 0}),
        "unit": unit, "units": units, "year": year, "years": years,
        "pending": count - evaluations.filter(result_use__isnull=False).count(), "formats": REPORT_FORMATS,
    })

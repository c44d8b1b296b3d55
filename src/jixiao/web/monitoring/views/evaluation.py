"""绩效自评 pages: entry form with live scores, the 项目支出绩效自评表, the unit summary, JSON."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.scoring import ScoringError
from jixiao.web.monitoring import access, entries as forms, scoring
from jixiao.web.monitoring.models import EvaluationEntry, Rating, SelfEvaluation
from jixiao.web.monitoring.sheet import sheet, sheet_data
from jixiao.web.review.services import WorkflowError
from jixiao.web.monitoring.views.common import unit_and_year


def _prefilled(table, rows) -> tuple[SelfEvaluation, dict[int, EvaluationEntry]]:
    """The stored evaluation, or a new one prefilled from the last monitoring report."""
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    if evaluation is not None:
        return evaluation, scoring.stored_entries(evaluation, rows)
    last = table.monitoring_reports.order_by("-cutoff").first()
    expected = {e.indicator_id: e for e in last.entries.all()} if last else {}
    evaluation = SelfEvaluation(table=table, budget_initial=table.budget,
                                budget_full_year=last.budget if last and last.budget else table.budget)
    entries = {}
    for r in rows:
        m = expected.get(r.id)
        entries[r.id] = EvaluationEntry(indicator=r, actual=m.expected if m else "",
                                        rating=m.expected_rating if m else "")
    return evaluation, entries


def _score(evaluation, rows, entries):
    try:
        return scoring.evaluate(evaluation, rows, entries), []
    except ScoringError as err:
        return None, [e.message for e in err.errors]


def submission_blockers(evaluation, result) -> list[str]:
    blockers = [f"「{r.name}」{r.missing_reason}。" for r in result.missing]
    if result.budget.status == "missing":
        blockers.append("请填写全年预算数和全年执行数。")
    elif result.budget.needs_reason and not evaluation.budget_reason:
        blockers.append("预算执行率低于 90%，须说明原因。")
    blockers += [f"「{r.name}」未得满分，须填写偏差原因分析及改进措施。" for r in result.needs_deviation_analysis]
    return blockers


@login_required
def evaluation_form(request, pk: int):
    table = access.get_table_for_user(request.user, pk)
    rows = scoring.indicator_rows(table)
    evaluation, entries = _prefilled(table, rows)
    errors: list[str] = []
    if request.method == "POST":
        access.check_fill(request.user, table, evaluation if evaluation.pk else None)
        entries, errors = forms.evaluation_from_post(evaluation, rows, request.POST)
        result, more = _score(evaluation, rows, entries) if not errors else (None, [])
        errors += more
        if not errors:
            submit = "submit" in request.POST
            blockers = submission_blockers(evaluation, result) if submit else []
            scoring.store_scores(evaluation, entries, result)
            try:
                forms.save_evaluation(evaluation, entries, request.user, rows, submit=submit and not blockers)
            except WorkflowError as e:
                blockers = [str(e)]
            if not blockers:
                messages.success(request, "绩效自评已提交审核，审核期间不能修改。" if submit else "已保存。")
                return redirect("monitoring:evaluation_sheet" if submit else "monitoring:evaluation", pk=table.pk)
            errors = ["已保存，但还不能提交：", *blockers]
    else:
        result, errors = _score(evaluation, rows, entries)
    can_fill = access.can_fill(request.user, table, evaluation if evaluation.pk else None)
    if not can_fill and evaluation.pk:
        return redirect("monitoring:evaluation_sheet", pk=table.pk)
    return render(request, "monitoring/evaluation_form.html", {
        "table": table, "evaluation": evaluation, "result": result, "errors": errors, "can_fill": can_fill,
        "lines": _lines(rows, entries, result), "ratings": Rating.choices,
    }, status=400 if errors and request.method == "POST" else 200)


def _lines(rows, entries, result):
    scored = result.indicators if result else [None] * len(rows)
    return [{"row": r, "entry": entries[r.id], "result": s} for r, s in zip(rows, scored)]


@login_required
@require_POST
def evaluation_preview(request, pk: int):
    """htmx: scores of what is typed so far, not saved (the same core call as saving)."""
    table = access.get_table_for_user(request.user, pk)
    rows = scoring.indicator_rows(table)
    evaluation, _ = _prefilled(table, rows)
    access.check_fill(request.user, table, evaluation if evaluation.pk else None)
    entries, errors = forms.evaluation_from_post(evaluation, rows, request.POST)
    result, more = _score(evaluation, rows, entries) if not errors else (None, [])
    return render(request, "monitoring/_scores.html", {
        "result": result, "errors": errors + more, "lines": _lines(rows, entries, result),
    })


def _stored(request, pk: int):
    table = access.get_table_for_user(request.user, pk)
    rows = scoring.indicator_rows(table)
    evaluation, entries = _prefilled(table, rows)
    return table, rows, evaluation, entries


@login_required
def evaluation_sheet(request, pk: int):
    """The 项目支出绩效自评表 in the official layout, printable."""
    table, rows, evaluation, entries = _stored(request, pk)
    result, errors = _score(evaluation, rows, entries)
    data = sheet_data(evaluation, result, *sheet(evaluation, rows, result)) if result else None
    return render(request, "monitoring/evaluation_sheet.html", {
        "table": table, "evaluation": evaluation, "result": result, "errors": errors, "sheet": data,
        "can_fill": access.can_fill(request.user, table, evaluation if evaluation.pk else None),
    })


@login_required
def evaluation_json(request, pk: int):
    """The input of `jixiao evaluate` for this table, as stored."""
    table, rows, evaluation, entries = _stored(request, pk)
    body = json.dumps(scoring.evaluation_json(evaluation, rows, entries), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=evaluation-{table.pk}.json"
    return response


@login_required
def summary(request):
    """The unit's projects with total score and grade (stored at every save, computed by the core)."""
    unit, units, year, years = unit_and_year(request)
    tables = access.visible_tables(request.user).filter(year=year)
    if unit is not None:
        tables = tables.filter(project__unit=unit)
    tables = tables.select_related("self_evaluation").order_by("project__unit__name", "project__name")
    rows = [{"table": t, "evaluation": getattr(t, "self_evaluation", None)} for t in tables]
    done = [r["evaluation"] for r in rows if r["evaluation"] and r["evaluation"].total is not None]
    grades = {g: sum(1 for e in done if e.grade == g) for g in ("优", "良", "中", "差")}
    return render(request, "monitoring/evaluation_summary.html", {
        "rows": rows, "unit": unit, "units": units, "year": year, "years": years, "grades": grades,
    })

"""绩效自评 pages: entry form with live scores, the 项目支出绩效自评表, the unit summary, JSON."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.scoring import is_rated
from jixiao.web import concurrency
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.workflow import reads_all
from jixiao.web.monitoring import access, entries as forms, from_records, scoring, submission, unit_summary
from jixiao.web.monitoring.models import RATINGS, EvaluationEntry, SelfEvaluation
from jixiao.web.monitoring.sheet import sheet, sheet_data
from jixiao.web.workflow import BEFORE_SUBMITTING, NOT_SAVED, SAVED_NOT_SUBMITTED
from jixiao.web.monitoring.views.common import (
    on_approved_table, submit_saved, unit_and_year,
)
from jixiao.web.targets import convert



def _from_records(evaluation: SelfEvaluation, rows, entries) -> dict[int, EvaluationEntry]:
    """实际完成值 of indicators linked to 佐证记录: the year's records."""
    from_records.take(rows, entries, "actual", lambda row: EvaluationEntry(indicator=row),
                      editable=not evaluation.pk or evaluation.is_editable)
    return entries


def _prefilled(table, rows) -> tuple[SelfEvaluation, dict[int, EvaluationEntry]]:
    """The stored evaluation, or a new one prefilled from the last monitoring report; linked
    indicators take their actual from the records."""
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    if evaluation is not None:
        return evaluation, _from_records(evaluation, rows, scoring.stored_entries(evaluation, rows))
    last = table.monitoring_reports.order_by("-cutoff").first()
    expected = {e.indicator_id: e for e in last.entries.all()} if last else {}
    evaluation = SelfEvaluation(table=table, budget_initial=table.budget,
                                budget_full_year=last.budget if last and last.budget else table.budget)
    entries = {}
    for r in rows:
        m = expected.get(r.id)
        entries[r.id] = EvaluationEntry(indicator=r, actual=m.expected if m else "",
                                        rating=m.expected_rating if m else "")
    return evaluation, _from_records(evaluation, rows, entries)


@on_approved_table
def evaluation_form(request, table):
    rows = scoring.indicator_rows(table)
    evaluation, entries = _prefilled(table, rows)
    heading, status, stale = BEFORE_SUBMITTING, 200, None
    if request.method == "POST":
        access.check_fill(request.user, table, evaluation if evaluation.pk else None)
        entries, invalid = forms.evaluation_from_post(evaluation, rows, request.POST)
        _from_records(evaluation, rows, entries)
        scored = scoring.score(evaluation, rows, entries)
        if invalid:
            heading, status, problems = NOT_SAVED, 400, invalid
        else:
            if scored.result is not None:
                scoring.store_scores(evaluation, entries, scored.result, scored.rules)
            try:
                forms.save_evaluation(evaluation, entries, request.user, rows, concurrency.opened_version(request.POST))
            except concurrency.StaleSave as e:
                stale, status, problems = e.current, 409, []
            else:
                done = submit_saved(request, evaluation) if "submit" in request.POST else "已保存草稿。"
                if done:
                    messages.success(request, done)
                    return redirect("monitoring:evaluation_sheet" if "submit" in request.POST
                                    else "monitoring:evaluation", pk=table.pk)
                heading, problems = SAVED_NOT_SUBMITTED, submission.evaluation_problems(evaluation, rows, scored)
    else:
        scored = scoring.score(evaluation, rows, entries)
        problems = (submission.evaluation_problems(evaluation, rows, scored) if evaluation.pk and evaluation.is_editable
                    else scored.errors)
    can_fill = access.can_fill(request.user, table, evaluation if evaluation.pk else None)
    if not can_fill and evaluation.pk and not stale:
        return redirect("monitoring:evaluation_sheet", pk=table.pk)
    return render(request, "monitoring/evaluation_form.html", {
        "table": table, "evaluation": evaluation, "result": scored.result, "problems": problems, "heading": heading,
        "stale": stale,
        "focus": request.method == "POST", "can_fill": can_fill, "lines": _lines(table, rows, entries, scored.result, scored.rules),
        "ratings": RATINGS, "rules": scored.rules.scoring.describe(), "rules_label": scored.rules_label,
        "judged": [{"key": b.key, "label": b.label, "points": b.points,
                    "value": (evaluation.judged_scores or {}).get(b.key, "")}
                   for b in scored.rules.scoring.blocks if b.judged],
    }, status=status)


def _lines(table, rows, entries, result, rules):
    """Each indicator row with its entry, its scored result, whether it is judged by a rating, and
    whether the rule set lets a numeric one be rated instead (its score then in the 评价得分 field)."""
    scored = result.indicators if result else [None] * len(rows)
    core = convert.core_table(table, rows).indicators
    numeric_ratings = rules.scoring.ratings_on_numeric
    return [{"row": r, "entry": entries[r.id], "result": s, "rated": is_rated(ind),
             "may_rate": numeric_ratings and not is_rated(ind)}
            for r, s, ind in zip(rows, scored, core)]


@require_POST
@on_approved_table
def evaluation_preview(request, table):
    """htmx: scores of what is typed so far, not saved (the same core call as saving)."""
    rows = scoring.indicator_rows(table)
    evaluation, _ = _prefilled(table, rows)
    access.check_fill(request.user, table, evaluation if evaluation.pk else None)
    entries, invalid = forms.evaluation_from_post(evaluation, rows, request.POST)
    _from_records(evaluation, rows, entries)
    scored = scoring.score(evaluation, rows, entries)
    return render(request, "monitoring/_scores.html", {
        "result": scored.result, "rules_label": scored.rules_label,
        "problems": invalid + submission.evaluation_problems(evaluation, rows, scored),
        "heading": NOT_SAVED if invalid else BEFORE_SUBMITTING, "lines": _lines(table, rows, entries, scored.result, scored.rules),
        "fields": ("budget_initial", "budget_full_year", "spent", "budget_reason"),
    })


def _stored(table):
    rows = scoring.indicator_rows(table)
    evaluation, entries = _prefilled(table, rows)
    return rows, evaluation, entries


@on_approved_table
def evaluation_sheet(request, table):
    """The 项目支出绩效自评表 in the official layout, printable."""
    rows, evaluation, entries = _stored(table)
    scored = scoring.score(evaluation, rows, entries)
    result = scored.result
    data = sheet_data(evaluation, result, *sheet(evaluation, rows, result), scored.rules_label) if result else None
    return render(request, "monitoring/evaluation_sheet.html", {
        "table": table, "evaluation": evaluation, "result": result, "problems": scored.errors,
        "heading": "以下数值无法计分，按未填报计：", "sheet": data, "rules_label": scored.rules_label,
        "can_fill": access.can_fill(request.user, table, evaluation if evaluation.pk else None),
    })


@on_approved_table
def evaluation_json(request, table):
    """The input of `jixiao evaluate` for this table, as stored."""
    rows, evaluation, entries = _stored(table)
    body = json.dumps(scoring.evaluation_json(evaluation, rows, entries), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=evaluation-{table.pk}.json"
    return response


@login_required
def summary(request):
    """The unit's projects with total score and grade (stored at every save, computed by the core)."""
    unit, units, year, years = unit_and_year(request)
    tables = access.visible_tables(request.user).filter(year=year)
    if unit is None and reads_all(request.user):  # every unit: one counted row per unit, never every table
        q = request.GET.get("q", "").strip()
        grades = list(scoring.default_rules().scoring.grade_names)
        return render(request, "monitoring/evaluation_units.html", {
            "page": unit_summary.evaluations_by_unit(tables, grades, q, request.GET.get("page")), "q": q,
            "query": unit_summary.page_query(year, q),
            "grades": grades, "unit": None, "units": units, "year": year, "years": years})
    tables = tables.filter(project__unit=unit)
    # Grades counted over all the unit's projects by the database; the rows a page at a time.
    done = (SelfEvaluation.objects.filter(table__in=tables.order_by().values("pk"), total__isnull=False)
            .values_list("grade").annotate(n=Count("pk")).order_by())
    counted = dict(done)
    tables = (tables.select_related("self_evaluation", "project__unit").defer("goal_period", "goal_annual", "sections", "warnings")
              .order_by("project__unit__name", "project__name", "pk"))
    page = Paginator(tables, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for t in page.object_list:
        evaluation = getattr(t, "self_evaluation", None)
        rows.append({"table": t, "evaluation": evaluation,
                     "rules": scoring.stored_rules_label(evaluation) if evaluation else ""})
    # Units may grade by different rule sets: the grades in force for the unit shown (else the
    # default's), then any other grade the stored totals carry.
    names = list((scoring.unit_rules(unit) if unit is not None else scoring.default_rules()).scoring.grade_names)
    names += sorted(set(counted) - set(names))
    grades = [(g, counted.get(g, 0)) for g in names]
    return render(request, "monitoring/evaluation_summary.html", {
        "rows": rows, "unit": unit, "units": units, "year": year, "years": years, "grades": grades,
        "page": page, "query": urlencode({"year": year or "", "unit": unit.pk if unit else ""}),
    })

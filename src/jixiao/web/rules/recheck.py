"""The 复核 page: a self-evaluation file with its own scores (as published, or as a unit prepared
it) recomputed under a chosen rule set, each row beside what the formula gives. Nothing is stored."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.core.limits import check_length
from jixiao.core.model import ReadError
from jixiao.core.recheck_upload import recheck_upload
from jixiao.core.scoring.indicator import target_of
from jixiao.web.accounts.models import unit_of
from jixiao.web.rules import access, choice

FORMATS = ".json,.txt,.html,.htm,.docx,.xlsx,.pdf"


def _rows(rechecked) -> list[dict]:
    out = []
    for ind, given, row in zip(rechecked.table.indicators, rechecked.inputs, rechecked.check.rows):
        target = target_of(ind)
        actual = given.actual if isinstance(given.actual, str) or given.actual is None else given.actual.text
        out.append({"level1": ind.level1, "level2": ind.level2, "name": ind.name,
                    "target": target.text if target else "", "actual": actual or given.rating or "",
                    "weight": given.weight, "check": row})
    return out


@login_required
def recheck_page(request):
    access.require(access.can_recheck(request.user))
    unit = unit_of(request.user)
    chosen = request.POST.get("rule_set") or (choice.unit_rules(unit).rules.name if unit else choice.default().name)
    context = {"rule_sets": choice.shipped(), "chosen": chosen, "formats": FORMATS, "tables": None, "error": ""}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            rules = choice.by_name(chosen)
            if upload is None:
                raise ReadError("请选择要复核的绩效自评表文件")
            name = Path(upload.name).name
            check_length(upload.size, settings.JIXIAO_LIMITS, name)
            found = recheck_upload(upload.read(), name, rules.scoring, settings.JIXIAO_LIMITS)
        except (ReadError, choice.UnknownRuleSet) as err:
            context["error"], status = str(err), 400
        else:
            context.update(file=name, rules_label=f"评分规则：{rules.official_label}", tables=[
                {"check": r.check, "rows": _rows(r),
                 "found": len(r.check.problems) + sum(len(x.problems) for x in r.check.rows)} for r in found])
    return render(request, "rules/recheck.html", context, status=status)

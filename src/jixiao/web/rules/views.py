"""The administrator's 评分规则 settings page: a rule set per 主管部门 and per 用款单位."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web import concurrency
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.rules import access, choice
from jixiao.web.rules.models import RuleChange, RuleChoice

HISTORY = 50


def _row(owner, stored: RuleChoice | None, follows: str) -> dict:
    return {"owner": owner, "chosen": stored.rule_set if stored else "",
            "version": stored.version if stored else 0, "follows": follows}


def _page(request, stale=None, stale_owner=None, typed: str = "", status: int = 200):
    stored = {(c.department_id, c.unit_id): c for c in RuleChoice.objects.all()}
    departments = []
    for dept in Department.objects.prefetch_related("units"):
        dept_label = choice.department_rules(dept).label
        units = [_row(u, stored.get((None, u.pk)), f"随主管部门（{dept_label}）") for u in dept.units.all()]
        departments.append({**_row(dept, stored.get((dept.pk, None)), f"默认（{choice.default().official_label}）"),
                            "units": units})
    return render(request, "rules/settings.html", {
        "departments": departments, "rule_sets": choice.shipped(),
        "history": RuleChange.objects.select_related("user")[:HISTORY],
        "stale": stale, "stale_owner": stale_owner, "typed": typed,
    }, status=status)


@login_required
def settings_page(request):
    access.require(access.can_choose(request.user))
    return _page(request)


@require_POST
@login_required
def choose(request, kind: str, pk: int):
    access.require(access.can_choose(request.user))
    owner = get_object_or_404(Unit if kind == "unit" else Department, pk=pk)
    name = request.POST.get("rule_set", "").strip()
    try:
        changed = choice.choose(owner, name, request.user, concurrency.opened_version(request.POST))
    except choice.UnknownRuleSet as err:
        messages.error(request, str(err))
        return _page(request, status=400)
    except concurrency.StaleSave as err:
        return _page(request, stale=err.current, stale_owner=owner, typed=name, status=409)
    if changed:
        messages.success(request, f"已将{choice.scope_of(owner)}的评分规则设为"
                                  f"{choice.label_of(name, '随主管部门' if kind == 'unit' else '默认规则')}。")
    return redirect("rules:settings")

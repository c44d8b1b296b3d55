"""Pages of the 指标库: browse, search, filter and compare entries; propose, decide, edit; suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.library.bands import target_band
from jixiao.core.library.entry import DIRECTION_LABELS, SOURCE_LABELS, STATUS_LABELS, VALUE_TYPE_LABELS
from jixiao.core.library.search import search
from jixiao.core.model import CATEGORIES, CATEGORY_LABELS
from jixiao.core.library.similar import Draft, suggest_indicators
from jixiao.web import concurrency
from jixiao.web.library import access, services
from jixiao.web.library.convert import core_entry, core_library, project_record
from jixiao.web.library.forms import EntryForm
from jixiao.web.library.models import Entry
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.targets import access as table_access

SUGGESTIONS = 8


def _filtered(request):
    rows = Entry.objects.all()
    category, status, source = (request.GET.get(k, "") for k in ("category", "status", "source"))
    if category in CATEGORIES:
        rows = rows.filter(category=category)
    if status in STATUS_LABELS:
        rows = rows.filter(status=status)
    if source in SOURCE_LABELS:
        rows = rows.filter(source=source)
    return rows


@login_required
def entry_list(request):
    access.require(access.can_browse(request.user))
    query = request.GET.get("q", "").strip()
    rows = _filtered(request)
    if query:
        library = core_library(rows)
        entries = [hit.entry for hit in search(library, query, limit=PAGE_SIZE)]
    else:
        entries = [core_entry(r) for r in rows.order_by("category", "code")]
    order = {c: n for n, c in enumerate(CATEGORIES)}
    if not query:
        entries.sort(key=lambda e: (order[e.category], e.code))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "library/list.html", {
        "page": page, "query": query, "filters": request.GET, "page_query": params.urlencode(),
        "categories": CATEGORY_LABELS, "statuses": STATUS_LABELS, "sources": SOURCE_LABELS,
        "can_propose": access.can_propose(request.user), "can_edit": access.can_edit(request.user),
    })  # fmt: skip


def _labels(entry) -> dict:
    return {
        "category": CATEGORY_LABELS.get(entry.category, ""),
        "direction": DIRECTION_LABELS[entry.direction],
        "value_type": VALUE_TYPE_LABELS[entry.value_type],
        "source": SOURCE_LABELS[entry.source],
        "status": STATUS_LABELS[entry.status],
    }


@login_required
def entry_detail(request, code):
    access.require(access.can_browse(request.user))
    row = get_object_or_404(Entry, code=code)
    entry = core_entry(row)
    return render(request, "library/detail.html", {
        "row": row, "entry": entry, "labels": _labels(entry), "band": target_band(entry),
        "usage": sorted(entry.usage, key=lambda u: (-(u.year or 0), u.project)),
        "versions": row.versions.select_related("changed_by"),
        "can_decide": access.can_decide(request.user), "can_edit": access.can_edit(request.user),
    })  # fmt: skip


@login_required
def entry_compare(request):
    access.require(access.can_browse(request.user))
    rows = list(Entry.objects.filter(code__in=request.GET.getlist("code")[:4]))
    entries = [(core_entry(r), r) for r in rows]
    return render(request, "library/compare.html", {
        "entries": [(e, _labels(e), target_band(e)) for e, _ in entries],
    })  # fmt: skip


@login_required
def entry_propose(request):
    access.require(access.can_propose(request.user))
    form = EntryForm(request.POST or None, admin=access.can_edit(request.user))
    if request.method == "POST" and form.is_valid() and (entry := form.entry()) is not None:
        try:
            row = services.propose(request.user, entry)
        except services.Refused as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"已提出新指标“{row.name}”（{row.code}），等待审核。")
            return redirect("library:detail", code=row.code)
    return render(request, "library/form.html", {"form": form, "title": "提出新指标"})


@login_required
def entry_edit(request, code):
    access.require(access.can_edit(request.user))
    row = get_object_or_404(Entry, code=code)
    form = EntryForm(request.POST or None, instance=Entry.objects.get(pk=row.pk), admin=True)
    opened = concurrency.opened_version(request.POST) if request.method == "POST" else row.version
    stale, status = None, 200
    if request.method == "POST" and form.is_valid() and (entry := form.entry()) is not None:
        try:
            row = services.edit(request.user, row, entry, opened)
        except services.Refused as e:
            form.add_error(None, str(e))
        except concurrency.StaleSave as e:
            stale, status = e.current, 409
        else:
            messages.success(request, f"已保存“{row.name}”（第{row.version}版）。")
            return redirect("library:detail", code=row.code)
    return render(request, "library/form.html", {
        "form": form, "title": f"修改指标 {row.code}", "row": row, "version": opened, "stale": stale,
        "reopen": reverse("library:edit", args=[row.code]),
    }, status=status)


@login_required
@require_POST
def entry_decide(request, code):
    access.require(access.can_decide(request.user))
    row = get_object_or_404(Entry, code=code)
    status = request.POST.get("status", "")
    try:
        services.decide(request.user, row, status, request.POST.get("note", "").strip())
    except services.Refused as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"“{row.name}”已{STATUS_LABELS[status]}。")
    return redirect("library:detail", code=code)


@login_required
@require_POST
def library_build(request):
    access.require(access.can_edit(request.user))
    report = services.build_from_tables()
    messages.success(request, f"已从目标表整理指标库：{report.summary()}")
    return redirect("library:list")


@login_required
@require_GET
def suggest(request):
    """Entries for a name being typed on the edit page (an HTML fragment), best first."""
    access.require(access.can_browse(request.user))
    query = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    hits = []
    if len(query) >= 2:
        rows = Entry.objects.exclude(status="retired")
        hits = search(core_library(rows), query, limit=SUGGESTIONS, category=category if category in CATEGORIES else None)
    return render(request, "library/_suggestions.html", {
        "hits": [(h, target_band(h.entry)) for h in hits], "query": query if len(query) >= 2 else "",
        "target": request.GET.get("target", ""),
    })  # fmt: skip


@login_required
@require_GET
def similar(request, pk: int):
    """Indicators of similar projects for a table being drafted (an HTML fragment for the edit page)."""
    table = table_access.get_table_for_user(request.user, pk)
    draft = Draft(table.project.name, table.project.type, f"{table.goal_annual} {table.goal_period}")
    others = (table_access.visible_tables(request.user).exclude(project=table.project)
              .filter(sample_mark__isnull=True).prefetch_related("indicators"))  # fmt: skip
    history = [project_record(t) for t in others]
    projects, suggestions = suggest_indicators(draft, history, core_library(Entry.objects.exclude(status="retired")))
    present = {i.name for i in table.indicators.all()}
    groups = [(CATEGORY_LABELS[c], [s for s in suggestions if s.category == c]) for c in CATEGORIES]
    return render(request, "library/_similar.html", {
        "projects": projects, "groups": [(label, items) for label, items in groups if items], "present": present,
    })  # fmt: skip

"""The 财政 overview's figures, kept in the shared cache and recounted in the background.

Counting a province's approved tables takes seconds, so a visitor never waits for it once it has been
done: the figures are kept, with when they were computed, for KEPT_SECONDS and are fresh for
``JIXIAO_CHARTS_CACHE_SECONDS``. A visit shows the kept figures at once; when they are older than that
window it says so and hands one recount (``refresh``, a django-tasks task the job worker runs) to the
queue: a short-lived "refreshing" key added to the cache lets only one of many visitors enqueue it. Only
a visit that finds nothing kept (the first, or after KEPT_SECONDS without one) counts while it waits.
A window of 0 counts on every visit and keeps nothing. The key holds what the access rule scopes the
figures by (``unit_filter``; ``tables_in_scope`` gives that scope's tables without a user) and the year.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jixiao.web.accounts.models import Unit
from jixiao.web.dashboards import charts
from jixiao.web.dashboards.charts import Chart
from jixiao.web.monitoring.access import units_for
from jixiao.web.targets.access import tables_in_scope, unit_filter, visible_tables

logger = logging.getLogger(__name__)

UNIT_LINKS_SHOWN = 30  # unit links listed above the charts; the rest are found by name
KEY_VERSION = 2  # raised when what is kept changes shape, so an older deployment's entries are not read
KEPT_SECONDS = 24 * 3600  # how long figures are kept at all: stale ones are shown while they are recounted
REFRESH_GUARD_SECONDS = 10 * 60  # a recount asked for but never run (no worker) is asked for again after this


@dataclass(frozen=True)
class UnitLink:
    pk: int
    name: str


@dataclass
class Index:
    """The years with tables and the units whose charts the user may open (the first UNIT_LINKS_SHOWN)."""
    years: list[int]
    units: list[UnitLink]
    unit_count: int


@dataclass
class Figures:
    charts: list[Chart]
    computed_at: datetime
    refreshing: bool = False  # older than the window, shown while a recount is queued (never kept so)


def cache_seconds() -> int:
    return settings.JIXIAO_CHARTS_CACHE_SECONDS


def _key(user, *parts) -> str:
    return _scope_key(unit_filter(user), *parts)


def _scope_key(scope: int | None, *parts) -> str:
    return ":".join(map(str, ("chart-overview", KEY_VERSION, "all" if scope is None else scope, *parts)))


def _kept(key: str, compute):
    return cache.get_or_set(key, compute, timeout=cache_seconds())  # 0: computed on every visit


def index(user) -> Index:
    def compute() -> Index:
        years = sorted(visible_tables(user).values_list("year", flat=True).distinct().order_by(), reverse=True)
        units = units_for(user)
        return Index(years, [UnitLink(u.pk, u.name) for u in units[:UNIT_LINKS_SHOWN]], units.count())
    return _kept(_key(user, "index"), compute)


def units_named(user, name: str) -> list[UnitLink]:
    """The first UNIT_LINKS_SHOWN + 1 units whose name contains ``name`` (one more tells there are more)."""
    units = units_for(user).filter(name__icontains=name)[:UNIT_LINKS_SHOWN + 1]
    return [UnitLink(u.pk, u.name) for u in units]


def figures(user, year: int) -> Figures:
    """The kept figures at once (fresh, or stale with one recount queued); counted here only when none are kept."""
    scope = unit_filter(user)
    if not cache_seconds():
        return _count(scope, year)  # counted on every visit, nothing kept
    key = _scope_key(scope, year)
    kept = cache.get(key)
    if kept is None:
        kept = _count(scope, year)
        _keep(key, kept)
    elif _stale(kept):
        _ask_for_refresh(scope, year)
        kept = replace(kept, refreshing=True)
    return kept


def _count(scope: int | None, year: int) -> Figures:
    return Figures(charts.finance(tables_in_scope(scope), year), timezone.now())


def _stale(figures: Figures) -> bool:
    return timezone.now() - figures.computed_at >= timedelta(seconds=cache_seconds())


def _keep(key: str, figures: Figures) -> None:
    cache.set(key, figures, timeout=max(KEPT_SECONDS, 2 * cache_seconds()))


def _ask_for_refresh(scope: int | None, year: int) -> None:
    """Queue one recount, after the request's transaction commits; visitors who find it queued add none."""
    if cache.add(_scope_key(scope, year, "refreshing"), True, timeout=REFRESH_GUARD_SECONDS):
        transaction.on_commit(lambda: refresh.enqueue(scope, year), robust=True)  # a failure is logged


@task()
def refresh(scope: int | None, year: int) -> str:
    """Recount one scope's figures of the year (the job worker runs it); never raises into the worker."""
    key = _scope_key(scope, year)
    try:
        if not cache_seconds():
            return "not kept"
        if scope is not None and scope >= 0 and not Unit.objects.filter(pk=scope).exists():
            cache.delete(key)  # the unit is gone: no one sees this scope any more
            return "gone"
        kept = cache.get(key)
        if kept is not None and not _stale(kept):
            return "fresh"  # recounted meanwhile (the first visit after the cache emptied)
        _keep(key, _count(scope, year))
        return "recounted"
    except Exception:
        logger.exception("recounting the 图表 overview of %s, %s failed", "all units" if scope is None else scope, year)
        return "failed"
    finally:
        cache.delete(_scope_key(scope, year, "refreshing"))  # the next stale visit may ask again


def freshness(figures: Figures) -> str:
    """数据更新于 12月4日 19:58，每 1 分钟更新 (and, for stale figures, that a recount is queued)."""
    when = timezone.localtime(figures.computed_at)
    text = f"数据更新于 {when.month}月{when.day}日 {when:%H:%M}"
    seconds = cache_seconds()
    if not seconds:
        return text + "（每次打开页面时计算）"
    every = f"{seconds // 60} 分钟" if seconds % 60 == 0 else f"{seconds} 秒"
    text = f"{text}，每 {every}更新"
    return text + "；已安排重新计算，稍后刷新页面可看到新数据" if figures.refreshing else text

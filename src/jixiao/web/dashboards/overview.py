"""The 财政 overview's figures, kept in the shared cache for ``JIXIAO_CHARTS_CACHE_SECONDS``.

Counting a province's approved tables takes seconds; every reviewer opening the page within that time
reads the same figures from the cache and the page says when they were computed. The key holds what
the access rule scopes the figures by (``unit_filter``) and the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from jixiao.web.dashboards import charts
from jixiao.web.dashboards.charts import Chart
from jixiao.web.monitoring.access import units_for
from jixiao.web.targets.access import unit_filter, visible_tables

UNIT_LINKS_SHOWN = 30  # unit links listed above the charts; the rest are found by name
KEY_VERSION = 1  # raised when what is kept changes shape, so an older deployment's entries are not read


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


def cache_seconds() -> int:
    return settings.JIXIAO_CHARTS_CACHE_SECONDS


def _key(user, *parts) -> str:
    scope = unit_filter(user)
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
    return _kept(_key(user, year), lambda: Figures(charts.finance(visible_tables(user), year), timezone.now()))


def freshness(computed_at: datetime) -> str:
    """数据更新于 12月4日 19:58，每 1 分钟更新."""
    when = timezone.localtime(computed_at)
    text = f"数据更新于 {when.month}月{when.day}日 {when:%H:%M}"
    seconds = cache_seconds()
    if not seconds:
        return text + "（每次打开页面时计算）"
    every = f"{seconds // 60} 分钟" if seconds % 60 == 0 else f"{seconds} 秒"
    return f"{text}，每 {every}更新"

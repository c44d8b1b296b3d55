"""The 图表 overview keeps its figures in the shared cache, fresh for JIXIAO_CHARTS_CACHE_SECONDS: older ones
are shown at once while one recount runs in the background, and the page says when they were computed;
its list of unit links is bounded, the rest found by name."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from jixiao.web.accounts.models import Unit
from jixiao.web.dashboards import lifecycle, overview
from jixiao.web.dashboards.overview import UNIT_LINKS_SHOWN
from jixiao.web.targets.models import Project, TargetTable
from jixiao.web.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(cast):
    lifecycle.play(list(TargetTable.objects.filter(year=2024).order_by("pk")), cast.alice, cast.rita)


def funnel(html: str) -> str:
    return re.search(r'<table class="list" id="status-funnel-table">.*?</table>', html, re.S).group(0)


def submit_a_draft() -> None:
    draft = TargetTable.objects.filter(year=2024, status=Status.DRAFT).order_by("pk").first()
    TargetTable.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)


def visit(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboards:finance"), params)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def counts_tables(sql: list[str]) -> bool:
    """Whether any query counts the tables behind the charts (the page's other queries count nothing by group)."""
    return any("GROUP BY" in q.upper() or "SELECT DISTINCT" in q.upper() for q in sql)


def freshness(html: str) -> str:
    return re.search(r"数据更新于[^<]*", html).group(0)


def later(monkeypatch, minutes: int) -> None:
    """Move the clock on: the kept figures' age is told by timezone.now()."""
    moved = timezone.now() + timedelta(minutes=minutes)
    monkeypatch.setattr(timezone, "now", lambda: moved)


def refreshes() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path="jixiao.web.dashboards.overview.refresh"))


def test_a_second_visit_within_the_window_reads_the_figures_from_the_cache(client, cast, year, settings):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 60
    client.force_login(cast.rita)
    first, sql = visit(client)
    assert counts_tables(sql)
    assert re.search(r"数据更新于 \d+月\d+日 \d\d:\d\d，每 1 分钟更新", first)
    assert "<td>1</td>" in funnel(first)  # one table 已提交

    submit_a_draft()  # counted again only once the window has passed
    client.force_login(cast.adam)  # another reviewer
    second, sql = visit(client)
    assert not counts_tables(sql)
    assert funnel(second) == funnel(first)
    assert freshness(second) == freshness(first)
    assert refreshes() == []  # fresh figures ask for no recount


def test_stale_figures_are_shown_at_once_and_recounted_once_in_the_background(
        client, cast, year, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 60
    client.force_login(cast.rita)
    first, sql = visit(client)  # nothing kept yet: this visit counts
    assert counts_tables(sql) and "已安排重新计算" not in first

    submit_a_draft()
    later(monkeypatch, 5)  # the window has passed
    for visitor in [cast.rita, cast.adam] * 10:  # 20 visits, none of them waits for a count
        client.force_login(visitor)
        with django_capture_on_commit_callbacks(execute=True):
            stale, sql = visit(client)
        assert not counts_tables(sql)
        assert funnel(stale) == funnel(first)  # the kept figures, not yet the submitted draft
        assert freshness(stale) == freshness(first) + "；已安排重新计算，稍后刷新页面可看到新数据"
    [queued] = refreshes()  # one recount for all 20 visits
    assert queued.status == "READY" and queued.args_kwargs["args"] == [None, 2024]

    later(monkeypatch, 5)  # `jixiao worker` runs it a little later (inside the test's transaction)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    [done] = refreshes()
    assert (done.status, done.return_value) == ("SUCCESSFUL", "recounted")

    recounted, sql = visit(client)
    assert not counts_tables(sql)  # read from the cache, counted by the worker
    assert "<th scope=\"row\">已提交</th><td>2</td>" in funnel(recounted)
    when = timezone.localtime(timezone.now())
    assert freshness(recounted) == f"数据更新于 {when.month}月{when.day}日 {when:%H:%M}，每 1 分钟更新"
    assert freshness(recounted) != freshness(first)

    later(monkeypatch, 20)  # stale again: the finished recount no longer holds the next one back
    with django_capture_on_commit_callbacks(execute=True):
        visit(client)
    assert len(refreshes()) == 2


def test_the_recount_does_nothing_for_a_deleted_unit_or_fresh_figures(cast, year, settings, monkeypatch):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 60
    gone = Unit.objects.create(name="已撤销单位", department=cast.unit_a.department).pk
    kept_for_it = overview._scope_key(gone, 2024)
    overview._keep(kept_for_it, overview._count(gone, 2024))
    later(monkeypatch, 5)  # stale; the unit is deleted before the worker gets to its recount
    Unit.objects.filter(pk=gone).delete()
    assert overview.refresh.call(gone, 2024) == "gone"  # no error into the worker
    assert overview.cache.get(kept_for_it) is None

    overview.figures(cast.rita, 2024)  # nothing kept: counted now
    assert overview.refresh.call(None, 2024) == "fresh"  # nothing to do within the window
    later(monkeypatch, 5)
    assert overview.refresh.call(None, 2024) == "recounted"
    assert overview.figures(cast.rita, 2024).computed_at == timezone.now()


def test_a_recount_that_fails_is_logged_not_raised_and_may_be_asked_for_again(
        cast, year, settings, monkeypatch, caplog, django_capture_on_commit_callbacks):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 60
    kept = overview.figures(cast.rita, 2024)
    later(monkeypatch, 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert overview.figures(cast.rita, 2024).refreshing
    monkeypatch.setattr(overview.charts, "finance", lambda *args: 1 / 0)
    assert overview.refresh.call(None, 2024) == "failed"
    assert "recounting the 图表 overview of all units, 2024 failed" in caplog.text
    with django_capture_on_commit_callbacks(execute=True):
        shown = overview.figures(cast.rita, 2024)
    assert shown.refreshing and shown.computed_at == kept.computed_at
    assert len(refreshes()) == 2  # the failed recount let the next visit ask again


def test_the_first_visit_after_the_figures_are_gone_counts_while_it_waits(client, cast, year, settings, monkeypatch):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 60
    client.force_login(cast.rita)
    first, _ = visit(client)
    submit_a_draft()
    later(monkeypatch, 5)
    overview.cache.delete(overview._scope_key(None, 2024))  # as after KEPT_SECONDS without a visit
    html, sql = visit(client)
    assert counts_tables(sql) and "<th scope=\"row\">已提交</th><td>2</td>" in funnel(html)
    assert freshness(html) != freshness(first) and "已安排重新计算" not in html and refreshes() == []


def test_with_the_window_at_0_every_visit_counts_again(
        client, cast, year, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 0
    client.force_login(cast.rita)
    first, _ = visit(client)
    assert "数据更新于" in first and "每次打开页面时计算" in first
    submit_a_draft()
    later(monkeypatch, 5)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second, sql = visit(client)
    assert counts_tables(sql) and funnel(second) != funnel(first)
    assert "<th scope=\"row\">已提交</th><td>2</td>" in funnel(second)
    assert "已安排重新计算" not in second and callbacks == [] and refreshes() == []


def test_the_unit_links_list_the_first_30_and_find_the_rest_by_name(client, cast, year):
    department = cast.unit_a.department
    units = Unit.objects.bulk_create([Unit(name=f"生成单位{n:03d}", department=department) for n in range(40)])
    projects = Project.objects.bulk_create([Project(unit=u, name="项目") for u in units])
    TargetTable.objects.bulk_create([TargetTable(project=p, year=2024, status=Status.APPROVED) for p in projects])
    client.force_login(cast.rita)

    html, _ = visit(client)
    links = re.findall(r'<a href="/charts/units/\d+/\?year=2024">([^<]+)</a>', html)
    assert len(links) == UNIT_LINKS_SHOWN == 30 and links == sorted(links)
    assert "共 41 个单位，这里只列出按名称排序的前 30 个，其余 11 个单位请按名称查找" in html
    assert 'name="unit"' in html

    html, _ = visit(client, unit="生成单位03")
    assert re.findall(r'<a href="/charts/units/\d+/\?year=2024">([^<]+)</a>', html) == [
        f"生成单位03{n}" for n in range(10)]
    html, _ = visit(client, unit="生成")
    assert "名称含“生成”的单位超过 30 个，只列出按名称排序的前 30 个" in html
    html, _ = visit(client, unit="不存在的单位")
    assert "没有名称含“不存在的单位”的单位" in html


def test_kept_figures_outlive_a_province_of_kept_findings():
    """The database cache culls a third of its keys, in key order, once full: not at 300 entries."""
    key = overview._scope_key(None, 2024)
    cache.set(key, "kept", timeout=3600)
    cache.set_many({f"findings:{n}:1:2024-01-01T00:00:00": [] for n in range(400)}, timeout=3600)
    assert cache.get(key) == "kept"

"""The 图表 overview keeps its figures in the shared cache for JIXIAO_CHARTS_CACHE_SECONDS and says when they
were computed; its list of unit links is bounded, the rest found by name."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.accounts.models import Unit
from jixiao.web.dashboards import lifecycle
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
    assert re.search(r"数据更新于[^<]*", second).group(0) == re.search(r"数据更新于[^<]*", first).group(0)


def test_with_the_window_at_0_every_visit_counts_again(client, cast, year, settings):
    settings.JIXIAO_CHARTS_CACHE_SECONDS = 0
    client.force_login(cast.rita)
    first, _ = visit(client)
    assert "数据更新于" in first and "每次打开页面时计算" in first
    submit_a_draft()
    second, sql = visit(client)
    assert counts_tables(sql) and funnel(second) != funnel(first)
    assert "<th scope=\"row\">已提交</th><td>2</td>" in funnel(second)


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

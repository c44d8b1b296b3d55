"""With every unit chosen, the reviewer's 运行监控 overview and 绩效自评 summary list one counted row per
unit, a page at a time, in a constant number of queries however many tables there are."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.accounts.models import Unit
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.paging import UNITS_PER_PAGE as PAGE_SIZE
from jixiao.web.targets.models import Project, TargetTable

pytestmark = pytest.mark.django_db

# A generated unit's three approved projects: (execution light, worst indicator light) of their report.
LIGHTS = [("green", "yellow"), ("red", "green"), ("green", "green")]


def make_units(department, first: int, count: int) -> None:
    """``count`` units named 生成单位NNN, each with 3 approved 2024 tables, one report each, and an evaluation."""
    units = Unit.objects.bulk_create([Unit(name=f"生成单位{n:03d}", department=department)
                                      for n in range(first, first + count)])
    projects = Project.objects.bulk_create([Project(unit=u, name=f"项目{k}") for u in units for k in range(3)])
    tables = TargetTable.objects.bulk_create([TargetTable(project=p, year=2024, budget=Decimal(1000), status="approved")
                                              for p in projects])
    MonitoringReport.objects.bulk_create([
        MonitoringReport(table=t, cutoff=date(2024, 7, 31), budget=t.budget, spent=Decimal(500),
                         execution_light=LIGHTS[n % 3][0], worst_light=LIGHTS[n % 3][1], status="approved")
        for n, t in enumerate(tables)])
    SelfEvaluation.objects.bulk_create([SelfEvaluation(table=t, total=Decimal(85 + n % 3 * 5), grade="良" if n % 3 == 0 else "优",
                                                       status="approved") for n, t in enumerate(tables)])


def rows_and_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"year": 2024, "unit": 0, **params})
    assert response.status_code == 200
    return list(response.context["page"].object_list), len(queries)


@pytest.mark.parametrize("name", ["monitoring:overview", "monitoring:evaluation_summary"])
def test_one_row_per_unit_a_page_at_a_time(client, cast, name):
    client.force_login(cast.rita)
    department = cast.unit_a.department
    make_units(department, 0, 10)
    _, few = rows_and_queries(client, reverse(name))
    make_units(department, 10, PAGE_SIZE)
    first, many = rows_and_queries(client, reverse(name))
    assert many == few  # 11 units or 11 + a page of them: the same queries
    assert len(first) == PAGE_SIZE  # never every table: one page of units first
    second, _ = rows_and_queries(client, reverse(name), page=2)
    assert len(second) == 11  # the other 11 units
    # 11 + a page of units are too many for a list: the unit is searched by name on the server.
    html = client.get(reverse(name), {"year": 2024, "unit": 0}).content.decode()
    assert '<input type="search" name="q"' in html and '<select name="unit">' not in html
    found, _ = rows_and_queries(client, reverse(name), q="生成单位00")
    assert [r["project__unit__name"] for r in found] == [f"生成单位{n:03d}" for n in range(10)]


def test_unit_rows_count_lights_and_grades_in_the_database(client, cast):
    client.force_login(cast.rita)
    make_units(cast.unit_a.department, 0, 2)
    [row], _ = rows_and_queries(client, reverse("monitoring:overview"), q="生成单位001")
    # green+yellow → yellow, red+green → red, green+green → green (the worse light of each report)
    assert (row["projects"], row["approved"], row["light_red"], row["light_yellow"], row["light_green"],
            row["light_none"]) == (3, 3, 1, 1, 1, 0)
    assert (row["budget"], row["spent_total"]) == (Decimal(3000), Decimal(1500))
    [demo], _ = rows_and_queries(client, reverse("monitoring:overview"), q="综合治理")
    assert (demo["projects"], demo["approved"], demo["light_none"]) == (12, 0, 0)  # drafts have no light yet

    [row], _ = rows_and_queries(client, reverse("monitoring:evaluation_summary"), q="生成单位001")
    assert (row["projects"], row["evaluated"], row["approved"], round(row["average"], 2)) == (3, 3, 3, Decimal(90))
    assert row["grades"][:2] == [("优", 2), ("良", 1)]

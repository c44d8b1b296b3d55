"""A deep page of the project list sorted by a column of the table (budget, status, last change) or by one
with few values (unit, 项目类型) is found through that column's values first; it must be exactly the page
OFFSET gives, with ties, empty budgets and units of several tables each."""

from datetime import datetime, timezone

import pytest
from django.db.models import Count, Sum

from jixiao.web.targets import queries
from jixiao.web.accounts.models import Unit
from jixiao.web.targets.models import Project, TargetTable
from jixiao.web.targets.queries import SORTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_every_window_of_every_sort_is_the_offset_window(cast, monkeypatch, sort):
    tables = list(TargetTable.objects.order_by("pk"))
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[:4]]).update(budget=None)  # nulls sort last
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[4:8]]).update(budget=1000)  # ties
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[8:10]]).update(
        updated_at=datetime(2024, 5, 1, tzinfo=timezone.utc), status="submitted")
    unit_c = Unit.objects.create(name="甲单位", department=cast.unit_a.department)  # sorts before the others
    Project.objects.filter(tables__in=tables[2:7]).update(unit=cast.unit_b)
    Project.objects.filter(tables__in=tables[9:11]).update(unit=unit_c, type="")
    monkeypatch.setattr(queries, "NARROW_FROM", 0)
    monkeypatch.setattr(queries, "GROUPED_FROM", 0)
    rows = TargetTable.objects.filter(year=2024).order_by(*queries.ordering(sort)).values_list("id", flat=True)
    expected = list(rows)
    assert len(expected) == len(tables) >= 12
    sliced = queries.FromNearerEnd(rows, len(expected), queries.sort_field(sort))
    for start in range(len(expected)):
        for stop in range(start + 1, len(expected) + 1):
            assert list(sliced[start:stop]) == expected[start:stop], (start, stop)


def test_a_page_past_narrow_from_is_found_through_the_values(cast, monkeypatch):
    monkeypatch.setattr(queries, "NARROW_FROM", 3)
    asked = []
    real = queries._narrowed
    monkeypatch.setattr(queries, "_narrowed", lambda *a: asked.append(a[1:5]) or real(*a))
    rows = TargetTable.objects.order_by(*queries.ordering("-budget")).values_list("id", flat=True)
    sliced = queries.FromNearerEnd(rows, rows.count(), queries.sort_field("-budget"))
    assert list(sliced[0:3]) == list(rows)[0:3] and asked == []
    window = sliced[3:6]
    assert asked == []  # read only when iterated (a page shown by cursor never reads it)
    assert list(window) == list(rows)[3:6] and asked == [("budget", True, 3, 6)]
    by_unit = queries.FromNearerEnd(rows, rows.count(), queries.sort_field("unit"))  # few values: by groups
    assert by_unit.lead == ("project__unit__name", False)
    by_name = queries.FromNearerEnd(rows, rows.count(), queries.sort_field("name"))  # a value a row: OFFSET
    assert by_name.lead is None


def test_grouped_sorts_count_groups_only_when_offset_would_skip_more(cast, monkeypatch):
    """Counting each unit's rows reads every row once: worth it only for a page far from both ends."""
    monkeypatch.setattr(queries, "NARROW_FROM", 1)
    monkeypatch.setattr(queries, "GROUPED_FROM", 4)
    asked = []
    real = queries._narrowed
    monkeypatch.setattr(queries, "_narrowed", lambda *a: asked.append(a[1:5]) or real(*a))
    for sort in ("unit", "-budget"):
        rows = TargetTable.objects.order_by(*queries.ordering(sort)).values_list("id", flat=True)
        total = rows.count()
        sliced = queries.FromNearerEnd(rows, total, queries.sort_field(sort))
        for start in range(total - 2):
            asked.clear()
            assert list(sliced[start:start + 3]) == list(rows)[start:start + 3]
            skipped = min(start, total - start - 3)
            assert bool(asked) == (skipped >= (4 if sort == "unit" else 1)), (sort, start)


@pytest.mark.parametrize("sort", ["unit", "-unit", "type", "-type", "name", "-budget"])
def test_a_searched_list_counted_per_value_has_the_totals_and_pages_of_offset(client, cast, monkeypatch, sort):
    """Searched and sorted by unit or 项目类型, one count per value gives the totals and every page."""
    from jixiao.web.targets import views

    tables = list(TargetTable.objects.order_by("pk"))
    unit_c = Unit.objects.create(name="甲单位", department=cast.unit_a.department)
    Project.objects.filter(tables__in=tables[2:7]).update(unit=cast.unit_b, type="")
    Project.objects.filter(tables__in=tables[9:11]).update(unit=unit_c)
    TargetTable.objects.filter(pk=tables[3].pk).update(budget=None)
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    client.force_login(cast.rita)
    found = queries.search(TargetTable.objects.filter(year=2024), "率")
    expected = list(found.order_by(*queries.ordering(sort)).values_list("id", flat=True))
    assert len(expected) >= 10
    pages = []
    for number in range(1, (len(expected) + 3) // 4 + 1):
        response = client.get("/tables/", {"year": 2024, "q": "率", "sort": sort, "page": number})
        assert response.context["totals"] == found.aggregate(count=Count("*"), budget=Sum("budget"))
        pages += [t.pk for t in response.context["page_obj"]]
    assert pages == expected

"""A deep page of the project list sorted by a column of the table (budget, status, last change) is found
through that column's values first; it must be exactly the page OFFSET gives, with ties and empty budgets."""

from datetime import datetime, timezone

import pytest

from jixiao.web.targets import queries
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.queries import SORTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_every_window_of_every_sort_is_the_offset_window(cast, monkeypatch, sort):
    tables = list(TargetTable.objects.order_by("pk"))
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[:4]]).update(budget=None)  # nulls sort last
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[4:8]]).update(budget=1000)  # ties
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[8:10]]).update(
        updated_at=datetime(2024, 5, 1, tzinfo=timezone.utc), status="submitted")
    monkeypatch.setattr(queries, "NARROW_FROM", 0)
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
    monkeypatch.setattr(queries, "_narrowed", lambda *a: asked.append(a[1:]) or real(*a))
    rows = TargetTable.objects.order_by(*queries.ordering("-budget")).values_list("id", flat=True)
    sliced = queries.FromNearerEnd(rows, rows.count(), queries.sort_field("-budget"))
    assert list(sliced[0:3]) == list(rows)[0:3] and asked == []
    window = sliced[3:6]
    assert asked == []  # read only when iterated (a page shown by cursor never reads it)
    assert list(window) == list(rows)[3:6] and asked == [("budget", True, 3, 6)]
    by_unit = queries.FromNearerEnd(rows, rows.count(), queries.sort_field("unit"))  # a joined column: OFFSET
    assert by_unit.lead is None

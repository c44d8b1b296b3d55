"""The project list's pager links carry a cursor (keyset pagination): following them forwards and
backwards gives exactly the pages OFFSET gives, for every sort, with ties and empty budgets."""

import re
from html import unescape

import pytest
from django.urls import reverse

from jixiao.web.targets import queries, views
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.queries import SORTS

pytestmark = pytest.mark.django_db


def shown(response):
    return [t.pk for t in response.context["page_obj"].object_list]


def link(response, rel):
    found = re.search(rf'<a href="\?([^"]*)" rel="{rel}"', response.content.decode())
    return unescape(found.group(1)) if found else None


@pytest.mark.parametrize("narrow_from", [1000, 0])
@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_cursor_pages_are_the_offset_pages(client, cast, monkeypatch, sort, narrow_from):
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    monkeypatch.setattr(queries, "NARROW_FROM", narrow_from)  # 0: every page found through the sort column
    tables = list(TargetTable.objects.order_by("pk"))
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[:4]]).update(budget=None)  # nulls sort last
    TargetTable.objects.filter(pk__in=[t.pk for t in tables[4:8]]).update(budget=1000)  # ties
    client.force_login(cast.rita)
    url = reverse("targets:list")
    by_offset = [shown(client.get(url, {"year": 2024, "sort": sort, "page": n})) for n in (1, 2, 3)]
    assert sorted(pk for page in by_offset for pk in page) == sorted(t.pk for t in tables)

    response = client.get(url, {"year": 2024, "sort": sort})
    forwards = [shown(response)]
    while (query := link(response, "next")) is not None:
        assert "after=" in query
        response = client.get(f"{url}?{query}")
        forwards.append(shown(response))
    assert forwards == by_offset
    backwards = [shown(response)]
    while (query := link(response, "prev")) is not None:
        assert "before=" in query
        response = client.get(f"{url}?{query}")
        backwards.append(shown(response))
    assert backwards[::-1] == by_offset


def test_a_broken_cursor_is_the_numbered_page(client, cast, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    client.force_login(cast.rita)
    url = reverse("targets:list")
    assert shown(client.get(url, {"page": 2, "after": "bm90IG91cnM"})) == shown(client.get(url, {"page": 2}))

"""The project list: per year, filters, totals, paging."""


import pytest

from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


def test_totals_are_count_and_budget_sum_of_the_demo(client, cast):
    client.force_login(cast.alice)
    response = client.get("/tables/")
    tables = read_document(DEMO_DOCUMENT).tables
    assert response.context["year"] == 2024
    assert response.context["totals"]["count"] == len(tables) == 12
    assert response.context["totals"]["budget"] == sum(t.budget for t in tables)
    text = response.content.decode()
    assert "信访事项经费" in text
    assert f"{sum(t.budget for t in tables):,.2f}" in text


def test_filter_by_type_and_status(client, cast):
    client.force_login(cast.rita)
    types = {t.type for t in read_document(DEMO_DOCUMENT).tables}
    some_type = sorted(types)[0]
    expected = sum(1 for t in read_document(DEMO_DOCUMENT).tables if t.type == some_type)
    response = client.get("/tables/", {"year": 2024, "type": some_type})
    assert response.context["totals"]["count"] == expected
    assert response.context["types"] == sorted(types)
    TargetTable.objects.filter(project__name="信访事项经费").update(status=Status.SUBMITTED)
    response = client.get("/tables/", {"status": "submitted"})
    assert response.context["totals"]["count"] == 1
    assert [t.project.name for t in response.context["page_obj"]] == ["信访事项经费"]


def test_filter_by_unit(client, cast):
    client.force_login(cast.rita)
    assert client.get("/tables/", {"unit": cast.unit_a.pk}).context["totals"]["count"] == 12
    assert client.get("/tables/", {"unit": cast.unit_b.pk}).context["totals"]["count"] == 0


def test_other_year_is_empty(client, cast):
    client.force_login(cast.alice)
    response = client.get("/tables/", {"year": 2023})
    assert response.context["totals"] == {"count": 0, "budget": None}
    assert "没有符合条件的项目" in response.content.decode()


def test_paging(client, cast, monkeypatch):
    from jixiao.web.targets import views

    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    client.force_login(cast.alice)
    page3 = client.get("/tables/", {"page": 3})
    assert len(page3.context["page_obj"].object_list) == 2
    assert "第 3 / 3 页" in page3.content.decode()


@pytest.mark.parametrize("bad", ["abc", "-1", ""])
def test_bad_filter_values_do_not_fail(client, cast, bad):
    client.force_login(cast.alice)
    assert client.get("/tables/", {"year": bad, "unit": bad, "page": bad}).status_code == 200

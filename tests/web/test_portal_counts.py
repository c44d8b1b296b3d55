"""The 公开 portal's 共 N 个项目 is counted once per unit and kept until the next workflow step or
withholding; a page reads only the units it spans, in the same order as the database would sort."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.accounts.models import Unit
from jixiao.web.portal import published, views
from jixiao.web.review import services
from jixiao.web.targets.models import Project, TargetTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(cast):
    """The demo's 12 tables over four units of two departments, all approved but one."""
    other = Unit.objects.create(name="甲单位", department=cast.unit_a.department)
    tables = list(TargetTable.objects.order_by("pk"))
    for n, t in enumerate(tables):
        Project.objects.filter(pk=t.project_id).update(unit=(cast.unit_a, cast.unit_b, other)[n % 3])
    TargetTable.objects.exclude(pk=tables[0].pk).update(status="approved")
    return tables


def _shown(client, **params) -> tuple[str, list[int]]:
    response = client.get(reverse("portal:index"), {"year": 2024, **params})
    html = response.content.decode()
    return html[html.index('id="total-count">') + 17:html.index("</strong> 个项目")], [t.pk for t in response.context["page_obj"]]


def test_count_and_pages_follow_the_database_order(client, spread, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    expected = list(published.public_tables().filter(year=2024).order_by(
        "project__unit__department__name", "project__unit__name", "project__name", "id").values_list("pk", flat=True))
    seen = []
    for number in (1, 2, 3):
        count, rows = _shown(client, page=number)
        assert count == "11"
        seen += rows
    assert seen == expected
    unit = Unit.objects.get(name="甲单位")
    count, rows = _shown(client, unit=unit.pk)
    assert count == "4" and rows == [pk for pk in expected if TargetTable.objects.get(pk=pk).project.unit_id == unit.pk]


def test_count_is_kept_until_the_next_workflow_step(client, cast, spread):
    assert _shown(client)[0] == "11"
    with CaptureQueriesContext(connection) as queries:
        _shown(client)
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "targets_targettable" in q["sql"]]
    assert counting == []  # the counts came from the cache
    services.new_version(spread[1], cast.alice)  # reopened: off the portal
    assert _shown(client)[0] == "10"
    published.withhold(spread[2], "涉密", cast.adam)
    assert _shown(client)[0] == "9"
    published.release(spread[2], cast.adam)
    assert _shown(client)[0] == "10"
    TargetTable.objects.filter(pk=spread[0].pk).update(status="submitted")
    services.approve(TargetTable.objects.get(pk=spread[0].pk), cast.rita)
    assert _shown(client)[0] == "11"


def test_many_units_are_searched_not_listed(client, spread, monkeypatch):
    from jixiao.web.targets import queries

    assert '<select name="unit">' in client.get(reverse("portal:index")).content.decode()
    monkeypatch.setattr(queries, "PICKER_LIMIT", 2)  # three public units are too many now
    html = client.get(reverse("portal:index")).content.decode()
    assert '<select name="unit">' not in html and 'name="q"' in html
    assert _shown(client, q="甲单位")[0] == "4"

"""With more units than a list can hold, the project list's unit is a text field searched on the
server (no JavaScript needed), and a small JSON endpoint suggests the names while typing."""

import pytest
from django.urls import reverse

from jixiao.web.accounts.models import Unit
from jixiao.web.targets import queries, views

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_units(cast):
    Unit.objects.bulk_create([Unit(name=f"生成单位{n:03d}", department=cast.unit_a.department)
                              for n in range(queries.PICKER_LIMIT)])


def test_few_units_are_a_list(client, cast):
    client.force_login(cast.rita)
    html = client.get(reverse("targets:list")).content.decode()
    assert '<select name="unit">' in html and cast.unit_b.name in html and "unit_picker.js" not in html


def test_many_units_are_searched_by_name(client, cast, many_units):
    client.force_login(cast.rita)
    response = client.get(reverse("targets:list"))
    html = response.content.decode()
    assert '<select name="unit">' not in html and "生成单位007" not in html  # no option per unit
    assert 'name="unit_name"' in html and 'data-suggest="/tables/units/"' in html and "unit_picker.js" in html
    part = cast.unit_a.name[2:6]  # part of the name: tables of every unit whose name contains it
    assert client.get(reverse("targets:list"), {"unit_name": part}).context["totals"]["count"] == 12
    assert client.get(reverse("targets:list"), {"unit_name": "生成单位"}).context["totals"]["count"] == 0
    exact = client.get(reverse("targets:list"), {"unit_name": cast.unit_a.name})
    assert exact.context["unit_id"] == cast.unit_a.pk and 'id="download-list-xlsx"' in exact.content.decode()
    partial = client.get(reverse("targets:list"), {"unit_name": part}).content.decode()
    assert 'id="download-list-xlsx"' not in partial  # the downloads take one unit, not part of a name
    by_id = client.get(reverse("targets:list"), {"unit": cast.unit_a.pk}).content.decode()
    assert f'value="{cast.unit_a.name}"' in by_id  # a link to one unit shows its name in the field


def test_suggestions_are_the_visible_units_by_name(client, cast, many_units):
    client.force_login(cast.rita)
    found = client.get(reverse("targets:units"), {"q": "生成单位00"}).json()["units"]
    assert [u["name"] for u in found] == [f"生成单位{n:03d}" for n in range(10)]
    assert len(client.get(reverse("targets:units")).json()["units"]) == views.UNIT_SUGGESTIONS
    client.force_login(cast.bob)  # staff see their own unit only
    assert client.get(reverse("targets:units"), {"q": "单位"}).json()["units"] == [
        {"id": cast.unit_b.pk, "name": cast.unit_b.name}]
    assert client.get(reverse("targets:units"), {"q": "生成"}).json()["units"] == []
    client.logout()
    assert client.get(reverse("targets:units")).status_code == 302


def test_evidence_project_picker_is_searched_when_long(client, cast, monkeypatch):
    client.force_login(cast.rita)
    assert '<select name="project">' in client.get(reverse("evidence:list")).content.decode()
    monkeypatch.setattr(queries, "PICKER_LIMIT", 5)  # the demo's 12 projects are too many now
    html = client.get(reverse("evidence:list")).content.decode()
    assert '<select name="project">' not in html and 'name="project_name"' in html

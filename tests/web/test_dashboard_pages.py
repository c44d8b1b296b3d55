"""The chart pages: who sees which, and the numbers of each chart in its table beside it."""

import json
import re

import pytest
from django.urls import reverse

from jixiao.web.dashboards import lifecycle
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(cast):
    lifecycle.play(list(TargetTable.objects.filter(year=2024).order_by("pk")), cast.alice, cast.rita)


def chart_data(html: str, key: str) -> dict:
    found = re.search(rf'<script id="{key}-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def overdue(year, cast):
    """A second unit under the Sichuan rule set, its copy of 综合经费 warned in August 2024 and no choice made."""
    from jixiao.web.accounts.models import Role, Unit
    from tests.conftest import _user

    unit_c = Unit.objects.create(name="演示单位丙（四川规则）", department=cast.unit_a.department)
    source = TargetTable.objects.get(project__name="综合经费", year=2024)
    return lifecycle.play_overdue_choice(source, _user("carl", Role.STAFF, unit_c), cast.rita, cast.adam)


def test_reviewer_overview_draws_every_unit_with_its_table(client, cast, overdue):
    client.force_login(cast.rita)
    html = client.get(reverse("dashboards:finance")).content.decode()
    for key in ("execution-by-unit", "lights-by-unit", "status-funnel", "grade-distribution", "findings-by-rule",
                "overdue-choices"):
        assert f'data-chart="{key}-data"' in html and f'id="{key}-summary"' in html and f'id="{key}-table"' in html
    # The demo unit: 615,500 yuan budgeted, 326,970 spent by 31 July: drawn in 万元 and listed the same.
    # The second unit: 综合经费's 60,000, 15,000 spent.
    assert chart_data(html, "execution-by-unit")["series"][0]["data"] == [61.55, 6.0]
    assert "<td>61.55</td><td>32.7</td><td>53.1%</td>" in html
    funnel = chart_data(html, "status-funnel")["series"][0]["data"]
    assert [(d["name"], d["value"]) for d in funnel] == [("草稿", 3), ("已提交", 1), ("已退回", 1), ("已审核通过", 8)]
    assert chart_data(html, "overdue-choices")["series"][0]["data"] == [1]
    assert "<th scope=\"row\">演示单位丙（四川规则）</th><td>1</td><td>综合经费（截至2024年7月31日；2024年8月16日）</td>" in html
    assert "findings-by-rule" in html and "completeness." not in html and "form." not in html


def test_staff_see_their_unit_and_nobody_another(client, cast, year):
    client.force_login(cast.alice)
    response = client.get(reverse("dashboards:finance"))
    assert response.status_code == 302 and response.url == reverse("dashboards:unit", args=[cast.unit_a.pk])
    html = client.get(response.url).content.decode()
    assert "综合经费" in html and 'data-chart="unit-execution-data"' in html
    table = TargetTable.objects.get(project__name="综合经费", year=2024)
    assert client.get(reverse("dashboards:project", args=[table.pk])).status_code == 200

    client.force_login(cast.bob)  # staff of unit B: unit A's pages do not exist for him
    assert client.get(reverse("dashboards:unit", args=[cast.unit_a.pk])).status_code == 404
    assert client.get(reverse("dashboards:project", args=[table.pk])).status_code == 404
    own = client.get(reverse("dashboards:finance"), follow=True)  # his own unit, which has no tables yet
    assert own.status_code == 200 and cast.unit_b.name in own.content.decode()
    assert "综合经费" not in own.content.decode() and "这个单位还没有项目绩效目标表" in own.content.decode()


def test_anonymous_users_are_sent_to_log_in(client, cast):
    for url in (reverse("dashboards:finance"), reverse("dashboards:unit", args=[cast.unit_a.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url

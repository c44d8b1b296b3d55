"""One unit's 运行监控 overview a page at a time: red, then yellow, then green, then unreported across
pages (ranked in the database), with the counts of every light over all the unit's projects."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport
from jixiao.web.monitoring.views import monitoring
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db
# (execution light, worst indicator light) per demo table; the project's light is the worse one.
LIGHTS = [("green", "green"), ("green", "red"), ("yellow", "green"), None, ("green", "yellow"), ("red", "red"),
          ("green", "green"), None, ("yellow", "yellow"), ("green", ""), None, ("red", "green")]


def test_pages_of_one_unit_worst_light_first(client, cast, monkeypatch):
    monkeypatch.setattr(monitoring, "PAGE_SIZE", 5)
    tables = list(TargetTable.objects.filter(project__unit=cast.unit_a).order_by("pk"))
    TargetTable.objects.filter(pk__in=[t.pk for t in tables]).update(status="approved")
    MonitoringReport.objects.bulk_create([
        MonitoringReport(table=t, cutoff=date(2024, 7, 31), budget=Decimal(1), spent=Decimal(0),
                         execution_light=lights[0], worst_light=lights[1], status="submitted")
        for t, lights in zip(tables, LIGHTS) if lights])
    worst = {t.pk: ("red" if "red" in lights else "yellow" if "yellow" in lights else "green") if lights else ""
             for t, lights in zip(tables, LIGHTS)}
    client.force_login(cast.rita)
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse("monitoring:overview"), {"year": 2024, "unit": cast.unit_a.pk, "page": number})
        seen += [(row["worst"], row["table"].pk) for row in response.context["rows"]]
    order = ["red", "yellow", "green", ""]
    assert [w for w, _ in seen] == sorted(worst.values(), key=order.index)
    assert sorted(pk for _, pk in seen) == sorted(worst)
    assert [n for _, _, n in response.context["totals"]] == [list(worst.values()).count(c) for c in order]
    html = response.content.decode()
    assert "共 12 个项目" in html and "第 3 / 3 页" in html

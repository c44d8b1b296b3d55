"""Downloads of the 审核报告 and of a 运行监控表: who may, and what is refused (their content: tests/golden)."""

from datetime import date

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport


def review_url(fmt, **query):
    return reverse("documents:review_report", args=[fmt]) + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.fixture
def monitored(xinfang):
    MonitoringReport.objects.create(table=xinfang, cutoff=date(2024, 7, 31), budget=181000, spent=50000)
    return xinfang


def test_review_report_for_own_unit_and_reviewers_only(client, cast):
    client.force_login(cast.alice)
    response = client.get(review_url("pdf", unit=cast.unit_a.pk, year=2024))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    client.force_login(cast.rita)
    assert client.get(review_url("xlsx", unit=cast.unit_a.pk, year=2024)).status_code == 200
    client.force_login(cast.bob)  # another unit's staff
    assert client.get(review_url("xlsx", unit=cast.unit_a.pk, year=2024)).status_code == 404


def test_review_report_needs_a_year_with_tables_and_a_known_format(client, cast):
    client.force_login(cast.rita)
    assert client.get(review_url("xlsx", unit=cast.unit_a.pk)).status_code == 404
    assert client.get(review_url("xlsx", unit=cast.unit_a.pk, year=2023)).status_code == 404
    assert client.get(review_url("docx", unit=cast.unit_a.pk, year=2024)).status_code == 404
    assert client.get(review_url("xlsx", year=2024)).status_code == 404  # no unit chosen


def test_monitoring_report_of_a_stored_cutoff(client, cast, monitored):
    url = reverse("documents:monitoring", args=[monitored.pk, "xlsx"])
    client.force_login(cast.rita)
    response = client.get(url)  # no cut-off: the latest report
    assert response.status_code == 200 and response["Content-Type"].endswith("spreadsheetml.sheet")
    assert "2024-07-31" in response["Content-Disposition"]
    assert client.get(f"{url}?cutoff=2024-06-30").status_code == 404
    assert client.get(f"{url}?cutoff=yesterday").status_code == 404
    client.force_login(cast.bob)
    assert client.get(url).status_code == 404


def test_monitoring_report_needs_a_stored_report(client, cast, xinfang):
    client.force_login(cast.alice)
    assert client.get(reverse("documents:monitoring", args=[xinfang.pk, "pdf"])).status_code == 404

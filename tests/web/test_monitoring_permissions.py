"""Monitoring and evaluation pages: own unit fills in, reviewers read, other units get 404."""

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


PAGES = ["monitoring:report", "monitoring:evaluation", "monitoring:evaluation_sheet", "monitoring:evaluation_json"]
WRITES = ["monitoring:report", "monitoring:evaluation", "monitoring:evaluation_preview"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, xinfang, name):
    response = client.get(reverse(name, args=[xinfang.pk]))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("name", PAGES)
def test_other_unit_gets_404_on_every_page(client, cast, xinfang, name):
    client.force_login(cast.bob)
    assert client.get(reverse(name, args=[xinfang.pk])).status_code == 404


@pytest.mark.parametrize("name", WRITES)
def test_other_unit_cannot_write(client, cast, xinfang, name):
    client.force_login(cast.bob)
    response = client.post(reverse(name, args=[xinfang.pk]), {"budget": "1", "spent": "1", "save": "1"})
    assert response.status_code == 404
    assert not MonitoringReport.objects.exists() and not SelfEvaluation.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_reviewer_reads_every_page(client, cast, xinfang, name):
    client.force_login(cast.rita)
    assert client.get(reverse(name, args=[xinfang.pk])).status_code == 200


@pytest.mark.parametrize("name", WRITES)
def test_reviewer_cannot_write(client, cast, xinfang, name):
    client.force_login(cast.rita)
    response = client.post(reverse(name, args=[xinfang.pk]), {"budget": "1", "spent": "1", "save": "1"})
    assert response.status_code == 403
    assert not MonitoringReport.objects.exists() and not SelfEvaluation.objects.exists()


def test_reviewer_sees_form_disabled(client, cast, xinfang):
    client.force_login(cast.rita)
    html = client.get(reverse("monitoring:report", args=[xinfang.pk])).content.decode()
    assert "<fieldset disabled>" in html and 'id="submit-report"' not in html


def test_unit_pages_are_limited_to_visible_units(client, cast, xinfang):
    client.force_login(cast.bob)
    for name in ("monitoring:overview", "monitoring:evaluation_summary"):
        assert client.get(reverse(name)).context["rows"] == []
    client.force_login(cast.rita)
    assert len(client.get(reverse("monitoring:evaluation_summary"), {"unit": cast.unit_a.pk}).context["rows"]) == 12
    # All units: one counted row per unit (unit B has no tables), never every table.
    [row] = client.get(reverse("monitoring:evaluation_summary")).context["page"].object_list
    assert (row["project__unit__name"], row["projects"]) == (cast.unit_a.name, 12)
    # bob cannot widen his view by asking for unit A
    client.force_login(cast.bob)
    assert client.get(reverse("monitoring:overview"), {"unit": cast.unit_a.pk}).context["rows"] == []

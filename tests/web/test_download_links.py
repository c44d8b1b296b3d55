"""Every page with a document offers its downloads, and each link it shows gives the file."""

import re
from datetime import date

from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport

TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def links(html, ids):
    found = {}
    for link_id in ids:
        m = re.search(rf'href="([^"]+)" id="{link_id}"|id="{link_id}" href="([^"]+)"', html)
        assert m, f"no link #{link_id}"
        found[link_id] = (m.group(1) or m.group(2)).replace("&amp;", "&")
    return found


def assert_files(client, urls):
    for link_id, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (link_id, url)
        assert response["Content-Type"] == TYPES[link_id.rsplit("-", 1)[1]], link_id


def test_the_review_report_page_offers_excel_and_pdf(client, cast):
    client.force_login(cast.rita)
    html = client.get(reverse("review:report"), {"unit": cast.unit_a.pk, "year": 2024}).content.decode()
    urls = links(html, ["download-report-xlsx", "download-report-pdf"])
    assert urls["download-report-pdf"].endswith(f"?unit={cast.unit_a.pk}&year=2024")
    assert_files(client, urls)


def test_the_monitoring_page_offers_the_saved_report(client, cast, xinfang, approve):
    approve(xinfang)
    client.force_login(cast.alice)
    page = reverse("monitoring:report", args=[xinfang.pk])
    assert 'id="monitoring-downloads"' not in client.get(page, {"cutoff": "2024-07-31"}).content.decode()
    MonitoringReport.objects.create(table=xinfang, cutoff=date(2024, 7, 31), budget=181000, spent=50000)
    html = client.get(page, {"cutoff": "2024-07-31"}).content.decode()
    urls = links(html, ["download-monitoring-xlsx", "download-monitoring-pdf"])
    assert urls["download-monitoring-xlsx"].endswith("?cutoff=2024-07-31")
    assert_files(client, urls)

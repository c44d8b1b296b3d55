"""Downloads of the 审核报告 and of a 运行监控表: who may, and what is refused (their content: tests/golden)."""

import io
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


def test_an_approved_table_version_downloads_as_approved(client, cast, xinfang):
    from jixiao.core.xlsx_reader import read_xlsx
    from jixiao.web.review import services
    from jixiao.web.targets import convert
    from jixiao.web.targets.models import Indicator, TargetTable
    from jixiao.web.workflow import Status

    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)
    version = services.approve(TargetTable.objects.get(pk=xinfang.pk), cast.rita)
    approved = convert.core_table(xinfang)
    Indicator.objects.filter(table=xinfang, name="信访宣传活动次数").update(annual_text="≥9次")  # changed since
    client.force_login(cast.alice)
    response = client.get(reverse("documents:version", args=[version.pk, "xlsx"]))
    assert response.status_code == 200 and "%E7%AC%AC1%E7%89%88" in response["Content-Disposition"]  # 第1版
    [table] = read_xlsx(io.BytesIO(response.content)).tables
    assert [i.annual_target.text for i in table.indicators] == [i.annual_target.text for i in approved.indicators]
    assert client.get(reverse("documents:version", args=[version.pk, "docx"])).status_code == 404
    client.force_login(cast.bob)
    assert client.get(reverse("documents:version", args=[version.pk, "xlsx"])).status_code == 404


def test_an_approved_monitoring_version_downloads_its_frozen_copy(client, cast, monitored):
    from openpyxl import load_workbook

    from jixiao.web.monitoring import scoring, sheet
    from jixiao.web.review.models import ApprovedVersion, Kind

    report = MonitoringReport.objects.get(table=monitored)
    data = sheet.report_data(scoring.monitor(report, scoring.indicator_rows(monitored), {}))
    data["lines"][0]["so_far"] = "frozen 1间"  # what the copy says, whatever the live report says now
    version = ApprovedVersion.objects.create(table=monitored, number=1, table_version=monitored.version,
                                             snapshot={"report": data}, subject_kind=Kind.MONITORING,
                                             subject_id=report.pk)
    client.force_login(cast.alice)
    response = client.get(reverse("documents:version", args=[version.pk, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content))["绩效目标实现情况"]
    assert "frozen 1间" in [c.value for row in ws.iter_rows() for c in row]
    assert client.get(reverse("documents:version", args=[version.pk, "json"])).status_code == 404

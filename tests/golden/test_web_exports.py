"""The downloads of the web application give the same files as the core writers: the demo imported
into the database, downloaded, compared with the same golden files (see conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.core.scoring import parse_rating

from . import evaluation, reports
from .dump import dump_docx, dump_pdf, dump_xlsx


def _download(client, url: str, path):
    response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    return path


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.alice)
    return client


def test_table_downloads(golden, staff, xinfang, tmp_path):
    """One table as core JSON (no source positions: they belong to the file it came from) and as
    .xlsx (the core export), then the list as filtered on the 项目绩效目标表 page, in the page's order.
    One test: importing the demo is the slow part."""
    path = _download(staff, reverse("documents:table", args=[xinfang.pk, "json"]), tmp_path / "t.json")
    golden.check("xinfang.download.json", path.read_text(encoding="utf-8"))
    path = _download(staff, reverse("documents:table", args=[xinfang.pk, "xlsx"]), tmp_path / "t.xlsx")
    golden.check("xinfang.table.xlsx.txt", dump_xlsx(path))
    path = _download(staff, reverse("documents:tables", args=["xlsx"]) + "?year=2024", tmp_path / "l.xlsx")
    golden.check("demo.download.list.xlsx.txt", dump_xlsx(path))


@pytest.fixture
def evaluated(xinfang):
    from jixiao.web.monitoring.models import EvaluationEntry, SelfEvaluation

    stored = SelfEvaluation.objects.create(
        table=xinfang, budget_initial=evaluation.BUDGET_INITIAL, budget_full_year=evaluation.BUDGET_FULL_YEAR,
        spent=evaluation.SPENT, goal_actual=evaluation.GOAL_ACTUAL)
    for row, (actual, rating, score, na, why) in zip(xinfang.indicators.order_by("position"), evaluation.ENTRIES):
        EvaluationEntry.objects.create(
            evaluation=stored, indicator=row, actual=actual, rating=parse_rating(rating) or "",
            rating_score=None if score is None else Decimal(score), not_applicable=na, deviation_analysis=why)
    return xinfang


def test_evaluation_downloads_are_the_core_export(golden, staff, evaluated, tmp_path):
    for fmt, name, dump in (("xlsx", "xinfang.evaluation.xlsx.txt", dump_xlsx),
                            ("pdf", "xinfang.evaluation.pdf.txt", dump_pdf),
                            ("docx", "xinfang.report.docx.txt", dump_docx)):
        path = _download(staff, reverse("documents:evaluation", args=[evaluated.pk, fmt]), tmp_path / f"e.{fmt}")
        golden.check(name, dump(path))


def test_review_report_download_is_the_core_export(golden, staff, cast, xinfang, tmp_path):
    from jixiao.core.review import review_table
    from jixiao.web.review.models import Explanation
    from jixiao.web.targets import convert

    project, rule, indicator, text = reports.EXPLAINED
    finding = next(f for f in review_table(convert.core_table(xinfang)) if (f.rule, f.indicator) == (rule, indicator))
    Explanation.objects.create(table=xinfang, finding_key=finding.key, text=text)
    url = reverse("documents:review_report", args=["xlsx"]) + f"?unit={cast.unit_a.pk}&year=2024"
    golden.check("demo.review-report.xlsx.txt", dump_xlsx(_download(staff, url, tmp_path / "r.xlsx")))


@pytest.fixture
def monitored(xinfang):
    from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport

    report = MonitoringReport.objects.create(
        table=xinfang, cutoff=reports.CUTOFF, budget=reports.BUDGET, spent=reports.SPENT,
        **{f"execution_{k}": v for k, v in reports.WHY.items()})
    for row in xinfang.indicators.filter(name__in=reports.ENTRIES):
        so_far, expected, rating, explained = reports.ENTRIES[row.name]
        MonitoringEntry.objects.create(report=report, indicator=row, so_far=so_far, expected=expected,
                                       expected_rating=rating, **(reports.WHY if explained else {}))
    return xinfang


def test_monitoring_report_downloads(golden, staff, monitored, tmp_path):
    for fmt, dump in (("xlsx", dump_xlsx), ("pdf", dump_pdf)):
        url = reverse("documents:monitoring", args=[monitored.pk, fmt]) + f"?cutoff={reports.CUTOFF}"
        golden.check(f"xinfang.monitoring.{fmt}.txt", dump(_download(staff, url, tmp_path / f"m.{fmt}")))


def test_unit_check_job_summary(golden, cast, evaluated, settings, tmp_path):
    """The 复核与计分 job's summary of the demo's unit: findings of every table, 信访事项经费 scored."""
    from jixiao.web.jobs import running
    from jixiao.web.jobs.models import JobStatus, Kind

    settings.JOBS_DIR = tmp_path
    job = running.execute(running.create(Kind.UNIT_CHECK, params={"unit": cast.unit_a.name, "year": 2024}).pk)
    assert job.status == JobStatus.DONE
    golden.check("demo.unit-check.xlsx.txt", dump_xlsx(running.result_path(job)))

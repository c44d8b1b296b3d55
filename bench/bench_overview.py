"""Server-side time of the 运行监控 unit overview page (its first page: red and yellow first, 50 rows)
with 1,000 monitored projects in the unit.

    .venv/bin/python bench/bench_overview.py [PROJECTS] [REQUESTS]     # defaults 1000, 30

Builds a scratch SQLite database in a temporary folder (or uses BENCH_DATABASE_URL, which must point
at a scratch database: it is migrated and filled), imports PROJECTS tables cut from the demo
document into one unit, stores one monitoring report per table at 31 July with lights computed by
the scoring core, then times GET /monitoring/ for that unit's staff with Django's test client.
Prints the median and p95 over REQUESTS requests (after one warm-up).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
UNIT = "基准测试单位"


def setup_django(tmp: str) -> None:
    os.environ["JIXIAO_VAR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def generated_document(count: int):
    from jixiao.core.io import read_document
    from jixiao.core.model import Document
    from jixiao.demo import DEMO_DOCUMENT

    demo = read_document(DEMO_DOCUMENT).tables
    tables = [replace(demo[n % len(demo)], name=f"{demo[n % len(demo)].name}·{n:04d}", unit=UNIT,
                      budget=Decimal(50000 + n * 37 % 500000), warnings=[]) for n in range(count)]
    return Document(tables=tables)


def monitor_all() -> dict[str, int]:
    """One report per table: spending and forecasts varied so that every light colour occurs."""
    from jixiao.web.monitoring import scoring
    from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport
    from jixiao.web.targets.models import TargetTable

    tables = TargetTable.objects.select_related("project__unit__department").prefetch_related("indicators")
    reports, entries = [], []
    for n, table in enumerate(tables):
        rows = scoring.indicator_rows(table)
        report = MonitoringReport(table=table, cutoff=scoring.scoring.default_cutoff(table.year), budget=table.budget,
                                  spent=(table.budget or Decimal(1)) * Decimal(n % 10) / 10, status="submitted")
        given = {}
        for k, row in enumerate(rows):
            if row.annual_kind == "numeric" and row.annual_value is not None:
                share = Decimal(100 - (n + k) % 5 * 12) / 100  # 100 %, 88 %, 76 %, 64 %, 52 % of target
                value = row.annual_value * (2 - share if row.annual_direction == "lower" else share)
                given[row.id] = MonitoringEntry(indicator=row, expected=f"{value.normalize():f}{row.annual_unit}")
            else:
                given[row.id] = MonitoringEntry(indicator=row, expected_rating=("met", "partly", "not_met")[(n + k) % 3])
        result = scoring.monitor(report, rows, given)
        scoring.store_lights(report, result)
        reports.append(report)
        entries.append(list(given.values()))
    MonitoringReport.objects.bulk_create(reports, batch_size=500)
    for report, group in zip(reports, entries):
        for e in group:
            e.report = report
    MonitoringEntry.objects.bulk_create([e for group in entries for e in group], batch_size=2000)
    lights = [r.execution_light for r in reports]
    return {c: lights.count(c) for c in ("red", "yellow", "green")}


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from jixiao.web.accounts.models import Profile, Role, Unit
        from jixiao.web.targets import importer

        settings.ALLOWED_HOSTS = ["*"]
        t0 = time.perf_counter()
        importer.import_document(generated_document(count), source="bench")
        t1 = time.perf_counter()
        colours = monitor_all()
        t2 = time.perf_counter()
        user = User.objects.create_user("bench")
        Profile.objects.create(user=user, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
        client = Client()
        client.force_login(user)
        url = "/monitoring/?year=2024"
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            warm = client.get(url)
        from jixiao.web.monitoring.views.monitoring import PAGE_SIZE

        shown = warm.content.decode().count('<tr class="light-row-')
        assert warm.status_code == 200 and shown == min(count, PAGE_SIZE), (warm.status_code, shown)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        print(f"database: {connection.vendor}; {count} projects imported in {t1 - t0:.1f} s, "
              f"monitored in {t2 - t1:.1f} s (execution lights {colours})")
        print(f"unit overview /monitoring/ with {count} projects: median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms over {requests} requests; {len(queries)} queries, {len(warm.content) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

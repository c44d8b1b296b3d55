"""Server-side time of the everyday pages with many tables (10,000 by default), as a reviewer.

    .venv/bin/python bench/bench_pages.py [TABLES] [REQUESTS]     # defaults 10000, 10

Scratch SQLite database in a temporary folder (or BENCH_DATABASE_URL, a scratch database: it is
migrated and filled). The demo document is imported, then TABLES more tables are bulk-inserted for 200
units, each a copy of a demo table's indicators; two in three are approved with a 运行监控 report at 31
July and an approved 绩效自评. Every page is requested once to warm up, then REQUESTS times with
Django's test client; prints p50/p95 beside the floor: the trivial 我的账户 page in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal

from bench_overview import setup_django

UNITS = 200


def generate(count: int) -> None:
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Department, Unit
    from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import Indicator, Project, TargetTable

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    demo = list(TargetTable.objects.prefetch_related("indicators").order_by("pk"))
    department = Department.objects.create(name="基准测试主管部门")
    units = Unit.objects.bulk_create([Unit(name=f"基准单位{n:03d}", department=department) for n in range(UNITS)])
    projects = Project.objects.bulk_create([Project(unit=units[n % UNITS], name=f"{demo[n % len(demo)].project.name}·{n:05d}")
                                            for n in range(count)])
    statuses = ("approved", "approved", "draft", "approved", "submitted", "returned")
    tables = TargetTable.objects.bulk_create([
        TargetTable(project=p, year=2024, budget=Decimal(50000 + n * 37 % 500000), status=statuses[n % len(statuses)],
                    goal_annual=demo[n % len(demo)].goal_annual) for n, p in enumerate(projects)], batch_size=2000)
    rows = []
    for n, table in enumerate(tables):
        for ind in demo[n % len(demo)].indicators.all():
            ind.pk, ind.table_id = None, table.pk
            rows.append(ind)
    Indicator.objects.bulk_create(rows, batch_size=5000)
    approved = [t for t in tables if t.status == "approved"]
    lights = ("green", "yellow", "red")
    MonitoringReport.objects.bulk_create([
        MonitoringReport(table=t, cutoff=date(2024, 7, 31), budget=t.budget, spent=t.budget * Decimal("0.5"),
                         execution_light=lights[n % 3], worst_light=lights[n % 2], status="approved")
        for n, t in enumerate(approved)], batch_size=2000)
    SelfEvaluation.objects.bulk_create([
        SelfEvaluation(table=t, total=Decimal(80 + n % 15), grade="优" if n % 15 >= 10 else "良", status="approved")
        for n, t in enumerate(approved)], batch_size=2000)


def timed(client, url: str, requests: int) -> tuple[float, float]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from jixiao.web.accounts.models import Profile, Role, Unit
        from jixiao.web.targets.models import TargetTable

        settings.ALLOWED_HOSTS = ["*"]
        start = time.perf_counter()
        generate(count)
        made = time.perf_counter() - start
        reviewer = User.objects.create_user("bench")
        Profile.objects.create(user=reviewer, role=Role.REVIEWER)
        client = Client()
        client.force_login(reviewer)
        unit = Unit.objects.get(name="基准单位007")
        table = TargetTable.objects.filter(project__unit=unit, status="approved").order_by("pk").first()
        pages = {
            "floor: 我的账户": "/accounts/me/",
            "list, first page": "/tables/?year=2024",
            "list, page 100": "/tables/?year=2024&page=100",
            "list, one unit": f"/tables/?year=2024&unit={unit.pk}",
            "list, approved": "/tables/?year=2024&status=approved",
            "table": f"/tables/{table.pk}/",
            "table history": f"/tables/{table.pk}/history/",
            "运行监控, all units": "/monitoring/?year=2024&unit=0",
            "运行监控, one unit": f"/monitoring/?year=2024&unit={unit.pk}",
            "绩效自评, all units": "/evaluations/?year=2024&unit=0",
            "绩效自评, one unit": f"/evaluations/?year=2024&unit={unit.pk}",
            "图表 overview": "/charts/?year=2024",
            "图表 unit": f"/charts/units/{unit.pk}/?year=2024",
        }
        total = TargetTable.objects.count()
        print(f"database: {connection.vendor}; {total} tables ({count} generated in {made:.1f} s) in {UNITS + 1} units")
        floor = None
        for name, url in pages.items():
            median, p95 = timed(client, url, requests)
            floor = floor or median
            print(f"{name:<22} p50 {median:8.1f} ms  p95 {p95:8.1f} ms  ({median / floor:5.1f} × floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

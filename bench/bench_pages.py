"""The page table: server-side time and queries of every list, overview and summary page with many
tables, as a reviewer (and the API list with a token), beside a trivial page of the same run.

    .venv/bin/python bench/bench_pages.py [TABLES] [REQUESTS] [--reuse]

TABLES defaults to 100,000 on PostgreSQL (BENCH_DATABASE_URL=postgres://…, a scratch database: it is
migrated and emptied) and 10,000 on SQLite; REQUESTS (default 20) timed requests per page after one
warm-up. The demo document is imported, then TABLES tables are generated for TABLES / 100 units
(at least 200): projects and tables bulk-inserted, their indicators copied from the demo tables by one
INSERT … SELECT per demo table inside the database; two in three are approved with a 运行监控 report
at 31 July and an approved 绩效自评.

``--reuse`` keeps the database between runs (SQLite: under var/bench-pages-TABLES/) and skips the
generation when it already holds TABLES generated tables. Prints p50/p95 in ms, queries and KiB per
request and the ratio to the floor: the trivial 我的账户 page in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from bench_overview import setup_django

ROOT = Path(__file__).resolve().parents[1]
DEPARTMENT = "基准测试主管部门"


def units_for(count: int) -> int:
    return max(200, count // 100)


def generated(count: int) -> bool:
    """True when the database already holds ``count`` generated tables."""
    from jixiao.web.accounts.models import Department
    from jixiao.web.targets.models import TargetTable

    return (Department.objects.filter(name=DEPARTMENT).exists()
            and TargetTable.objects.filter(project__unit__department__name=DEPARTMENT).count() == count)


def empty_database() -> None:
    from django.core.management import call_command

    call_command("flush", verbosity=0, interactive=False)


def generate(count: int) -> None:
    from django.db import connection, transaction

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Department, Unit
    from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import Indicator, Project, TargetTable

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    demo = list(TargetTable.objects.order_by("pk"))
    units_count = units_for(count)
    with transaction.atomic():
        department = Department.objects.create(name=DEPARTMENT)
        units = Unit.objects.bulk_create([Unit(name=f"基准单位{n:04d}", department=department)
                                          for n in range(units_count)])
        types = ("一般公共服务", "公共安全", "城乡社区", "农林水", "教育")
        projects = Project.objects.bulk_create(
            [Project(unit=units[n % units_count], name=f"{demo[n % len(demo)].project.name}·{n:06d}",
                     type=types[n % len(types)]) for n in range(count)], batch_size=5000)
        statuses = ("approved", "approved", "draft", "approved", "submitted", "returned")
        tables = TargetTable.objects.bulk_create([
            TargetTable(project=p, year=2024, budget=Decimal(50000 + n * 37 % 500000), status=statuses[n % len(statuses)],
                        goal_annual=demo[n % len(demo)].goal_annual) for n, p in enumerate(projects)], batch_size=5000)
        first = tables[0].pk
        assert [t.pk for t in tables] == list(range(first, first + count)), "table ids are not consecutive"
        # Indicators copied inside the database: generated table n takes demo table n % 12's rows.
        fields = [f.column for f in Indicator._meta.concrete_fields if f.column not in ("id", "table_id")]
        columns = ", ".join(connection.ops.quote_name(c) for c in fields)
        with connection.cursor() as c:
            for k, source in enumerate(demo):
                c.execute(f"INSERT INTO {Indicator._meta.db_table} (table_id, {columns}) "
                          f"SELECT t.id, {', '.join('i.' + connection.ops.quote_name(f) for f in fields)} "
                          f"FROM {TargetTable._meta.db_table} t, {Indicator._meta.db_table} i "
                          f"WHERE i.table_id = %s AND t.id BETWEEN %s AND %s AND (t.id - %s) %% %s = %s",
                          [source.pk, first, first + count - 1, first, len(demo), k])
        approved = [t for t in tables if t.status == "approved"]
        lights = ("green", "yellow", "red")
        MonitoringReport.objects.bulk_create([
            MonitoringReport(table=t, cutoff=date(2024, 7, 31), budget=t.budget, spent=t.budget * Decimal("0.5"),
                             execution_light=lights[n % 3], worst_light=lights[n % 2], status="approved")
            for n, t in enumerate(approved)], batch_size=5000)
        SelfEvaluation.objects.bulk_create([
            SelfEvaluation(table=t, total=Decimal(80 + n % 15), grade="优" if n % 15 >= 10 else "良", status="approved")
            for n, t in enumerate(approved)], batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load: index-only scans can count


def measure(client, url: str, requests: int, **headers) -> tuple[float, float, float, int, int]:
    """(p50 ms, p95 ms, p50 CPU ms, queries, KiB) of ``url``: one warm-up request counted, then ``requests``
    timed. CPU is this process's (Django, templates, the database client; on SQLite the database too)."""
    from django.db import connection

    queries = []
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, **headers)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, int(round(0.95 * len(times))) - 1))]
    return statistics.median(times), p95, statistics.median(cpu), len(queries), len(response.content) // 1024


def cursor_after(row: int, sort: str = "unit") -> str:
    """The pager's cursor after the ``row``-th table of the 2024 list sorted by ``sort``."""
    from jixiao.web.targets import keyset, queries
    from jixiao.web.targets.models import TargetTable

    tables = TargetTable.objects.filter(year=2024).select_related("project__unit")
    table = tables.order_by(*queries.ordering(sort))[row]
    return keyset.cursor(table, queries.sort_field(sort)[0])


def pages(unit, table, last_page: int) -> dict[str, str]:
    u = unit.pk
    deep, middle = (last_page - 1) * 50 - 1, last_page // 2
    return {
        "floor: 我的账户": "/accounts/me/",
        "list, first page": "/tables/?year=2024",
        "list, page 100": "/tables/?year=2024&page=100",
        f"list, last page ({last_page})": f"/tables/?year=2024&page={last_page}",
        "list, last page, cursor": f"/tables/?year=2024&page={last_page}&after={cursor_after(deep)}",
        f"list, page {middle}, typed": f"/tables/?year=2024&page={middle}",
        f"list, page {middle}, cursor": f"/tables/?year=2024&page={middle}&after={cursor_after((middle - 1) * 50 - 1)}",
        "list, one unit": f"/tables/?year=2024&unit={u}",
        "list, approved": "/tables/?year=2024&status=approved",
        "list, unit by name": f"/tables/?year=2024&unit_name={unit.name}",
        "list, search unit": f"/tables/?year=2024&q={quote(unit.name)}",
        "list, search indicator": f"/tables/?year=2024&q={quote('宣传制品单价')}",
        f"list, by budget, page {middle}": f"/tables/?year=2024&sort=-budget&page={middle}",
        "list, by budget, cursor": (f"/tables/?year=2024&sort=-budget&page={middle}"
                                    f"&after={cursor_after((middle - 1) * 50 - 1, '-budget')}"),
        "table": f"/tables/{table.pk}/",
        "table history": f"/tables/{table.pk}/history/",
        "运行监控, all units": "/monitoring/?year=2024&unit=0",
        "运行监控, all, page 5": "/monitoring/?year=2024&unit=0&page=5",
        "运行监控, one unit": f"/monitoring/?year=2024&unit={u}",
        "绩效自评, all units": "/evaluations/?year=2024&unit=0",
        "绩效自评, one unit": f"/evaluations/?year=2024&unit={u}",
        "结果应用, all units": "/results/?year=2024&unit=0",
        "结果应用, one unit": f"/results/?year=2024&unit={u}",
        "审核队列": "/review/queue/",
        "待办事项": "/review/",
        "佐证记录": "/evidence/",
        "指标库": "/library/",
        "公开 portal": "/gongkai/?year=2024",
        "公开 portal, page 100": "/gongkai/?year=2024&page=100",
        "公开 portal, search unit": f"/gongkai/?year=2024&q={quote(unit.name)}",
        "图表 overview": "/charts/?year=2024",
        "图表 unit": f"/charts/units/{u}/?year=2024",
        "API tables list": "/api/v1/tables?year=2024",
        "API tables, page 100": "/api/v1/tables?year=2024&page=100",
    }


def main() -> int:
    reuse = "--reuse" in sys.argv
    args = [a for a in sys.argv[1:] if a.isdigit()]
    postgres = bool(os.environ.get("BENCH_DATABASE_URL"))
    count = int(args[0]) if args else (100_000 if postgres else 10_000)
    requests = int(args[1]) if len(args) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        var = ROOT / "var" / f"bench-pages-{count}" if reuse and not postgres else Path(tmp)
        var.mkdir(parents=True, exist_ok=True)
        setup_django(str(var))
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from jixiao.web.accounts import tokens
        from jixiao.web.accounts.models import Profile, Role, Unit
        from jixiao.web.targets.models import TargetTable

        settings.ALLOWED_HOSTS = ["*"]
        start = time.perf_counter()
        if reuse and generated(count):
            made = "reused"
        else:
            empty_database()
            generate(count)
            made = f"generated in {time.perf_counter() - start:.1f} s"
        reviewer = User.objects.filter(username="bench").first()
        if reviewer is None:
            reviewer = User.objects.create_user("bench")
            Profile.objects.create(user=reviewer, role=Role.REVIEWER)
        _, token = tokens.create(reviewer, "基准测试") if tokens.active(reviewer).count() < tokens.MAX_ACTIVE else (
            None, None)
        if token is None:
            tokens.active(reviewer).delete()
            _, token = tokens.create(reviewer, "基准测试")
        client = Client()
        client.force_login(reviewer)
        unit = Unit.objects.get(name="基准单位0007")
        table = TargetTable.objects.filter(project__unit=unit, status="approved").order_by("pk").first()
        total = TargetTable.objects.count()
        print(f"database: {connection.vendor}; {total} tables ({count} {made}) in {units_for(count) + 1} units; "
              f"{requests} requests a page, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'page':<26}{'p50 ms':>9}{'p95 ms':>9}{'CPU ms':>9}{'queries':>9}{'KiB':>7}{'× floor':>9}")
        floor = None
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        for name, url in pages(unit, table, (total + 49) // 50).items():
            median, p95, cpu, queries, size = measure(client, url, requests, **(auth if url.startswith("/api/") else {}))
            floor = floor or median
            print(f"{name:<26}{median:9.1f}{p95:9.1f}{cpu:9.1f}{queries:9d}{size:7d}{median / floor:9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Web benchmark on PostgreSQL: import rate of generated target tables beside raw COPY of the same
rows, then server-side time of the project list and table pages at that size.

    .venv/bin/python bench/bench_web.py [TABLES] [--keep]   # default 100000 (~1.5 M indicators)

Uses its own database ``jixiao_bench`` on the server of DATABASE_URL (default the local one), which
it creates afresh and drops at the end (``--keep`` leaves it for inspection). Prints numbers; skips when no PostgreSQL server answers.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal
from urllib.parse import urlparse

BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jixiao")
BENCH_DB = os.environ.get("JIXIAO_BENCH_DB", "jixiao_bench")  # one per person benchmarking at once
INDICATORS_PER_TABLE = 15
TABLES_PER_UNIT = 100
BATCH = 2000  # tables per import transaction (one "file")


def fresh_database() -> str:
    import psycopg

    url = urlparse(BASE_URL)
    admin = url._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.OperationalError as e:
        print(f"skipped: no PostgreSQL at {url.hostname}:{url.port} ({e})")
        sys.exit(0)
    return url._replace(path=f"/{BENCH_DB}").geturl()


def generate(count: int):
    """``count`` tables cut from the demo's: new names, units and budgets, 15 indicators each."""
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT

    demo = read_document(DEMO_DOCUMENT).tables
    for n in range(count):
        base = demo[n % len(demo)]
        inds = [replace(base.indicators[k % len(base.indicators)], name=f"{base.indicators[k % len(base.indicators)].name}{k // len(base.indicators) or ''}")
                for k in range(INDICATORS_PER_TABLE)]
        unit = f"基准测试单位{n // TABLES_PER_UNIT:05d}"
        yield replace(base, name=f"{base.name}·{n:06d}", unit=unit, department=f"基准测试部门{n // 5000:03d}",
                      budget=Decimal(10000 + n * 7 % 900000), indicators=inds, warnings=[])


def copy_rate(tables) -> tuple[float, int]:
    """Raw COPY of the same table and indicator rows into look-alike tables with the same indexes."""
    from django.db import connection

    from jixiao.web import bulk
    from jixiao.web.targets import convert
    from jixiao.web.targets.models import Indicator, TargetTable

    with connection.cursor() as c:
        for name, model in (("bench_copy_table", TargetTable), ("bench_copy_indicator", Indicator)):
            c.execute(f"DROP TABLE IF EXISTS {name}")
            c.execute(f"CREATE TABLE {name} (LIKE {model._meta.db_table} INCLUDING ALL)")
        c.execute("ALTER TABLE bench_copy_indicator ALTER COLUMN entry_code SET DEFAULT ''")  # as CopyWriter fills it
    tab_cols = "project_id, year, budget, goal_period, goal_annual, status, version, sections, warnings, source_file, updated_at"
    # Rows are serialised to COPY text before the clock starts: this measures what the database accepts.
    table_lines, indicator_lines = [], []
    for n, t in enumerate(tables, 1):
        cols = convert.table_columns(t)
        table_lines.append("\t".join([str(n), str(t.year), str(t.budget), bulk.text(cols["goal_period"]),
                                       bulk.text(cols["goal_annual"]), "draft", "1", bulk.json_text(cols["sections"]),
                                       "[]", "bench", "2024-01-01T00:00:00Z"]) + "\n")
        indicator_lines.extend(convert.indicator_copy_line(n, pos, ind) + "\n"
                               for pos, ind in enumerate(t.indicators, 1))
    blocks = [("".join(lines[i:i + 5000]).encode(), sql) for lines, sql in (
        (table_lines, f"COPY bench_copy_table ({tab_cols}) FROM STDIN"),
        (indicator_lines, f"COPY bench_copy_indicator ({', '.join(convert.INDICATOR_COLUMNS)}) FROM STDIN"),
    ) for i in range(0, len(lines), 5000)]
    start = time.perf_counter()
    with connection.cursor() as c:
        for sql in dict.fromkeys(sql for _, sql in blocks):
            with c.cursor.copy(sql) as copy:  # one COPY per table type, written in large blocks
                for data, block_sql in blocks:
                    if block_sql == sql:
                        copy.write(data)
    elapsed = time.perf_counter() - start
    with connection.cursor() as c:
        c.execute("DROP TABLE bench_copy_table; DROP TABLE bench_copy_indicator")
    return elapsed, len(indicator_lines)


def timings(client, url: str, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(urlparse(BASE_URL)._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def main() -> None:
    args = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(args[0]) if args else 100_000
    os.environ["DATABASE_URL"] = fresh_database()
    try:
        run(count)
    finally:
        if "--keep" in sys.argv:
            print(f"database {BENCH_DB} kept")
        else:
            drop_database()


def run(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jixiao.web.accounts.models import Profile, Role
    from jixiao.web.targets import importer

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    tables = list(generate(count))
    print(f"generated {count} tables, {count * INDICATORS_PER_TABLE} indicators in {time.perf_counter() - t0:.1f} s")

    copy_s, rows = copy_rate(tables)
    print(f"raw COPY:  {count / copy_s:9.0f} tables/s  ({rows / copy_s:9.0f} indicator rows/s, {copy_s:.1f} s)")

    start = time.perf_counter()
    for i in range(0, count, BATCH):
        importer.store(tables[i:i + BATCH], source=f"bench-{i}")
    import_s = time.perf_counter() - start
    print(f"import:    {count / import_s:9.0f} tables/s  ({rows / import_s:9.0f} indicator rows/s, {import_s:.1f} s)"
          f"  = {import_s / copy_s:.1f}× raw COPY")

    start = time.perf_counter()
    report = importer.store(tables[:BATCH], source="bench-again")
    print(f"re-import of {BATCH} unchanged tables: {time.perf_counter() - start:.2f} s ({report.summary()})")

    from django.contrib.auth.models import User
    from django.db import connection

    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load: index-only scans need it
    setup_test_environment()
    reviewer = User.objects.create_user("bench-reviewer", password="x")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    client = Client()
    client.force_login(reviewer)
    from jixiao.web.targets.models import TargetTable

    some = TargetTable.objects.order_by("id")[count // 2]
    unit_id = some.project.unit_id
    repeat = 60
    for label, url in [
        ("project list (all units)", "/tables/?year=2024"),
        ("project list, page 500", "/tables/?year=2024&page=500"),
        ("project list, one unit", f"/tables/?year=2024&unit={unit_id}"),
        ("table page", f"/tables/{some.pk}/"),
        ("history page", f"/tables/{some.pk}/history/"),
    ]:
        client.get(url)  # warm up
        p50, p95 = timings(client, url, repeat)
        print(f"{label:<26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({repeat} requests)")
    search(client, some, repeat)


SEARCHES = [  # (label, query): a project name, an indicator name, a unit name, sorted by budget
    ("search project name", "q={project}"),
    ("search indicator name", "q=信访宣传制品单价"),
    ("search unit name", "q={unit}"),
    ("search rare word, by budget", "q=法律咨询工作室&sort=-budget"),
]


def search(client, some, repeat: int) -> None:
    """The list's search with the trigram indexes (migration 0004), then without them: the floor is
    the same query as a scan of every name."""
    import importlib
    from urllib.parse import quote

    from django.db import connection

    trigram = importlib.import_module("jixiao.web.targets.migrations.0004_search_trigram_indexes")
    urls = [(label, "/tables/?year=2024&" + query.format(project=quote(some.project.name), unit=quote(some.project.unit.name))
             .replace("q=信访宣传制品单价", "q=" + quote("信访宣传制品单价")).replace("q=法律咨询工作室", "q=" + quote("法律咨询工作室")))
            for label, query in SEARCHES]
    indexed = {}
    for label, url in urls:
        client.get(url)
        indexed[label] = timings(client, url, repeat)
    with connection.cursor() as c:
        for name, _, _ in trigram.INDEXES:
            c.execute(f"DROP INDEX IF EXISTS {name}")
    for label, url in urls:
        client.get(url)
        p50, p95 = indexed[label]
        scan50, _ = timings(client, url, max(repeat // 6, 5))
        print(f"{label:<26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   floor (no trigram index) p50 {scan50:7.1f} ms")
    with connection.cursor() as c:
        for name, table, column in trigram.INDEXES:
            c.execute(f"CREATE INDEX {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)")


if __name__ == "__main__":
    main()

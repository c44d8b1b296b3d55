"""Would partitioning the indicator rows by budget year make the pages faster? Measured on PostgreSQL.

    .venv/bin/python bench/bench_partitions.py [ROWS_PER_YEAR] [YEARS]   # default 300000 5

In a scratch database (JIXIAO_BENCH_DB, default ``jixiao_bench_partitions``, on the server of
DATABASE_URL; dropped at the end; skipped when no PostgreSQL server answers), the same generated
indicator rows twice, 15 per target table, YEARS budget years of ROWS_PER_YEAR rows:
- plain: one table, the indexes the product has (table, position) and (category, annual_kind), plus a
  year column with an index (year, category, annual_kind), the best an unpartitioned table can do;
- partitioned: ``PARTITION BY LIST (year)``, one partition a year, the same indexes on each.
Each query's p50 of 20 runs, beside the floor (``SELECT 1`` on the same connection):
- the table page: one table's indicators by table id (as the product asks), and with its year;
- a year's quantitative cost indicators (the 指标库 and charts ask such counts);
- a year's totals by category (a chart of the whole year, no index can narrow it);
- retiring a year: DELETE of its rows against DETACH of its partition (rolled back).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from urllib.parse import urlparse

import psycopg

BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jixiao")
BENCH_DB = os.environ.get("JIXIAO_BENCH_DB", "jixiao_bench_partitions")
FIRST_YEAR = 2020
PER_TABLE = 15
RUNS = 20

COLUMNS = """id bigint NOT NULL, table_id integer NOT NULL, year integer NOT NULL, position integer NOT NULL,
             category varchar(20) NOT NULL, annual_kind varchar(16) NOT NULL, name varchar(300) NOT NULL,
             annual_value numeric(24, 6)"""
# One generated row per n: 15 indicators a table, categories and kinds in the demo's proportions.
ROWS = """SELECT n, n / {per} + 1, %(year)s::integer, n %% {per},
                 (ARRAY['output','output','output','output','output','output','cost','effect','effect',
                        'effect','satisfaction','output','effect','cost','output'])[n %% {per} + 1],
                 CASE WHEN n %% 4 = 0 THEN 'text' ELSE 'numeric' END,
                 '指标' || (n %% 997), (n %% 1000) * 1.25
          FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS n""".format(per=PER_TABLE)


def server_url(database: str) -> str:
    return urlparse(BASE_URL)._replace(path=f"/{database}").geturl()


def scratch() -> str | None:
    try:
        with psycopg.connect(server_url("postgres"), autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    except psycopg.OperationalError as e:
        print(f"skipped: no PostgreSQL server ({e})")
        return None
    return server_url(BENCH_DB)


def drop() -> None:
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def build(db, rows_per_year: int, years: int) -> None:
    db.execute(f"CREATE TABLE plain ({COLUMNS}, PRIMARY KEY (id))")
    db.execute(f"CREATE TABLE part ({COLUMNS}, PRIMARY KEY (id, year)) PARTITION BY LIST (year)")
    for y in range(years):
        year = FIRST_YEAR + y
        db.execute(f"CREATE TABLE part_{year} PARTITION OF part FOR VALUES IN ({year})")
        span = {"year": year, "start": y * rows_per_year, "stop": (y + 1) * rows_per_year - 1}
        db.execute(f"INSERT INTO plain {ROWS}", span)
        db.execute(f"INSERT INTO part {ROWS}", span)
    for name in ("plain", "part"):  # indexes after the rows, as a restore would build them
        db.execute(f"CREATE INDEX {name}_table_pos ON {name} (table_id, position)")
        db.execute(f"CREATE INDEX {name}_category_kind ON {name} (category, annual_kind)")
    db.execute("CREATE INDEX plain_year_category_kind ON plain (year, category, annual_kind)")
    db.execute("VACUUM ANALYZE plain")
    db.execute("VACUUM ANALYZE part")


def p50(db, sql: str, params: tuple = ()) -> float:
    db.execute(sql, params).fetchall()  # warm
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        db.execute(sql, params).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once(db, sql: str) -> float:
    with db.transaction(force_rollback=True):
        start = time.perf_counter()
        db.execute(sql)
        return (time.perf_counter() - start) * 1000


def main() -> None:
    args = [int(a) for a in sys.argv[1:] if a.isdigit()]
    rows_per_year = args[0] if args else 300_000
    years = args[1] if len(args) > 1 else 5
    url = scratch()
    if url is None:
        return
    try:
        with psycopg.connect(url, autocommit=True) as db:
            start = time.perf_counter()
            build(db, rows_per_year, years)
            built = time.perf_counter() - start
            year = FIRST_YEAR + years - 1  # the current year: the last one
            table = (years - 1) * rows_per_year // PER_TABLE + 7
            load = os.getloadavg()[0]
            print(f"{years} years × {rows_per_year:,} indicator rows, {years * rows_per_year:,} in all, built twice"
                  f" in {built:.0f} s; p50 of {RUNS} runs, load average {load:.1f}")
            floor = p50(db, "SELECT 1")
            print(f"{'query':44} {'plain ms':>9} {'partitioned ms':>15} {'plain × floor':>14} {'part. × floor':>14}")
            print(f"{'floor: SELECT 1':44} {floor:>9.2f} {floor:>15.2f} {1:>14.1f} {1:>14.1f}")
            queries = [
                ("table page: one table's indicators", "SELECT * FROM {t} WHERE table_id = %s ORDER BY position",
                 (table,)),
                ("table page, with its year", "SELECT * FROM {t} WHERE table_id = %s AND year = %s ORDER BY position",
                 (table, year)),
                ("a year's quantitative cost indicators",
                 "SELECT count(*) FROM {t} WHERE year = %s AND category = 'cost' AND annual_kind = 'numeric'", (year,)),
                ("a year's totals by category",
                 "SELECT category, count(*), sum(annual_value) FROM {t} WHERE year = %s GROUP BY category", (year,)),
            ]
            for label, sql, params in queries:
                plain, part = p50(db, sql.format(t="plain"), params), p50(db, sql.format(t="part"), params)
                print(f"{label:44} {plain:>9.2f} {part:>15.2f} {plain / floor:>14.1f} {part / floor:>14.1f}")
            oldest = FIRST_YEAR
            plain = once(db, f"DELETE FROM plain WHERE year = {oldest}")
            part = once(db, f"ALTER TABLE part DETACH PARTITION part_{oldest}")
            print(f"{'retiring the oldest year (delete / detach)':44} {plain:>9.2f} {part:>15.2f}"
                  f" {plain / floor:>14.1f} {part / floor:>14.1f}")
    finally:
        drop()


if __name__ == "__main__":
    main()

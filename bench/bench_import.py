"""`jixiao import` of one large published-text file into PostgreSQL, beside raw COPY of the same rows.

    .venv/bin/python bench/bench_import.py [TABLES ...]          # default 10000 100000
    .venv/bin/python bench/bench_import.py --xlsx [TABLES ...]   # default 1000 5000

``--xlsx`` imports the same tables from one workbook instead (one sheet per table and the 汇总 sheet,
as ``jixiao export-year`` writes it, written once with ``xlsx_stream``), read one sheet at a time.

For each size: a file of generated tables (the demo's twelve, renamed, 100 per 用款单位, 12 or 20
indicators each) is written once; then, each in a fresh process and a fresh database:
- floor: raw COPY of the table and indicator rows the import stores (serialised before the clock
  starts) into look-alike tables with the same indexes and no foreign keys, as bench_web.py and
  issue 16 measured it (the import also writes a project row and an audit entry per new table);
- import: ``import_stream`` of the file (what `jixiao import FILE` runs): reading, checking and
  storing in batches in one transaction, committed. The time spent storing (``importer.store``
  and the commit) is printed apart from the time spent reading, and the process's peak RSS.
Peak RSS should not grow with the number of tables. Uses its own database (JIXIAO_BENCH_DB,
default ``jixiao_bench_import``) on the server of DATABASE_URL, dropped at the end; skips when no
PostgreSQL server answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))

BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jixiao")
BENCH_DB = os.environ.get("JIXIAO_BENCH_DB", "jixiao_bench_import")
OUT = Path(__file__).parent / "out"
TABLES_PER_UNIT = 100


def write_file(path: Path, count: int) -> Path:
    """The demo's tables again and again, renamed, one 用款单位 per 100 tables, written as it goes."""
    import corpus

    if path.exists():
        return path
    blocks = corpus._blocks()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".tmp"), "w", encoding="utf-8") as out:
        for n in range(count):
            for line in blocks[n % len(blocks)]:
                cells = line.split("\t")
                key = cells[0].strip()
                if key == "项目名称":
                    cells[1] = f"{cells[1]}·{n:06d}"
                elif key == "用款单位":
                    cells[1] = f"基准测试单位{n // TABLES_PER_UNIT:05d}"
                elif key == "主管部门":
                    cells[1] = f"基准测试部门{n // 5000:03d}"
                elif key.endswith("预算金额（元）"):
                    cells[1] = str(10_000 + n * 7 % 900_000)
                out.write("\t".join(cells) + "\n")
            out.write("\n")
    path.with_suffix(".tmp").rename(path)
    return path


def write_workbook(text: Path) -> Path:
    """The tables of ``text`` as one workbook, written one table at a time."""
    from jixiao.core.stream import TableStream
    from jixiao.core.xlsx_stream import StreamingWorkbook

    path = text.with_suffix(".xlsx")
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as out:
        book = StreamingWorkbook(out, year=2024)
        for table in TableStream(text):
            book.add(table, "草稿")
        book.close()
    partial.rename(path)
    return path


def fresh_database() -> str | None:
    import psycopg

    url = urlparse(BASE_URL)
    try:
        with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.OperationalError as e:
        print(f"skipped: no PostgreSQL at {url.hostname}:{url.port} ({e})")
        return None
    return url._replace(path=f"/{BENCH_DB}").geturl()


def drop_database() -> None:
    import psycopg

    with psycopg.connect(urlparse(BASE_URL)._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure_floor(path: str) -> dict:
    """Raw COPY of the rows the import would store (serialised before the clock starts)."""
    _django()
    from django.db import connection, transaction

    from jixiao.core.stream import TableStream
    from jixiao.web import bulk
    from jixiao.web.targets import convert
    from jixiao.web.targets.models import Indicator, TargetTable

    with connection.cursor() as c:
        for name, model in (("bench_copy_table", TargetTable), ("bench_copy_indicator", Indicator)):
            c.execute(f"CREATE TABLE {name} (LIKE {model._meta.db_table} INCLUDING ALL)")
        c.execute("ALTER TABLE bench_copy_indicator ALTER COLUMN entry_code SET DEFAULT ''")
    columns = "project_id, year, budget, goal_period, goal_annual, status, version, sections, warnings, source_file, updated_at"
    tables, indicators = [], []
    for n, t in enumerate(TableStream(path), 1):
        cols = convert.table_columns(t)
        tables.append("\t".join([str(n), str(t.year), str(t.budget), bulk.text(cols["goal_period"]),
                                 bulk.text(cols["goal_annual"]), "draft", "1", bulk.json_text(cols["sections"]),
                                 bulk.json_text(cols["warnings"]), "bench", "2024-01-01T00:00:00Z"]) + "\n")
        indicators.extend(convert.indicator_copy_line(n, pos, ind) + "\n" for pos, ind in enumerate(t.indicators, 1))
    blocks = [(f"COPY bench_copy_table ({columns}) FROM STDIN", tables),
              (f"COPY bench_copy_indicator ({', '.join(convert.INDICATOR_COLUMNS)}) FROM STDIN", indicators)]
    data = [(sql, ["".join(lines[i:i + 5000]).encode() for i in range(0, len(lines), 5000)]) for sql, lines in blocks]
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        for sql, chunks in data:
            with c.cursor.copy(sql) as copy:
                for chunk in chunks:
                    copy.write(chunk)
    return {"seconds": time.perf_counter() - start, "tables": len(tables), "indicators": len(indicators)}


def measure_import(path: str) -> dict:
    _django()
    from django.db import connection

    from jixiao.web.targets import importer
    from jixiao.web.targets.stream_import import import_stream

    storing = [0.0]
    store = importer.store

    def timed_store(*args, **kwargs):
        start = time.perf_counter()
        try:
            return store(*args, **kwargs)
        finally:
            storing[0] += time.perf_counter() - start

    importer.store = timed_store
    commit = connection.commit

    def timed_commit():  # the deferred foreign-key checks run here
        start = time.perf_counter()
        commit()
        storing[0] += time.perf_counter() - start

    connection.commit = timed_commit
    start = time.perf_counter()
    report = import_stream(path, source=Path(path).name)
    total = time.perf_counter() - start
    return {"seconds": total, "storing": storing[0], "summary": report.summary(), "peak_rss_mb": peak_rss_mb()}


def run(mode: str, path: Path, url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([sys.executable, __file__, "--measure", mode, str(path)], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    xlsx = "--xlsx" in sys.argv
    counts = [int(a) for a in sys.argv[1:] if a.isdigit()] or ([1_000, 5_000] if xlsx else [10_000, 100_000])
    import platform

    print(f"{'xlsx' if xlsx else 'published text'} import, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},"
          f" {os.cpu_count()} cores, {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'tables':>8} {'MB':>6} {'indicators':>10} {'floor COPY s':>12} {'import s':>9} {'storing s':>9}"
          f" {'reading s':>9} {'import/COPY':>11} {'storing/COPY':>12} {'peak RSS MB':>11}")
    try:
        for count in counts:
            text = write_file(OUT / f"import-{count}.txt", count)
            path = write_workbook(text) if xlsx else text
            url = fresh_database()
            if url is None:
                return
            floor = run("floor", text, url)  # the same rows whatever the format imported
            url = fresh_database()
            result = run("import", path, url)
            reading = result["seconds"] - result["storing"]
            print(f"{count:>8} {path.stat().st_size / 1e6:>6.1f} {floor['indicators']:>10} {floor['seconds']:>12.1f}"
                  f" {result['seconds']:>9.1f} {result['storing']:>9.1f} {reading:>9.1f}"
                  f" {result['seconds'] / floor['seconds']:>10.2f}× {result['storing'] / floor['seconds']:>11.2f}×"
                  f" {result['peak_rss_mb']:>11.1f}   ({result['summary']}; load average {os.getloadavg()[0]:.1f})",
                  flush=True)
    finally:
        drop_database()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure = measure_floor if sys.argv[2] == "floor" else measure_import
        print(json.dumps(measure(sys.argv[3])))
    else:
        main()

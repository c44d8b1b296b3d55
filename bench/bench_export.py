"""Exports of a year as background jobs: time and peak RSS beside a floor measured in the same run.

    .venv/bin/python bench/bench_export.py [TABLES ...] [--pdf-max N] [--modes floor,xlsx,pdf-zip]
    # defaults: 1000 10000, --pdf-max 200, all three modes

For each size a scratch database is filled with bench_pages.generate(TABLES) (SQLite in a temporary
folder, or BENCH_DATABASE_URL: a scratch PostgreSQL database, emptied first). Then, each in a fresh
process so that its peak RSS (VmHWM) is its own:

- floor: read the same tables from the database, 200 at a time, into core tables, writing nothing;
- xlsx: the export job (queued, then taken by a django-tasks worker in that process), write-only .xlsx;
- pdf-zip: the same as a .zip of one PDF per table (only up to --pdf-max tables, so that `make bench`
  stays short; larger sizes print the estimate from the per-table time measured), laid out in
  batches by child processes (two on a machine of two cores or more).

"base MB" is the process's RSS after Django and the writers are imported, before the job starts;
"peak MB" its peak; "child MB" the largest peak of a child process (the PDF layout processes);
"sum MB" the largest RSS of the job's process and its children together, read twice a second
(at least "peak MB").
"""

from __future__ import annotations

import json
import os
import platform
import threading
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
YEAR = 2024


def _rss_mb(field: str, pid: str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children_peak_mb(stop: threading.Event, peaks: dict) -> None:
    """Each child process's own VmHWM, read twice a second until it exits (ru_maxrss would count
    the parent's pages a child shares between its fork and its exec), and in ``peaks["together"]``
    the largest sum of this process's and its children's RSS seen at one reading."""
    me = str(os.getpid())
    while not stop.wait(0.5):
        together = _rss_mb("VmRSS")
        for task in Path(f"/proc/{me}/task").iterdir():
            for pid in (task / "children").read_text().split():
                try:
                    peaks[pid] = max(peaks.get(pid, 0.0), _rss_mb("VmHWM", pid))
                    together += _rss_mb("VmRSS", pid)
                except OSError:  # gone meanwhile
                    pass
        peaks["together"] = max(peaks.get("together", 0.0), together)


def _setup(tmp: str) -> None:
    sys.path.insert(0, str(HERE))
    from bench_overview import setup_django

    setup_django(tmp)


def fill(tmp: str, count: int) -> None:
    _setup(tmp)
    from django.core.management import call_command

    from bench_pages import generate

    call_command("flush", verbosity=0, interactive=False)
    start = time.perf_counter()
    generate(count)
    print(json.dumps({"seconds": time.perf_counter() - start}))


def measure(tmp: str, mode: str) -> None:
    _setup(tmp)
    import openpyxl  # noqa: F401 - imported before the base figure, as a worker has it
    import weasyprint  # noqa: F401
    from django_tasks_db.management.commands.db_worker import Worker

    from jixiao.web.jobs import exports, running
    from jixiao.web.jobs.models import Job, Kind
    from jixiao.web.targets.models import TargetTable

    params = {"year": YEAR}
    base = _rss_mb("VmRSS")
    stop, peaks = threading.Event(), {}
    watcher = threading.Thread(target=_children_peak_mb, args=(stop, peaks), daemon=True)
    watcher.start()
    start = time.perf_counter()
    if mode == "floor":
        rows = exports.stored_tables(exports.selected_tables(params))
        total = next(rows)
        indicators = sum(len(t.indicators) for t, _ in rows)
        size = 0
    else:
        kind = {"xlsx": Kind.EXPORT_XLSX, "pdf-zip": Kind.EXPORT_PDF_ZIP}[mode]
        job = running.enqueue(running.create(kind, params=params, description="bench"))
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
               max_tasks=None, worker_id="bench", excluded_queue_names=[]).run()
        job = Job.objects.get(pk=job.pk)
        assert job.status == "done", (job.status, job.error)
        total, path = job.total, running.result_path(job)
        size = path.stat().st_size
        indicators = None
        path.unlink()
    seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    assert total == TargetTable.objects.filter(year=YEAR).count()
    children = exports.PDF_PROCESSES if mode == "pdf-zip" and total >= exports.PDF_POOL_FROM else 0
    together = peaks.pop("together", 0.0)
    print(json.dumps({"tables": total, "seconds": seconds, "base_mb": base, "peak_mb": _rss_mb("VmHWM"),
                      "child_mb": max(peaks.values(), default=0.0) if children else 0.0,
                      "sum_mb": max(together, _rss_mb("VmHWM")), "bytes": size, "indicators": indicators}))


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"{args[0]} {args[2:]} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    pdf_max = 200
    if "--pdf-max" in argv:
        i = argv.index("--pdf-max")
        pdf_max = int(argv[i + 1])
        del argv[i:i + 2]
    modes = ("floor", "xlsx", "pdf-zip")
    if "--modes" in argv:
        i = argv.index("--modes")
        modes = tuple(argv[i + 1].split(","))
        del argv[i:i + 2]
    sizes = [int(a) for a in argv] or [1000, 10000]
    per_pdf = None
    database = "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {database}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'tables':>7} {'mode':<8} {'seconds':>8} {'ms/table':>9} {'× floor':>8} {'base MB':>8} {'peak MB':>8} "
          f"{'child MB':>8} {'sum MB':>8} {'file MB':>8}")
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            made = _child("fill", tmp, str(count))
            print(f"{count:>7} (scratch database filled in {made['seconds']:.0f} s)")
            floor = None
            for mode in ("floor", *(m for m in modes if m != "floor")):
                if mode == "pdf-zip" and count > pdf_max:
                    if per_pdf is not None:
                        print(f"{count:>7} {mode:<8} {'—':>8}  not run: ≈ {per_pdf * count / 60:.0f} min at the "
                              f"{per_pdf * 1000:.0f} ms/table measured above")
                    continue
                r = _child("measure", tmp, mode)
                floor = floor or r["seconds"]
                per = r["seconds"] / r["tables"]
                if mode == "pdf-zip":
                    per_pdf = per
                total_mb = r["sum_mb"]
                print(f"{r['tables']:>7} {mode:<8} {r['seconds']:8.1f} {per * 1000:9.2f} {r['seconds'] / floor:8.1f} "
                      f"{r['base_mb']:8.0f} {r['peak_mb']:8.0f} {r['child_mb']:8.0f} {total_mb:8.0f} "
                      f"{r['bytes'] / 1e6:8.1f}   load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "measure":
        measure(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main(sys.argv[1:]))

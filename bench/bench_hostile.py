"""Hostile workbooks against the bounded .xlsx reader: time and extra peak memory of each, beside the
floor (the same measurement on the demo's own 12-table workbook). Each runs in a fresh process.
Then the same files read in a worker as the upload page reads them (``jixiao.parse_worker``): time,
growth of the server process's memory, and the longest pause of another thread meanwhile.

Usage: python bench/bench_hostile.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

MEASURE = """
import json, sys, time
from pathlib import Path
import jixiao.core.xlsx_reader, jixiao.core.reading.documents
from jixiao.core.io import read_upload
from jixiao.core.model import ReadError
def peak():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = peak()
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
try:
    outcome = f"{len(read_upload(data, 'x.xlsx').tables)} tables"
except ReadError as e:
    outcome = str(e)
print(json.dumps({"seconds": time.perf_counter() - start, "extra_mb": peak() - before, "outcome": outcome}))
"""


ISOLATED = """
import json, sys, threading, time
from pathlib import Path
import jixiao.core.xlsx_reader, jixiao.core.reading.documents
from jixiao.core.model import ReadError
from jixiao.parse_worker import read_upload_isolated
def resident():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
data = Path(sys.argv[1]).read_bytes()
ticks, done = [], threading.Event()
def tick():  # stands for the server's other requests: how long is it kept waiting?
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.005)
ticker = threading.Thread(target=tick)
before = resident()
ticker.start()
start = time.perf_counter()
try:
    outcome = f"{len(read_upload_isolated(data, 'x.xlsx').tables)} tables"
except ReadError as e:
    outcome = e.message
seconds = time.perf_counter() - start
done.set(); ticker.join()
gap = max((b - a for a, b in zip(ticks, ticks[1:])), default=0)
print(json.dumps({"seconds": seconds, "parent_mb": resident() - before, "gap_ms": gap * 1000, "outcome": outcome}))
"""


def measure_isolated(path: Path) -> dict:
    """Seconds, growth of the parent's resident memory (MB) and the longest pause of another thread (ms)
    while ``path`` is read in a worker (``jixiao.parse_worker``, as the upload page reads it)."""
    done = subprocess.run([sys.executable, "-c", ISOLATED, str(path)], capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout)


def measure(path: Path) -> dict:
    """Seconds, extra peak memory (MB, VmHWM after the imports) and outcome of reading ``path``."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout)


def main() -> None:
    import hostile

    from jixiao.core.io import read_document
    from jixiao.core.xlsx import write_xlsx
    from jixiao.demo import DEMO_DOCUMENT

    with tempfile.TemporaryDirectory() as folder:
        cases = {}
        floor = Path(folder) / "demo.xlsx"
        write_xlsx(read_document(DEMO_DOCUMENT), floor)
        cases["floor: demo workbook"] = floor
        for name, data in (
            ("merged A1:XFD1048576", hostile.merged_workbook()),
            ("merged A1:Z20000", hostile.merged_workbook("A1:Z20000")),
            ("dimension A1:XFD1048576", hostile.claimed_dimension_workbook()),
        ):
            cases[name] = Path(folder) / f"{len(cases)}.xlsx"
            cases[name].write_bytes(data)
        print(f"{'workbook':<26} {'KB':>6} {'seconds':>8} {'extra MB':>9}  outcome")
        for name, path in cases.items():
            r = measure(path)
            print(f"{name:<26} {path.stat().st_size / 1024:>6.1f} {r['seconds']:>8.3f} {r['extra_mb']:>9.1f}  {r['outcome'][:60]}")
        print("\nread in a worker, as the upload page does (floor: 2 s, 100 MB; the other thread keeps running):")
        print(f"{'workbook':<26} {'seconds':>8} {'parent MB':>9} {'pause ms':>9}  outcome")
        for name, path in cases.items():
            r = measure_isolated(path)
            print(f"{name:<26} {r['seconds']:>8.3f} {r['parent_mb']:>9.1f} {r['gap_ms']:>9.1f}  {r['outcome'][:60]}")


if __name__ == "__main__":
    main()

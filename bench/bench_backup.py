"""Backup and restore speed on SQLite: `jixiao backup` beside a floor (the same rows read with
values_list and written as JSON lines into the same kind of .zip, nothing else), then
`jixiao restore` into a new database.

    .venv/bin/python bench/bench_backup.py [TABLES]    # default 10000 (150,000 indicators)

Works in a temporary JIXIAO_VAR; prints numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def floor(path: Path) -> int:
    """Every backed-up table's rows as JSON lines in a deflated .zip, without Django's serializer."""
    from django.core.serializers.json import DjangoJSONEncoder

    from jixiao.web.backup.archive import backed_up_models, label

    rows = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for model in backed_up_models():
            with archive.open(f"data/{label(model)}.jsonl", "w") as fh:
                for row in model._base_manager.order_by("pk").values_list().iterator(chunk_size=1000):
                    fh.write(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False).encode() + b"\n")
                    rows += 1
    return rows


def main(count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="jixiao-bench-backup-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ["JIXIAO_VAR"] = str(work / "source")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench_web import generate
    from jixiao.core.model import Document
    from jixiao.web.backup import archive
    from jixiao.web.targets import importer

    call_command("migrate", verbosity=0)
    tables = list(generate(count))
    for i in range(0, count, 2000):
        importer.import_document(Document(tables=tables[i:i + 2000], file="bench"), source="bench")

    start = time.perf_counter()
    rows = floor(work / "floor.zip")
    floor_s = time.perf_counter() - start
    start = time.perf_counter()
    manifest = archive.write_backup(work / "backup.zip")
    backup_s = time.perf_counter() - start
    assert sum(m["rows"] for m in manifest["models"]) == rows

    env = {**os.environ, "JIXIAO_VAR": str(work / "target")}
    jixiao = [sys.executable, "-m", "jixiao.cli"]
    subprocess.run([*jixiao, "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    subprocess.run([*jixiao, "check"], env=env, check=True, capture_output=True)
    startup_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([*jixiao, "restore", str(work / "backup.zip")], env=env, check=True, capture_output=True)
    restore_s = time.perf_counter() - start - startup_s

    size = (work / "backup.zip").stat().st_size / 1048576
    print(f"{count} tables, {rows:,} rows in {len(manifest['models'])} tables, archive {size:.1f} MB")
    print(f"floor (values_list → JSON lines → zip): {rows / floor_s:10,.0f} rows/s  ({floor_s:6.1f} s)")
    print(f"jixiao backup:                          {rows / backup_s:10,.0f} rows/s  ({backup_s:6.1f} s)"
          f"  = {backup_s / floor_s:.1f}× floor")
    print(f"jixiao restore (SQLite, one transaction): {rows / restore_s:8,.0f} rows/s  ({restore_s:6.1f} s,"
          f" start-up {startup_s:.1f} s not counted)")


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10000)
    finally:
        for work in Path(tempfile.gettempdir()).glob("jixiao-bench-backup-*"):
            shutil.rmtree(work, ignore_errors=True)

"""SQLite → PostgreSQL → SQLite through jixiao backup / restore, as an operator runs them: every row
and every export of the demo after a full lifecycle comes back. Needs the PostgreSQL server, so it
runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…)."""

import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest

from .test_backup import members

POSTGRES = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not POSTGRES.startswith("postgres"),
                                reason="needs the PostgreSQL server (DATABASE_URL=postgres://…)")
ROOT = Path(__file__).resolve().parents[2]

LIFECYCLE = """
from types import SimpleNamespace
from django.test import Client
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.accounts.models import Role, Unit
from jixiao.web.targets import importer
from jixiao.web.targets.models import TargetTable
from tests.conftest import UNIT_A, UNIT_B, _user
from tests.web.test_backup import lifecycle

importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
unit_a = Unit.objects.get(name=UNIT_A)
unit_b = Unit.objects.create(name=UNIT_B, department=unit_a.department)
cast = SimpleNamespace(alice=_user("alice", Role.STAFF, unit_a), bob=_user("bob", Role.STAFF, unit_b),
                       rita=_user("rita", Role.REVIEWER), adam=_user("adam", Role.ADMIN, is_staff=True, is_superuser=True))
lifecycle(Client(), cast, TargetTable.objects.get(project__name="信访事项经费"))
"""


def jixiao(*args, var: Path, database: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update(JIXIAO_VAR=str(var), JIXIAO_ALLOWED_HOSTS="testserver")
    if database:
        env["DATABASE_URL"] = database
    result = subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return result.stdout


def rows(path: Path) -> dict[str, list[dict]]:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        return {m["model"]: [json.loads(line) for line in archive.read(m["file"]).splitlines()]
                for m in manifest["models"]}


EXPORTS = """
import io
from django.core.management import call_command
out = io.StringIO()
call_command("export", "--year", "2024", stdout=out)
open("{var}/export.json", "w", encoding="utf-8").write(out.getvalue())
for fmt in ("xlsx", "pdf"):
    call_command("export", "--year", "2024", "--format", fmt, "-o", f"{var}/export.{{fmt}}")
"""


def exports(var: Path, database: str | None = None) -> dict:
    """``jixiao export`` of the year in each format, run in one process (the machine may be busy)."""
    jixiao("shell", "-c", EXPORTS.format(var=var), var=var, database=database)
    return {"json": (var / "export.json").read_bytes(), "xlsx": members((var / "export.xlsx").read_bytes()),
            "pdf": (var / "export.pdf").read_bytes()}


@pytest.fixture
def postgres_database():
    import psycopg

    name = f"jx_restore_{uuid.uuid4().hex[:8]}"
    server = POSTGRES.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_sqlite_to_postgresql_and_back(tmp_path, postgres_database):
    sqlite_a, sqlite_c = tmp_path / "a", tmp_path / "c"
    jixiao("migrate", "-v0", var=sqlite_a)
    jixiao("shell", "-c", LIFECYCLE, var=sqlite_a)
    jixiao("backup", str(tmp_path / "from-sqlite.zip"), var=sqlite_a)
    original = exports(sqlite_a)

    jixiao("migrate", "-v0", var=tmp_path / "pg", database=postgres_database)
    jixiao("restore", str(tmp_path / "from-sqlite.zip"), var=tmp_path / "pg", database=postgres_database)
    jixiao("backup", str(tmp_path / "from-postgresql.zip"), var=tmp_path / "pg", database=postgres_database)
    assert rows(tmp_path / "from-postgresql.zip") == rows(tmp_path / "from-sqlite.zip")
    assert exports(tmp_path / "pg", postgres_database) == original

    jixiao("migrate", "-v0", var=sqlite_c)
    jixiao("restore", str(tmp_path / "from-postgresql.zip"), var=sqlite_c)
    jixiao("backup", str(tmp_path / "again.zip"), var=sqlite_c)
    assert rows(tmp_path / "again.zip") == rows(tmp_path / "from-sqlite.zip")
    assert exports(sqlite_c) == original

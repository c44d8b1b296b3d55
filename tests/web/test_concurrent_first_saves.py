"""Twenty people (or one person's twenty tabs) saving the first 运行监控 report or 绩效自评 of a table at
the same moment, against `jixiao serve` on a file database as in production (SQLite, and PostgreSQL
in the PostgreSQL pass): one row is created, every answer is clean — 0 × 500."""

import http.client
import os
import re
import subprocess
import sys
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

PARALLEL = 20
POSTGRES = os.environ.get("DATABASE_URL", "")
ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets import importer
from jixiao.web.targets.models import TargetTable
from tests.conftest import UNIT_A, _user
from jixiao.web.accounts.models import Role, Unit
importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
_user("alice", Role.STAFF, Unit.objects.get(name=UNIT_A))
table = TargetTable.objects.get(project__name="信访事项经费")
TargetTable.objects.filter(pk=table.pk).update(status="approved")
print(table.pk, *table.indicators.order_by("position").values_list("pk", flat=True))
"""


def environment(var: Path, database: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update(JIXIAO_VAR=str(var), JIXIAO_ALLOWED_HOSTS="127.0.0.1", PYTHONUNBUFFERED="1")
    if database:
        env["DATABASE_URL"] = database
    return env


def jixiao(*args, env) -> str:
    result = subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, tmp_path):
    database = None
    if request.param == "postgresql":
        if not POSTGRES.startswith("postgres"):
            pytest.skip("needs the PostgreSQL server (DATABASE_URL=postgres://…)")
        import psycopg

        name = f"jx_concurrent_{uuid.uuid4().hex[:8]}"
        server = POSTGRES.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        database = f"{server}/{name}"
    env = environment(tmp_path, database)
    jixiao("migrate", "-v0", env=env)
    table, *indicators = map(int, jixiao("shell", "-v", "0", "-c", SETUP, env=env).split())
    process = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "serve", "--port", "0", "--threads", str(PARALLEL)],
                               env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                               stderr=open(tmp_path / "server.log", "w"))
    try:
        port = int(re.search(r":(\d+)/", process.stdout.readline()).group(1))
        yield port, env, table, indicators
    finally:
        process.terminate()
        process.wait(timeout=60)
        if database:
            import psycopg

            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """One logged-in session speaking plain HTTP to the server."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.cookies.get("csrftoken", "")})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content

    def log_in(self, username, password):
        self.request("GET", "/accounts/login/")
        status, _ = self.request("POST", "/accounts/login/", {"username": username, "password": password})
        assert status == 302


def fire(port, cookies, path, data):
    browser = Browser(port)
    browser.cookies = dict(cookies)
    return browser.request("POST", path, data)[0]


def count(env, model) -> int:
    code = f"from jixiao.web.monitoring.models import {model}; print({model}.objects.count())"
    return int(jixiao("shell", "-v", "0", "-c", code, env=env).split()[-1])


def test_twenty_parallel_first_monitoring_saves(site):
    port, env, table, indicators = site
    browser = Browser(port)
    browser.log_in("alice", "pw-alice")
    data = {"cutoff": "2024-07-31", "budget": "181000", "spent": "90000", "save": "1",
            **{f"expected-{pk}": "" for pk in indicators[:1]}}
    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(lambda _: fire(port, browser.cookies, f"/tables/{table}/monitoring/", data),
                                 range(PARALLEL)))
    assert 500 not in statuses, statuses
    assert set(statuses) <= {302, 409} and statuses.count(302) >= 1, statuses  # saved, or refused cleanly
    assert count(env, "MonitoringReport") == 1


def test_twenty_parallel_first_evaluation_saves(site):
    port, env, table, indicators = site
    browser = Browser(port)
    browser.log_in("alice", "pw-alice")
    data = {"budget_initial": "181000", "budget_full_year": "181000", "spent": "170000", "save": "1"}
    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(lambda _: fire(port, browser.cookies, f"/tables/{table}/evaluation/", data),
                                 range(PARALLEL)))
    assert 500 not in statuses, statuses
    assert set(statuses) <= {302, 409} and statuses.count(302) >= 1, statuses
    assert count(env, "SelfEvaluation") == 1

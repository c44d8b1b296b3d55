"""DATABASE_REPLICA_URL: a page's reads go to a replica, writes to the primary; after a user's write
that user's reads stay on the primary for the rest of the request and a short while after."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.contrib.sessions.models import Session

from jixiao.web import routers
from jixiao.web.routers import COOKIE, ReplicaRouter, Reads, reads_for
from jixiao.web.targets.models import TargetTable



@pytest.fixture
def two_replicas(monkeypatch):
    monkeypatch.setattr(routers, "replicas", lambda: ["replica_1", "replica_2"])


def primary(in_transaction: bool):
    return {"default": type("Connection", (), {"in_atomic_block": in_transaction})()}


def test_a_get_without_a_recent_write_reads_a_replica(two_replicas):
    assert reads_for("GET", {}).replica in ("replica_1", "replica_2")
    assert reads_for("HEAD", {COOKIE: f"{time.time() - 1:.0f}"}).replica in ("replica_1", "replica_2")
    assert reads_for("GET", {COOKIE: "not a time"}).replica in ("replica_1", "replica_2")


def test_unsafe_requests_and_recent_writers_read_the_primary(two_replicas):
    assert reads_for("POST", {}).replica is None
    assert reads_for("PUT", {}).replica is None
    assert reads_for("GET", {COOKIE: f"{time.time() + 5:.0f}"}).replica is None


def test_without_replicas_everything_is_the_primary():
    assert reads_for("GET", {}).replica is None


def test_reads_go_to_the_replica_until_the_request_writes(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(routers, "connections", primary(in_transaction=False))
    token = routers._current.set(Reads("replica_2"))
    try:
        assert router.db_for_read(TargetTable) == "replica_2"
        assert router.db_for_read(Session) == "default"  # sessions, cache, login attempts: always primary
        assert router.db_for_write(TargetTable) == "default"
        assert router.db_for_read(TargetTable) == "default"  # the rest of this request after its write
    finally:
        routers._current.reset(token)
    assert router.db_for_read(TargetTable) == "default"  # outside a request (commands, the job worker)


def test_reads_inside_a_transaction_go_to_the_primary(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(routers, "connections", primary(in_transaction=True))
    token = routers._current.set(Reads("replica_1"))
    try:
        assert router.db_for_read(TargetTable) == "default"  # e.g. a version check before a save
    finally:
        routers._current.reset(token)


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "targets") and not router.allow_migrate("replica_1", "targets")


SCRIPT = """
import json, time
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from jixiao.web.accounts.models import Profile, Role
from jixiao.web.routers import COOKIE

settings.ALLOWED_HOSTS = ["testserver"]
user = User.objects.create_user("shenhe", password="Lianxi-mima-2024")
Profile.objects.create(user=user, role=Role.REVIEWER)
seen = []

def spy(alias):
    def wrapper(execute, sql, params, many, context):
        seen.append((alias, sql))
        return execute(sql, params, many, context)
    return wrapper

for alias in connections:
    connections[alias].execute_wrappers.append(spy(alias))

def where(method, path, **data):
    seen.clear()
    response = getattr(client, method)(path, data)
    tables = sorted({alias for alias, sql in seen if "targets_" in sql})
    return {"status": response.status_code, "targets": tables, "cookie": COOKIE in response.cookies}

client = Client()
out = {"login": where("post", "/accounts/login/", username="shenhe", password="Lianxi-mima-2024")}
out["after_write"] = where("get", "/tables/")
client.cookies[COOKIE] = str(int(time.time()) - 1)  # the short while has passed
out["later"] = where("get", "/tables/")
out["sessions_later"] = sorted({alias for alias, sql in seen if "django_session" in sql})
print(json.dumps(out))
"""


def test_a_site_with_a_replica_reads_pages_from_it_and_its_users_writes_from_the_primary(tmp_path):
    """The replica is the same SQLite file under a second alias, as a replica that has caught up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    database = tmp_path / "jixiao.sqlite3"
    env.update(JIXIAO_VAR=str(tmp_path), DATABASE_URL=f"sqlite:///{database}", DATABASE_REPLICA_URL=f"sqlite:///{database}")
    jixiao = [sys.executable, "-m", "jixiao.cli"]
    subprocess.run([*jixiao, "migrate", "-v0"], env=env, check=True)
    result = subprocess.run([*jixiao, "shell", "-v", "0", "-c", SCRIPT], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["login"]["status"] == 302 and out["login"]["cookie"]  # the login wrote: the mark is set
    assert out["after_write"] == {"status": 200, "targets": ["default"], "cookie": False}
    assert out["later"] == {"status": 200, "targets": ["replica_1"], "cookie": False}
    assert out["sessions_later"] == ["default"]

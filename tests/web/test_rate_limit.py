"""The API's rate limit is counted in the cache every server process shares (the database by default):
requests of one token made in two separate processes add up to one count."""

import os
import subprocess
import sys

import pytest

from jixiao.web.settings import _cache

MAKE_TOKEN = """
from django.contrib.auth.models import User
from jixiao.web.accounts import tokens
from jixiao.web.accounts.models import Profile, Role
user = User.objects.create_user("jiekou")
Profile.objects.create(user=user, role=Role.REVIEWER)
print(tokens.create(user, "对接")[1])
"""

CALL = """
from django.conf import settings
from django.test import Client
settings.ALLOWED_HOSTS = ["testserver"]
client = Client()
print(" ".join(str(client.get("/api/v1/rule-sets", headers={"Authorization": "Bearer %s"}).status_code)
               for _ in range(%d)))
"""


def jixiao(env, code) -> str:
    result = subprocess.run([sys.executable, "-m", "jixiao.cli", "shell", "-v", "0", "-c", code], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def site(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update(JIXIAO_VAR=str(tmp_path), JIXIAO_API_RATE="3/m")
    subprocess.run([sys.executable, "-m", "jixiao.cli", "migrate", "-v0"], env=env, check=True)
    return env


def test_two_processes_share_one_count(site):
    token = jixiao(site, MAKE_TOKEN)
    assert jixiao(site, CALL % (token, 2)) == "200 200"
    # A second process: with a count per process it would start again at zero.
    assert jixiao(site, CALL % (token, 2)) == "200 429"


def test_the_cache_is_the_database_unless_a_redis_address_is_given(monkeypatch):
    monkeypatch.delenv("JIXIAO_CACHE_URL", raising=False)
    assert _cache()["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("JIXIAO_CACHE_URL", "redis://127.0.0.1:6379/1")
    assert _cache() == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}
    monkeypatch.setenv("JIXIAO_CACHE_URL", "memcached://x")
    from jixiao.environment import SettingError

    with pytest.raises(SettingError, match="JIXIAO_CACHE_URL"):
        _cache()

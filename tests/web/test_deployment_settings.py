"""Settings from the environment as an operator sets them: production, bad values, file modes."""

import os
import stat
import subprocess
import sys

import pytest

JIXIAO = [sys.executable, "-m", "jixiao.cli"]


def jixiao(*args, var, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)  # each run gets its own SQLite file under ``var``
    return subprocess.run([*JIXIAO, *args], capture_output=True, text=True,
                          env={**base, "JIXIAO_VAR": str(var), **env})


def test_production_check_deploy_prints_no_warning(tmp_path):
    result = jixiao("check", "--deploy", var=tmp_path, JIXIAO_ENV="production", JIXIAO_ALLOWED_HOSTS="jixiao.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr and "WARNINGS" not in result.stdout


def test_development_check_deploy_warns_so_the_production_switch_matters(tmp_path):
    result = jixiao("check", "--deploy", var=tmp_path)
    assert "security.W004" in result.stderr  # no HSTS outside production


def test_production_settings(tmp_path):
    code = ("from django.conf import settings as s; print(s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.DEBUG)")
    result = jixiao("shell", "-c", code, var=tmp_path, JIXIAO_ENV="production",
                    JIXIAO_ALLOWED_HOSTS="jixiao.example.org, www.jixiao.example.org")
    assert result.stdout.splitlines()[-1] == (
        "['jixiao.example.org', 'www.jixiao.example.org'] True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') False")
    dev = jixiao("shell", "-c", "from django.conf import settings as s; print(s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT)",
                 var=tmp_path)
    assert dev.stdout.splitlines()[-1] == "['localhost', '127.0.0.1', '[::1]'] False"


@pytest.mark.parametrize("env, message", [
    ({"JIXIAO_ENV": "production"}, "缺少环境变量 JIXIAO_ALLOWED_HOSTS：生产环境（JIXIAO_ENV=production）必须列出网站的域名"),
    ({"JIXIAO_ENV": "production", "JIXIAO_ALLOWED_HOSTS": "*"}, "环境变量 JIXIAO_ALLOWED_HOSTS 在生产环境不能为 *"),
    ({"JIXIAO_ENV": "production", "JIXIAO_ALLOWED_HOSTS": "a.org", "JIXIAO_DEBUG": "1"}, "生产环境（JIXIAO_ENV=production）不能打开 JIXIAO_DEBUG"),
    ({"JIXIAO_ENV": "prod"}, "环境变量 JIXIAO_ENV 的值“prod”无效：应为 development 或 production"),
    ({"JIXIAO_SESSION_HOURS": "八"}, "环境变量 JIXIAO_SESSION_HOURS 的值“八”无效：应为 1 至 720 之间的整数"),
    ({"JIXIAO_LOGIN_FAILURES": "0"}, "环境变量 JIXIAO_LOGIN_FAILURES 的值“0”无效：应为 1 至 1000 之间的整数"),
    ({"JIXIAO_DEBUG": "maybe"}, "环境变量 JIXIAO_DEBUG 的值“maybe”无效：应为 1 或 0"),
    ({"JIXIAO_ADMIN_URL": "a b"}, "环境变量 JIXIAO_ADMIN_URL 的值“a b”无效：应为网址路径"),
    ({"JIXIAO_SECRET_KEY": "short"}, "环境变量 JIXIAO_SECRET_KEY 太短"),
    ({"DATABASE_URL": "mysqlx://nowhere"}, "环境变量 DATABASE_URL 无效"),
    ({"JIXIAO_MAX_FILE_MB": "abc"}, "环境变量 JIXIAO_MAX_FILE_MB 的值“abc”无效：应为 不小于 1 的整数"),
])
def test_a_bad_value_is_one_clear_line(tmp_path, env, message):
    result = jixiao("check", var=tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.startswith("配置错误：" + message) and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_admin_url_is_configurable(tmp_path):
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert jixiao("shell", "-c", code, var=tmp_path, JIXIAO_ADMIN_URL="/manage-7f3a/").stdout.splitlines()[-1] == "/manage-7f3a/"
    assert jixiao("shell", "-c", code, var=tmp_path).stdout.splitlines()[-1] == "/admin/"


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_var_files_are_private_whatever_the_umask(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "secret_key").write_text("k" * 60)
    (var / "secret_key").chmod(0o644)  # left readable by an older version
    old = os.umask(0o022)
    try:
        assert jixiao("migrate", "-v0", var=var).returncode == 0
    finally:
        os.umask(old)
    assert mode(var) == 0o700
    assert mode(var / "secret_key") == 0o600 and (var / "secret_key").read_text() == "k" * 60
    assert mode(var / "jixiao.sqlite3") == 0o600
    assert all(mode(p) == 0o600 for p in var.glob("jixiao.sqlite3*"))


def test_postgresql_sessions_run_without_jit(tmp_path):
    """Short page queries: JIT compilation is off unless the URL's own options turn it back on."""
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'].get('options'))"
    plain = jixiao("shell", "-c", code, var=tmp_path, DATABASE_URL="postgres://u@db.example/jixiao")
    assert plain.stdout.splitlines()[-1] == "-c jit=off", plain.stderr
    own = jixiao("shell", "-c", code, var=tmp_path,
                 DATABASE_URL="postgres://u@db.example/jixiao?options=-c%20jit%3Don")
    assert own.stdout.splitlines()[-1] == "-c jit=off -c jit=on", own.stderr


@pytest.mark.django_db
def test_jit_is_off_in_the_running_database():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

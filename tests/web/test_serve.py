"""`jixiao serve`: several gunicorn processes, static files under hashed names that browsers keep a
year (gzip-compressed), the job worker started beside the server and stopped with it, and forwarded
headers believed only from the trusted proxy."""

import http.client
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.web.serving import trusted_forwarding


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def clean_environment(var) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    return {**env, "JIXIAO_VAR": str(var), "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = clean_environment(var)
    subprocess.run([sys.executable, "-m", "jixiao.cli", "migrate", "-v0"], env=env, check=True)
    process = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "serve", "--port", "0", "--workers", "2",
                                "--threads", "2", "--no-worker"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # printed once the server listens
        yield process, int(re.search(r":(\d+)/", line).group(1)), var
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_the_server_runs_the_asked_number_of_processes(server):
    process, port, _ = server
    assert get(port, "/accounts/login/")[0].status == 200
    (master,) = children(process.pid)  # the gunicorn master, under `jixiao serve`
    assert len(children(master)) == 2


def test_static_files_have_hashed_names_and_are_kept_a_year(server):
    _, port, var = server
    _, page = get(port, "/accounts/login/")
    links = re.findall(r'/static/([^"]+\.(?:css|js))"', page.decode())
    assert links and all(re.search(r"\.[0-9a-f]{12}\.(css|js)$", link) for link in links)
    response, body = get(port, "/static/" + links[0], {"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    cache = response.getheader("Cache-Control")
    assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600
    assert (var / "static" / "staticfiles.json").exists()


def test_stopping_the_server_stops_every_process(tmp_path):
    """A stand-in job worker (a command that waits for its signal) is started beside the server and
    stopped with it; the web processes go too."""
    env = clean_environment(tmp_path)
    subprocess.run([sys.executable, "-m", "jixiao.cli", "migrate", "-v0"], env=env, check=True)
    code = ("import sys, jixiao.cli, jixiao.web.targets.management.commands.serve as s; "
            "s.WORKER_COMMAND = 'check'; s.worker_arguments = lambda: ['-c', 'import signal; signal.pause()']; "
            "sys.argv = ['jixiao', 'serve', '--port', '0', '--workers', '1', '--threads', '1']; jixiao.cli.main()")
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert "服务已启动" in process.stdout.readline()
        spawned = children(process.pid)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in spawned}
        assert sorted(b"jixiao.web.serving" in c for c in commands.values()) == [False, True]
        assert any(b"signal.pause()" in b" ".join(c) for c in commands.values())  # the worker
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    assert not [pid for pid in spawned if Path(f"/proc/{pid}").exists()]


def test_forwarded_headers_count_only_from_the_trusted_proxy():
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return []

    wrapped = trusted_forwarding(app, "127.0.0.1")
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.5", "HTTP_X_FORWARDED_PROTO": "https"}
    wrapped({"REMOTE_ADDR": "198.51.100.7", **forwarded}, None)
    assert "HTTP_X_FORWARDED_FOR" not in seen and "HTTP_X_FORWARDED_PROTO" not in seen
    wrapped({"REMOTE_ADDR": "127.0.0.1", **forwarded}, None)
    assert seen["HTTP_X_FORWARDED_FOR"] == "203.0.113.5" and seen["HTTP_X_FORWARDED_PROTO"] == "https"
    seen.clear()
    trusted_forwarding(app, "")({"REMOTE_ADDR": "127.0.0.1", **forwarded}, None)
    assert "HTTP_X_FORWARDED_PROTO" not in seen


def test_templates_are_cached():
    from django.template import engines

    loaders = engines["django"].engine.template_loaders
    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]

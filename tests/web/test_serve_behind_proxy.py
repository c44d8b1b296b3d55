"""`jixiao serve` in production behind a reverse proxy on this machine: https comes from the proxy's
X-Forwarded-Proto (no redirect loop), plain http is sent to https, cookies are Secure, HSTS is on,
and the client's address (not the proxy's) is what a lockout counts."""

import http.client
import os
import re
import subprocess
import sys
import urllib.parse

import pytest

HOST = "jixiao.example.org"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update(JIXIAO_VAR=str(var), JIXIAO_ENV="production", JIXIAO_ALLOWED_HOSTS=HOST, PYTHONUNBUFFERED="1")
    jixiao = [sys.executable, "-m", "jixiao.cli"]
    subprocess.run([*jixiao, "migrate", "-v0"], env=env, check=True)
    process = subprocess.Popen([*jixiao, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # printed once the socket listens
        port = int(re.search(r":(\d+)/", line).group(1))
        yield port, var
    finally:
        process.terminate()
        process.wait(timeout=30)


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}


def test_plain_http_is_sent_to_https(server):
    port, _ = server
    response = request(port, "GET", "/accounts/login/")
    assert response.status == 301 and response.getheader("Location") == f"https://{HOST}/accounts/login/"


def test_https_through_the_proxy_is_served_with_hsts_and_secure_cookies(server):
    port, _ = server
    response = request(port, "GET", "/accounts/login/", HTTPS)
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    cookie = response.getheader("Set-Cookie")
    assert cookie.startswith("csrftoken=") and "Secure" in cookie
    assert "default-src 'self'" in response.getheader("Content-Security-Policy-Report-Only")


def test_lockout_counts_the_clients_address_not_the_proxys(server):
    port, var = server
    page = request(port, "GET", "/accounts/login/", HTTPS)
    token = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    body = urllib.parse.urlencode({"username": "nobody", "password": "x", "csrfmiddlewaretoken": token})
    headers = {**HTTPS, "Cookie": f"csrftoken={token}", "Content-Type": "application/x-www-form-urlencoded",
               "Referer": f"https://{HOST}/accounts/login/", "Origin": f"https://{HOST}"}
    assert request(port, "POST", "/accounts/login/", headers, body).status == 200
    code = "from axes.models import AccessAttempt; print(list(AccessAttempt.objects.values_list('ip_address', flat=True)))"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    out = subprocess.run([sys.executable, "-m", "jixiao.cli", "shell", "-c", code], capture_output=True, text=True,
                         env={**env, "JIXIAO_VAR": str(var)}).stdout
    assert out.strip().splitlines()[-1] == "['203.0.113.5']"

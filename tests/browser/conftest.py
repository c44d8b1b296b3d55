import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """The shared cache is a database table that flushing between live-server tests leaves alone: each
    test starts without the last one's cached figures (charts, portal counts) and rate-limit counts."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from django.core.cache import cache

        cache.clear()


# Every wait is for a state, never for time; this is only how long a state may take to come. A loaded
# CI machine (load average above 10 on 2 cores was seen) renders a 20-row edit page in well over 15 s.
STATE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from playwright.sync_api import expect

    expect.set_options(timeout=STATE_TIMEOUT_MS)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(STATE_TIMEOUT_MS)
    yield page
    context.close()


def log_in(page, base_url, username, password):
    """Log in and wait until the page after the login form has loaded.

    Going on before that races the login: a ``goto`` cancels the pending POST (no session cookie),
    and typing into a page whose htmx has not started yet is lost."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_out(page):
    """Log out and wait for the login page: a ``goto`` before that could cancel the logout, and the
    login page sends a user who is still logged in away from the form."""
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")


def follow(page, selector, url):
    """Click a link to ``url`` and wait until that page has loaded: its scripts (htmx) must be
    listening before the test types, or the live updates it waits for never come."""
    page.click(selector)
    page.wait_for_url(url)


def finished_download(page, folder):
    """On a job's page: wait until it says 已完成, download its result into ``folder``, return the path."""
    from playwright.sync_api import expect

    expect(page.locator("#job-status")).to_have_text("已完成")
    with page.expect_download() as info:
        page.click("#job-download")
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path

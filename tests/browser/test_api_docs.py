"""In real Chromium: the API docs page draws every operation from the schema with nothing fetched
from outside the site and no Content-Security-Policy violation; a token made on 我的账户 works."""

import pytest

from .conftest import log_in


@pytest.fixture
def alice(transactional_db):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    user = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=user, role=Role.STAFF, unit=Unit.objects.get())
    return user


def test_docs_page_draws_every_operation_offline(page, live_server, alice):
    from playwright.sync_api import expect

    outside, problems = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url)
               else (outside.append(route.request.url), route.abort()))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".opblock")).to_have_count(13)
    expect(page.locator("#swagger-ui")).to_contain_text("/api/v1/tables/{table_id}/submit")
    assert outside == [] and problems == []

    page.goto(f"{live_server.url}/accounts/me/")
    page.fill("input[name=name]", "一体化平台")
    page.click("text=创建令牌")
    token = page.locator("code.token").inner_text()
    answer = page.request.get(f"{live_server.url}/api/v1/tables?year=2024", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200 and answer.json()["count"] == 12
    page.goto(f"{live_server.url}/accounts/me/")
    expect(page.locator("#token-list")).to_contain_text("一体化平台")
    expect(page.locator("body")).not_to_contain_text(token)

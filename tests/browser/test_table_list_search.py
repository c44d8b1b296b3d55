"""In real Chromium: search the list, sort by a column both ways, and find the same list again from
its address (a bookmark)."""

import pytest

from .conftest import log_in

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def alice(transactional_db):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    user = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=user, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    return user


def test_search_sort_and_bookmark(page, live_server, alice):
    from playwright.sync_api import expect

    from jixiao.web.targets.models import TargetTable

    base = live_server.url
    log_in(page, base, "alice", "alice-pw")
    page.goto(f"{base}/tables/")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(12)

    # An indicator's name finds its table.
    page.fill("#list-search", "宣传制品单价")
    page.press("#list-search", "Enter")
    page.wait_for_url("**/tables/?**q=**")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td.card-title")).to_have_text("信访事项经费")
    expect(page.locator("#total-count")).to_have_text("1")
    page.click("#clear-filters")
    expect(rows).to_have_count(12)

    # Sort by budget: ascending, then descending on a second click.
    budgets = sorted(TargetTable.objects.values_list("budget", flat=True))
    smallest = min(TargetTable.objects.all(), key=lambda t: t.budget).project.name
    largest = max(TargetTable.objects.all(), key=lambda t: t.budget).project.name
    budget_heading = page.locator("th.sortable", has=page.locator("a[data-sort=budget]"))
    page.click("a[data-sort=budget]")
    expect(budget_heading).to_have_attribute("aria-sort", "ascending")
    expect(rows.first.locator("td.card-title")).to_have_text(smallest)
    page.click("a[data-sort=budget]")
    expect(budget_heading).to_have_attribute("aria-sort", "descending")
    expect(rows.first.locator("td.card-title")).to_have_text(largest)
    assert budgets[0] < budgets[-1]

    # Search within the sorted list, then open the address again: same search, same order.
    page.fill("#list-search", "综合治理")
    page.press("#list-search", "Enter")
    page.wait_for_url("**q=**")
    expect(budget_heading).to_have_attribute("aria-sort", "descending")
    bookmark = page.url
    assert "sort=-budget" in bookmark
    page.goto(f"{base}/tables/")
    page.goto(bookmark)
    expect(page.locator("#list-search")).to_have_value("综合治理")
    expect(rows).to_have_count(12)
    expect(rows.first.locator("td.card-title")).to_have_text(largest)

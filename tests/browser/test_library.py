"""In real Chromium: drafting with the 指标库 (typing a name offers entries; choosing one fills the row and
keeps the entry's code; a similar project's indicator is added in one click), and the year-on-year page
of a demo project with its sample 2023."""

import pytest

from .conftest import log_in

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def demo(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.library.demo import load_demo
    from jixiao.web.targets import importer

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    load_demo()
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))


def test_typing_a_name_offers_entries_and_choosing_one_keeps_its_code(page, live_server, demo):
    from playwright.sync_api import expect

    from jixiao.web.targets.models import Indicator, TargetTable

    table = TargetTable.objects.get(project__name="法学会经费", year=2024)
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/tables/{table.pk}/edit/")
    page.click("#add-row")
    row = page.locator("#indicator-rows tbody tr.edit-row").last
    row.locator("input[name$='-name']").fill("宣传活动")
    offer = row.locator(".library-suggestions li").first
    expect(offer).to_contain_text("宣传活动次数")
    expect(offer).to_contain_text("反映年度内组织开展宣传活动")
    expect(offer).to_contain_text("典型值 ≥4次")
    offer.locator("button.use-entry").click()
    expect(row.locator("input[name$='-name']")).to_have_value("宣传活动次数")
    expect(row.locator("input[name$='-annual_target']")).to_have_value("≥4次")
    expect(row.locator("select[name$='-category']")).to_have_value("quantity")
    expect(row.locator(".library-suggestions li")).to_have_count(0)
    page.click("#save")
    page.wait_for_url(f"**/tables/{table.pk}/")
    added = Indicator.objects.get(table=table, name="宣传活动次数")
    assert (added.entry_code, added.entry_version, added.annual_text) == ("C-SL-0002", 1, "≥4次")


def test_similar_projects_indicator_added_in_one_click(page, live_server, demo):
    from playwright.sync_api import expect

    from jixiao.web.targets.models import Indicator, TargetTable

    table = TargetTable.objects.get(project__name="法学会经费", year=2024)
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/tables/{table.pk}/edit/")
    panel = page.locator("#similar-projects")
    item = panel.locator("li", has_text="宣传品质量达标率").first
    expect(item).to_contain_text("100%")
    rows_before = page.locator("#indicator-rows tbody tr.edit-row").count()
    item.locator("button.add-suggested").click()
    expect(page.locator("#indicator-rows tbody tr.edit-row")).to_have_count(rows_before + 1)
    expect(item).to_contain_text("已添加")
    page.click("#save")
    page.wait_for_url(f"**/tables/{table.pk}/")
    added = Indicator.objects.get(table=table, name="宣传品质量达标率")
    assert added.entry_code == "C-ZL-0003" and added.category == "quality"


def test_year_on_year_page_shows_two_years_with_changes(page, live_server, demo):
    from playwright.sync_api import expect

    from jixiao.web.targets.models import TargetTable

    table = TargetTable.objects.get(project__name="维稳专项经费（常）", year=2024)
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/tables/{table.pk}/")
    page.click("text=跨年度对比")
    expect(page.locator("h1")).to_contain_text("跨年度对比")
    years = page.locator("#years tbody tr")
    expect(years).to_have_count(2)
    expect(years.first).to_contain_text("示例数据")
    expect(years.first).to_contain_text("优")
    row = page.locator("#indicators tbody tr", has_text="维稳宣传活动次数")
    expect(row.locator("td.changed[data-year='2024']")).to_contain_text("提高")
    expect(row.locator("td[data-year='2023']").nth(1)).to_have_text("4次")
    page.click("#next-year")
    expect(page.locator(".messages")).to_contain_text("已新建2025年目标表")
    expect(page.locator("#years tbody tr")).to_have_count(3)

"""Keyboard only through the edit and evaluation forms (skip link first, every control reachable with
Tab, saving with Enter), and the 自评表 printed by Chromium: landscape A4, at most two pages, the grid's
header row repeated on each page."""

import pdfplumber
import pytest
from playwright.sync_api import expect

from .conftest import log_in

MAX_TABS = 400


@pytest.fixture
def xinfang(xinfang, approve, cast):
    """Approved (monitoring and evaluation are open), then reopened: the edit page is open too."""
    from jixiao.web.review import services

    services.new_version(approve(xinfang), cast.alice)
    return xinfang


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {id: e.id, name: e.getAttribute('name') || '', text: (e.textContent || '').trim(), tag: e.tagName}; }""")


def tab_to(page, wanted) -> int:
    """Press Tab until ``wanted(focused)`` holds; how many presses it took."""
    for n in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if wanted(focused(page)):
            return n
    raise AssertionError(f"not reached with {MAX_TABS} presses of Tab; focus is on {focused(page)}")


def start_from_skip_link(page):
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "跳到正文"
    expect(page.locator("a.skip-link")).to_be_visible()  # shown while it has focus
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_edit_form_by_keyboard_only(page, live_server, cast, xinfang):
    row = xinfang.indicators.get(name="上访人息诉罢访率")
    log_in(page, live_server.url, "alice", "pw-alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/edit/")
    expect(page.locator("#save")).to_be_visible()
    start_from_skip_link(page)
    position = row.position - 1
    tab_to(page, lambda f: f["name"] == f"ind-{position}-annual_target")
    page.keyboard.press("Control+A")
    page.keyboard.type("≥9O%")
    box = page.locator(f"#ind-{position}-row .explain-box").nth(1)
    expect(box).to_contain_text("请改为“≥90%”")  # flagged as typed, before saving
    expect(box.locator(".explain-finding.error")).to_be_visible()
    tab_to(page, lambda f: f["id"] == "save")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("#")[0].endswith(f"/tables/{xinfang.pk}/"))  # #main follows redirects
    expect(page.locator(".messages")).to_contain_text("已保存。")
    expect(page.locator("body")).to_contain_text("中有字母混作数字，请改为“≥90%”")


def test_evaluation_form_by_keyboard_only(page, live_server, cast, xinfang):
    first = xinfang.indicators.get(name="信访宣传活动次数")
    log_in(page, live_server.url, "alice", "pw-alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/evaluation/")
    expect(page.locator("#submit-evaluation")).to_be_visible()
    start_from_skip_link(page)
    tab_to(page, lambda f: f["name"] == "budget_full_year")
    page.keyboard.type("181000")
    tab_to(page, lambda f: f["name"] == "spent")
    page.keyboard.type("170000")
    tab_to(page, lambda f: f["name"] == f"actual-{first.pk}")
    page.keyboard.type("6次")
    expect(page.locator(f"#score-{first.pk}")).to_contain_text("/")  # scored live
    tab_to(page, lambda f: f["name"] == "save")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("保存")
    expect(page.locator(f"input[name=actual-{first.pk}]")).to_have_value("6次")


def test_the_self_evaluation_sheet_prints_landscape_on_two_pages_with_headers(page, live_server, cast, xinfang, tmp_path):
    log_in(page, live_server.url, "alice", "pw-alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/evaluation/sheet/")
    expect(page.locator("#self-evaluation-indicators")).to_be_visible()
    page.emulate_media(media="print")
    path = tmp_path / "sheet.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    with pdfplumber.open(path) as pdf:
        pages = [(p.width, p.height, p.extract_text() or "") for p in pdf.pages]
    assert 1 <= len(pages) <= 2
    for width, height, text in pages:
        assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
        assert "三级指标 年度指标值 实际完成值 分值 得分" in text  # the grid's header row on every page
    assert "项 目 支 出 绩 效 自 评 表" in pages[0][2] or "项目支出绩效自评表" in pages[0][2]
    assert "等级" in pages[-1][2]

"""In real Chromium at phone width (375 px) and at 1366×768: no page scrolls sideways, lists become
cards a name fits in, the target table stacks into one card per indicator, the monitoring and evaluation
forms stay short, print keeps the paper table and hides the controls."""

import pytest

from .conftest import STATE_TIMEOUT_MS, log_in

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 768}

OVERFLOW = """() => {
  const offenders = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > window.innerWidth + 1 && !el.closest('.scroll-x')) offenders.push(el.tagName + '.' + el.className);
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, offenders: offenders.slice(0, 5)};
}"""


def staff_pages(pk):
    return ["/tables/", f"/tables/{pk}/", f"/tables/{pk}/edit/", f"/tables/{pk}/history/", "/tables/upload/",
            "/review/", "/review/report/", "/monitoring/", f"/tables/{pk}/monitoring/", "/evaluations/",
            f"/tables/{pk}/evaluation/", f"/tables/{pk}/evaluation/sheet/"]


def reviewer_pages(pk):
    return ["/tables/", f"/tables/{pk}/", f"/tables/{pk}/history/", "/review/", "/review/queue/", "/review/report/",
            "/monitoring/", f"/tables/{pk}/monitoring/", "/evaluations/"]


@pytest.fixture
def xinfang(xinfang, approve, cast):
    """Approved once, then reopened as a new version: it has every page (edit, monitoring, evaluation)."""
    from jixiao.web.review import services

    services.new_version(approve(xinfang), cast.alice)
    return xinfang


@pytest.fixture
def at(browser, live_server):
    """``at(viewport, user)`` → a logged-in page of that size; contexts are closed afterwards."""
    contexts = []

    def open_page(viewport, username):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(STATE_TIMEOUT_MS)
        log_in(page, live_server.url, username, "pw-" + username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def assert_no_sideways_scroll(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= found["inner"], f"{path} scrolls sideways at {found['inner']} px: {found}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_pages_fit_the_width(at, live_server, xinfang, tmp_var, viewport):
    page = at(viewport, "alice")
    assert_no_sideways_scroll(page, live_server.url, staff_pages(xinfang.pk))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reviewer_pages_fit_the_width(at, live_server, xinfang, tmp_var, viewport):
    page = at(viewport, "rita")
    assert_no_sideways_scroll(page, live_server.url, reviewer_pages(xinfang.pk))


def test_phone_list_is_cards_and_the_official_table_stacks(at, live_server, xinfang, tmp_var):
    from playwright.sync_api import expect

    page = at(PHONE, "alice")
    base = live_server.url
    page.goto(f"{base}/tables/")
    name = page.locator("td.card-title a", has_text="信访事项经费")
    box = name.locator("xpath=..").bounding_box()
    assert box["width"] > 0.8 * PHONE["width"]  # the name gets the card's width, not a squeezed column
    line = name.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    assert name.bounding_box()["height"] < 1.5 * line  # 信访事项经费 on one line
    assert page.locator("td[data-label=年度预算（元）]").first.is_visible()

    page.goto(f"{base}/tables/{xinfang.pk}/")
    sheet = page.locator("article.sheet .scroll-x")
    assert sheet.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing hidden to the side, even inside
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card = page.locator("#target-table tr.indicator-row", has_text="信访宣传活动次数")
    name, annual = card.locator("td.name"), card.locator("td.target").nth(1)
    assert name.bounding_box()["width"] > 0.7 * PHONE["width"]  # the name across the card
    assert annual.evaluate("e => getComputedStyle(e, '::before').content") == '"当年度指标值"'
    expect(annual).to_contain_text("≥4次")

    page.goto(f"{base}/tables/{xinfang.pk}/edit/")
    row = page.locator("tr.edit-row").first
    target = row.locator("input.target-input").first
    assert target.bounding_box()["width"] > 0.6 * PHONE["width"]
    target.fill("≥97%")
    expect(row.locator(".explain-box").first).to_contain_text("≥ 97 %，越高越好")  # live check works on a phone
    for button in row.locator("button.icon").all():
        size = button.bounding_box()
        assert size["width"] >= 36 and size["height"] >= 36  # finger-sized


def test_phone_monitoring_and_evaluation_forms_stay_short(at, live_server, xinfang, tmp_var):
    from playwright.sync_api import expect

    page = at(PHONE, "alice")
    heights = {}
    for path in ("monitoring", "evaluation"):
        page.goto(f"{live_server.url}/tables/{xinfang.pk}/{path}/")
        heights[path] = page.evaluate("document.documentElement.scrollHeight")
    # 20 indicators: 13,845 px and 10,580 px when every field of every row was stacked.
    assert heights["monitoring"] < 7000 and heights["evaluation"] < 8000, heights
    # The deviation fields come back as soon as a light turns yellow or red.
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/monitoring/")
    row = page.locator("tr", has_text="信访宣传活动次数")
    cause = row.locator("select[name^=deviation_cause]")
    expect(cause).to_be_hidden()
    row.locator("input[name^=expected-]").fill("1")
    expect(row.locator(".light-red, .light-yellow")).to_be_visible()
    expect(cause).to_be_visible()
    expect(row.locator(".light-why")).to_be_visible()  # why the light is red, without hovering


def test_print_hides_navigation_and_buttons(at, live_server, xinfang, tmp_var):
    from playwright.sync_api import expect

    page = at(DESKTOP, "alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/")
    expect(page.locator("header.topbar")).to_be_visible()
    expect(page.locator("#edit-link")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.topbar")).to_be_hidden()
    expect(page.locator("#edit-link")).to_be_hidden()
    expect(page.locator("#target-table")).to_be_visible()
    assert page.evaluate("document.querySelector('article.sheet .scroll-x').scrollWidth"
                         " <= document.querySelector('article.sheet').clientWidth + 1")

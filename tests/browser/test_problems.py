"""In real Chromium: after a refused save the problem summary at the top has the focus, and each of
its links moves the focus to the row (and the control) the problem is about."""

import pytest

from .conftest import log_in


@pytest.fixture
def xinfang(xinfang, approve, cast):
    """Approved and reopened as a new version: editable, and open to monitoring and evaluation."""
    from jixiao.web.review import services

    services.new_version(approve(xinfang), cast.alice)
    return xinfang


def test_edit_errors_take_the_focus_and_lead_to_their_row(page, live_server, xinfang):
    from playwright.sync_api import expect

    log_in(page, live_server.url, "alice", "pw-alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/edit/")
    last = page.locator("tr.edit-row").nth(19)
    last.locator("input[name$='-name']").fill("")
    page.click("#save")
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("第 20 行指标的三级指标")
    expect(page.locator("#ind-19-row .field-error")).to_have_text("这个字段是必填项。")
    summary.locator("a[href='#ind-19-row']").click()
    expect(page.locator("#id_ind-19-name")).to_be_focused()


def test_evaluation_problems_lead_to_their_row_after_a_refused_submission(page, live_server, xinfang):
    from playwright.sync_api import expect

    count = xinfang.indicators.get(name="信访宣传活动次数").pk
    log_in(page, live_server.url, "alice", "pw-alice")
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/evaluation/")
    page.fill(f"input[name=actual-{count}]", "150人")
    page.click("#submit-evaluation")
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("已保存草稿，但还不能提交审核")
    expect(page.locator(f"#problems-row-{count}")).to_contain_text("信访宣传活动次数")
    summary.locator(f"a[href='#row-{count}']").first.click()
    expect(page.locator(f"input[name=actual-{count}]")).to_be_focused()
    page.goto(f"{live_server.url}/tables/{xinfang.pk}/evaluation/")  # opened again: the draft kept it
    expect(page.locator(f"input[name=actual-{count}]")).to_have_value("150人")

"""In real Chromium: unit submits → reviewer returns with a comment → unit fixes and resubmits →
reviewer approves → the table is locked.

Uses the demo's 信访事项经费, which has no review error and one warning (the cost arithmetic), so the
unit must write a 情况说明 before submitting. Set JIXIAO_SCREENSHOTS=DIR to keep screenshots.
"""

import os
from pathlib import Path

import pytest

from .conftest import follow, log_in, log_out

UNIT = "东莞市东坑镇综合治理办公室"
SHOTS = os.environ.get("JIXIAO_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def xinfang(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import TargetTable

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    return TargetTable.objects.get(project__name="信访事项经费")


def test_submit_return_resubmit_approve_lock(page, live_server, xinfang):
    from playwright.sync_api import expect

    base, table_url = live_server.url, f"{live_server.url}/tables/{xinfang.pk}/"
    quantity = xinfang.indicators.get(name="信访宣传制品数量")
    price = xinfang.indicators.get(name="信访宣传制品单价")  # where the cost arithmetic warning sits
    status = page.locator(".page-head .status")

    # The unit explains the warning and submits.
    log_in(page, base, "alice", "alice-pw")
    page.goto(table_url)
    expect(page.locator("li.finding.sev-warning")).to_have_count(1)
    expect(page.locator(f"tr[data-indicator='{price.pk}'] .fmark.sev-warning")).to_have_count(1)
    page.click("#submit-review")
    expect(page.locator(".messages")).to_contain_text("还有 1 个警告没有填写情况说明")
    expect(status).to_have_text("草稿")
    page.fill("textarea[name^='explain-']", "其余资金用于信访接待场所运行和来访群众接待。")
    page.click("#submit-review")
    expect(page.locator(".messages")).to_contain_text("已提交审核")
    expect(status).to_have_text("已提交")
    expect(page.locator("#edit-link")).to_have_count(0)
    log_out(page)

    # The reviewer finds it in the queue and returns it with a comment on one indicator.
    log_in(page, base, "rita", "rita-pw")
    expect(page.locator("#attention-badge")).to_have_text("1")
    page.click("text=审核队列")
    expect(page.locator("#queue tbody tr")).to_have_count(1)
    shot(page, "queue")
    page.click("#queue >> text=信访事项经费")
    expect(page.locator(".explanation")).to_contain_text("其余资金用于信访接待场所运行")
    shot(page, "table-with-findings")
    page.click("#return-table")
    expect(page.locator(".messages")).to_contain_text("退回时必须填写审核意见")
    expect(status).to_have_text("已提交")
    page.select_option("select[name=indicator]", str(quantity.pk))
    page.fill("#review-text", "宣传制品数量与预算差距较大，请核实后调整。")
    page.click("#return-table")
    expect(page.locator(".messages")).to_contain_text("已退回单位修改")
    expect(status).to_have_text("已退回")
    log_out(page)

    # The unit sees it needs attention, fixes the target and resubmits (the explanation is kept).
    log_in(page, base, "alice", "alice-pw")
    expect(page.locator("#attention-badge")).to_have_text("1")
    page.click("#nav-inbox")
    expect(page.locator("#notifications")).to_contain_text("宣传制品数量与预算差距较大")
    page.click("#todo >> text=信访事项经费")
    expect(page.locator("#comments")).to_contain_text("针对指标“信访宣传制品数量”")
    follow(page, "#edit-link", table_url + "edit/")
    row = page.locator("tr.edit-row").filter(has=page.locator(f"input[value='{quantity.name}']"))
    row.locator("input[name$='-period_target']").fill("35000份")
    row.locator("input[name$='-annual_target']").fill("35000份")
    page.click("#save")
    expect(page.locator(".messages")).to_contain_text("已保存")
    expect(page.locator(f"tr[data-indicator='{quantity.pk}']")).to_contain_text("35000份")
    expect(page.locator("textarea[name^='explain-']")).to_have_count(1)
    page.fill("textarea[name^='explain-']", "数量已按审核意见调整；其余资金用于信访接待场所运行。")
    page.click("#submit-review")
    expect(status).to_have_text("已提交")
    log_out(page)

    # The reviewer approves.
    log_in(page, base, "rita", "rita-pw")
    page.goto(table_url)
    expect(page.locator(f"tr[data-indicator='{quantity.pk}']")).to_contain_text("35000份")
    page.click("#approve-table")
    expect(page.locator(".messages")).to_contain_text("已审核通过")
    expect(status).to_have_text("已审核通过")
    log_out(page)

    # Locked for the unit: no edit, the edit page refused, a new version offered.
    log_in(page, base, "alice", "alice-pw")
    page.goto(table_url)
    expect(status).to_have_text("已审核通过")
    expect(page.locator("#edit-link")).to_have_count(0)
    expect(page.locator("#new-version")).to_be_visible()
    response = page.goto(table_url + "edit/")
    assert response.status == 403
    page.goto(table_url)
    page.click("text=审核通过第1版")
    expect(page.locator("#approved-version")).to_contain_text("35000份")
    shot(page, "approved-version")

    # The unit's review report shows the approved table among its drafts, and prints without the nav.
    page.click("text=审核报告")
    expect(page.locator("#by-table")).to_contain_text("已审核通过")
    expect(page.locator(".report")).to_contain_text("已审核通过 1 张，草稿 11 张")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    shot(page, "report-print")

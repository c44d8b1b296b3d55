"""In real Chromium: staff uploads the demo, edits a target, sees it and its history; a reviewer cannot edit."""

import re

import pytest

from jixiao.demo import DEMO_DOCUMENT

from .conftest import follow, log_in, log_out

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def people(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.web.accounts.models import Department, Profile, Role, Unit

    unit = Unit.objects.create(name=UNIT, department=Department.objects.create(name=UNIT))
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=unit)
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    return staff, reviewer


def test_staff_uploads_edits_and_sees_history_reviewer_cannot_edit(page, live_server, people):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "alice", "alice-pw")
    expect(page.locator("h1")).to_contain_text("项目绩效目标表")

    page.click("text=上传导入")
    page.set_input_files("input[name=document]", str(DEMO_DOCUMENT))
    page.click("text=读取并预览")
    expect(page.locator("#preview-summary")).to_contain_text("确认后将新增 12 张")
    page.click("#confirm")
    expect(page.locator(".messages")).to_contain_text("新增 12 张")
    expect(page.locator("#total-count")).to_have_text("12")

    page.click("text=信访事项经费")
    expect(page.locator("tr.indicator-row[data-indicator]")).to_have_count(20)
    first_name = page.locator("tr.indicator-row[data-indicator] td:nth-last-child(3)").first.inner_text()

    follow(page, "#edit-link", "**/edit/")
    target = page.locator("input[name='ind-0-annual_target']")
    target.fill("≥97%")
    expect(page.locator("tr.edit-row").first.locator("td[data-label=当年度指标值] .explain-box")).to_contain_text("≥ 97 %，越高越好")
    page.click("#save")
    expect(page.locator(".messages")).to_contain_text("已保存")
    expect(page.locator("tr.indicator-row[data-indicator]").first).to_contain_text("≥97%")

    page.click("text=修改记录")
    entry = page.locator("li.entry").filter(has_text=first_name).first
    expect(entry).to_contain_text("张三")
    expect(entry).to_contain_text("修改绩效指标")
    expect(entry.locator("td.after")).to_contain_text("≥97%")
    table_url = re.sub(r"history/$", "", page.url)

    log_out(page)
    log_in(page, base, "rita", "rita-pw")
    page.goto(table_url)
    expect(page.locator("tr.indicator-row[data-indicator]").first).to_contain_text("≥97%")
    expect(page.locator("#edit-link")).to_have_count(0)
    response = page.goto(table_url + "edit/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("无权操作")

"""In real Chromium: a submitted 绩效自评 of 信访事项经费 goes to the reviewer, who returns it with a
comment on one indicator; the unit fixes the value and resubmits; the reviewer approves; it is locked.

The unit's first submission (the full set of actuals of tests/web/test_evaluation_demo.py) is posted
through the same form view in the fixture; everything after it is clicked through.
"""

import re

import pytest

from .conftest import follow, log_in, log_out

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def submitted(transactional_db, tmp_var):
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.monitoring.models import SelfEvaluation
    from jixiao.web.review import services
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import TargetTable
    from web.test_evaluation_demo import form_data

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    table = TargetTable.objects.get(project__name="信访事项经费")
    TargetTable.objects.filter(pk=table.pk).update(status="submitted")
    services.approve(table, reviewer)  # monitoring and evaluation measure approved targets
    table.refresh_from_db()
    client = Client()
    client.force_login(staff)
    response = client.post(reverse("monitoring:evaluation", args=[table.pk]), {**form_data(table), "submit": "1"})
    assert response.status_code == 302
    return SelfEvaluation.objects.get(table=table)


def submit_while_a_preview_is_running(page, clear_field):
    """Click 提交审核 while htmx's live preview of the last keystroke is still on its way.

    Leaving the field fires another preview; htmx queues it behind the running one and sends it after
    the click, following the clicked button's ``formaction`` if it has one: a second submission of the
    form racing the first (under load one of them failed). The test holds the requests to make that
    order certain, then checks that the queued preview still goes to the preview."""
    held = {}

    def hold(route):
        request = route.request
        kind = "preview" if request.headers.get("hx-request") else "submission"
        if request.method == "POST" and kind not in held:
            held[kind] = route
        else:
            route.continue_()

    def is_preview(request):
        return request.method == "POST" and bool(request.headers.get("hx-request"))

    page.route(re.compile(r".*/evaluation/(preview/)?$"), hold)
    with page.expect_request(is_preview):
        page.fill(clear_field, "")
    with page.expect_request(lambda r: r.method == "POST" and not r.headers.get("hx-request")):
        page.click("#submit-evaluation", no_wait_after=True)
    with page.expect_request(is_preview) as queued:
        held["preview"].continue_()
    assert queued.value.url.endswith("/evaluation/preview/"), queued.value.url
    held["submission"].continue_()


def test_return_fix_resubmit_approve_lock(page, live_server, submitted):
    from playwright.sync_api import expect

    table = submitted.table
    base, sheet_url = live_server.url, f"{live_server.url}/tables/{table.pk}/evaluation/sheet/"
    price = table.indicators.get(name="信访宣传制品单价")
    status = page.locator(".page-head .status")

    # The reviewer finds the evaluation in the queue, labelled, and returns it with a comment.
    log_in(page, base, "rita", "rita-pw")
    expect(page.locator("#attention-badge")).to_have_text("1")
    page.click("text=审核队列")
    row = page.locator("#queue tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("绩效自评")
    expect(row).to_contain_text("总分 89.19（良）")
    row.locator("a").click()
    expect(page.locator(".sheet-title")).to_have_text("项目支出绩效自评表")
    expect(status).to_have_text("已提交")
    page.click("#return-subject")
    expect(page.locator(".messages")).to_contain_text("退回时必须填写审核意见")
    page.select_option("#review-decision select[name=indicator]", str(price.pk))
    page.fill("#review-text", "单价超出 1.25元/份 的上限，请核对采购发票。")
    page.click("#return-subject")
    expect(page.locator(".messages")).to_contain_text("已退回单位修改")
    expect(status).to_have_text("已退回")
    expect(page.locator("#review-decision")).to_have_count(0)
    log_out(page)

    # The unit sees the returned evaluation, reads the comment beside the form, fixes and resubmits.
    log_in(page, base, "alice", "alice-pw")
    expect(page.locator("#attention-badge")).to_have_text("1")  # the returned evaluation
    page.click("#nav-inbox")
    expect(page.locator("#notifications")).to_contain_text("单价超出 1.25元/份 的上限")
    page.click("#todo-reports >> text=信访事项经费")
    expect(status).to_have_text("已退回")
    follow(page, ".page-head >> text=填报", f"{base}/tables/{table.pk}/evaluation/")
    expect(page.locator("#comments")).to_contain_text("针对指标“信访宣传制品单价”")
    page.fill(f"input[name=actual-{price.pk}]", "1.25元/份")
    expect(page.locator(f"#score-{price.pk}")).to_contain_text("3.33 / 3.33")
    submit_while_a_preview_is_running(page, f"textarea[name=deviation_analysis-{price.pk}]")
    expect(page.locator(".messages")).to_contain_text("绩效自评已提交审核")
    expect(status).to_have_text("已提交")
    expect(page.locator("#total")).to_have_text("89.59")
    expect(page.locator(".page-head >> text=填报")).to_have_count(0)
    log_out(page)

    # The reviewer approves; the evaluation is locked for the unit.
    log_in(page, base, "rita", "rita-pw")
    page.goto(sheet_url)
    expect(page.locator(f"tr[data-indicator='{price.pk}']")).to_contain_text("1.25元/份")
    page.click("#approve-subject")
    expect(page.locator(".messages")).to_contain_text("已审核通过，绩效自评已锁定")
    expect(status).to_have_text("已审核通过")
    log_out(page)

    log_in(page, base, "alice", "alice-pw")
    page.goto(f"{base}/tables/{table.pk}/evaluation/")
    expect(page).to_have_url(sheet_url)  # read-only: the form sends you to the 自评表
    expect(status).to_have_text("已审核通过")
    expect(page.locator("#locked-reason")).to_contain_text("已审核通过，内容已锁定")
    expect(page.locator(".page-head >> text=填报")).to_have_count(0)
    page.goto(f"{base}/tables/{table.pk}/history/")
    expect(page.locator("#history")).to_contain_text("审核通过")
    expect(page.locator("#history")).to_contain_text("绩效自评：信访事项经费")

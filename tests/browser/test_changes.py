"""In real Chromium: the import preview lists what re-importing an older file would undo, and a
reviewer sees what changed between two submissions of a demo table."""

import pytest

from .conftest import log_in, log_out

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def cast(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    return staff, reviewer


def edit_on_the_page(page, base, table, row: int, target: str, *prefixes: str):
    """Change one indicator's 当年度指标值 (or the targets named by ``prefixes``) on the edit page and save."""
    from playwright.sync_api import expect

    page.goto(f"{base}/tables/{table.pk}/edit/")
    for prefix in prefixes or ("annual",):
        page.fill(f"[name='ind-{row}-{prefix}_target']", target)
    page.click("#save")
    page.wait_for_url(f"{base}/tables/{table.pk}/")
    expect(page.locator(".messages")).to_contain_text("已保存")


def test_reimport_preview_shows_the_web_edit_it_would_undo(page, live_server, cast):
    from playwright.sync_api import expect

    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.targets.models import TargetTable

    table = TargetTable.objects.get(project__name="维稳专项经费（常）")
    base = live_server.url
    log_in(page, base, "alice", "alice-pw")
    edit_on_the_page(page, base, table, 1, "≥6次")  # 维稳宣传活动次数 ≥4次 → ≥6次

    page.goto(f"{base}/tables/upload/")
    page.set_input_files("input[name=document]", str(DEMO_DOCUMENT))
    page.click("text=读取并预览")
    expect(page.locator("#preview-summary")).to_contain_text("更新 1 张，11 张与已保存的相同")
    expect(page.locator("#stale-warning")).to_contain_text("有 1 张表在网页上修改过")
    change = page.locator("tr.preview-diff tr.change-changed")
    expect(change).to_have_count(1)
    expect(change.locator("th")).to_have_text("数量指标／维稳宣传活动次数")
    expect(change.locator("td.before")).to_have_text("≥6次")
    expect(change.locator("td.after")).to_have_text("≥4次")
    page.click("#confirm")
    page.wait_for_url(f"{base}/tables/?year=2024")
    expect(page.locator(".messages")).to_contain_text("更新 1 张")
    table.refresh_from_db()
    assert table.indicators.get(name="维稳宣传活动次数").annual_text == "≥4次"


def test_reviewer_sees_the_changes_between_two_submissions(page, live_server, cast):
    from playwright.sync_api import expect

    from jixiao.web.review import services
    from jixiao.web.targets.models import TargetTable

    staff, reviewer = cast
    table = TargetTable.objects.get(project__name="信访事项经费")
    services.save_explanations(table, staff, {f.key: "其余资金用于信访接待。"
                                             for f in services.warnings_of(services.findings_of(table))})
    services.submit(table, staff)
    services.return_table(table, reviewer, "信访宣传制品数量偏少，请核实。", table.indicators.get(name="信访宣传制品数量"))

    base, table_url = live_server.url, f"{live_server.url}/tables/{table.pk}/"
    log_in(page, base, "alice", "alice-pw")
    edit_on_the_page(page, base, table, 4, "35000份", "period", "annual")  # 信访宣传制品数量 32000份 → 35000份
    expect(page.locator("#changes-heading")).to_have_text("上次提交以来的修改")
    page.fill("textarea[name^='explain-']", "其余资金用于信访接待。")  # the cost warning, whatever its numbers now
    page.click("#submit-review")
    expect(page.locator(".page-head .status")).to_have_text("已提交")
    log_out(page)

    log_in(page, base, "rita", "rita-pw")
    page.goto(table_url)
    expect(page.locator("#changes-heading")).to_have_text("与上一次提交相比的变化")
    changed = page.locator("#submission-changes tr.change-changed")
    expect(changed.locator("th")).to_have_text("数量指标／信访宣传制品数量")
    expect(changed.locator("td:nth-last-child(3)")).to_have_text(["实施周期指标值", "当年度指标值"])
    expect(changed.locator("td.before")).to_have_text(["32000份", "32000份"])
    expect(changed.locator("td.after")).to_have_text(["35000份", "35000份"])
    expect(page.locator("#comment-answers")).to_have_text("已回复 0 条，指标已修改 1 条，未回复 0 条")

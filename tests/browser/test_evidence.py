"""In real Chromium: the unit records a 宣传活动 with a photo, links 信访宣传活动次数 to such records,
and the self-evaluation takes the count from them, read-only, with the records one click away; the
reviewer records the 结果应用 of the approved self-evaluation and the next year's table shows it."""

import pytest
from PIL import Image

from .conftest import log_in, log_out

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def demo(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.review import services
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import TargetTable

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    table = TargetTable.objects.get(project__name="信访事项经费")
    TargetTable.objects.filter(pk=table.pk).update(status="submitted")
    table.refresh_from_db()
    services.approve(table, reviewer)
    return table


def photo(tmp_path):
    path = tmp_path / "宣传现场.jpg"
    Image.new("RGB", (16, 16), "blue").save(path, "JPEG")
    return path


def test_recorded_activity_becomes_the_actual(page, live_server, demo, tmp_path):
    from playwright.sync_api import expect

    from jixiao.web.evidence.models import Record

    indicator = demo.indicators.get(name="信访宣传活动次数")
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/evidence/indicators/{indicator.pk}/")
    page.select_option("#link-form select[name=kind]", "activity")
    page.fill("#link-form input[name=subtype]", "宣传活动")
    page.click("#link-form button[name=link]")
    expect(page.locator(".messages")).to_contain_text("实际完成值取“宣传活动”记录的记录条数")
    page.click("text=登记佐证记录")
    page.fill("input[name=day]", "2024-04-18")
    page.fill("input[name=title]", "信访条例进社区宣传")
    page.set_input_files("input[name=files]", str(photo(tmp_path)))
    page.click("#save-record")
    expect(page.locator("#attachments")).to_contain_text("宣传现场.jpg")
    assert Record.objects.get().subtype == "宣传活动"

    page.goto(f"{live_server.url}/tables/{demo.pk}/evaluation/")
    actual = page.locator(f"input[name='actual-{indicator.pk}']")
    expect(actual).to_have_value("1次")
    expect(actual).to_have_attribute("readonly", "")
    page.click(f"#row-{indicator.pk} a.evidence-link")
    expect(page.locator("#evidence-records tbody tr")).to_have_count(1)
    expect(page.locator("#evidence-records")).to_contain_text("信访条例进社区宣传")


def test_reviewer_decides_the_result_use_and_next_year_shows_it(page, live_server, demo):
    from playwright.sync_api import expect

    from jixiao.web.monitoring.models import SelfEvaluation
    from jixiao.web.targets.models import TargetTable

    SelfEvaluation.objects.create(table=demo, total="72.00", grade="中", status="approved")
    following = TargetTable.objects.create(project=demo.project, year=2025)
    log_in(page, live_server.url, "rita", "rita-pw")
    page.goto(f"{live_server.url}/tables/{demo.pk}/evaluation/sheet/")
    expect(page.locator("#mapped-use")).to_have_text("压缩或核减预算")
    page.click("#decide-use")
    page.check("input[name=decision][value=adjust]")
    page.select_option("select[name=consequence]", "保障")
    page.fill("textarea[name=reason]", "偏差由上级政策调整引起")
    page.click("#decide-form button[type=submit]")
    expect(page.locator("#decided-use")).to_contain_text("调整，保障")
    log_out(page)
    log_in(page, live_server.url, "alice", "alice-pw")
    page.goto(f"{live_server.url}/tables/{following.pk}/")
    expect(page.locator("#carried-use")).to_contain_text("等级 中")
    expect(page.locator("#carried-use")).to_contain_text("结果应用 保障（审核调整，理由：偏差由上级政策调整引起）")

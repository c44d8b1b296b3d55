"""In real Chromium: every chart of the 财政 overview, the unit overview and a project page draws
(a canvas inside each chart) from the vendored ECharts, offline, with no console error (a CSP refusal
of an inline style or script would be one)."""

import pytest

from .conftest import log_in

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture
def year(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.dashboards import lifecycle
    from jixiao.web.library.demo import add_sample_years
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import TargetTable

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    staff = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=staff, role=Role.STAFF, unit=Unit.objects.get(name=UNIT))
    reviewer = User.objects.create_user("rita", password="rita-pw", first_name="李四")
    Profile.objects.create(user=reviewer, role=Role.REVIEWER)
    tables = list(TargetTable.objects.filter(year=2024).select_related("project").order_by("pk"))
    add_sample_years(tables)
    lifecycle.play(tables, staff, reviewer)
    # A second unit, under the Sichuan rule set, with an overdue choice after a warning.
    unit_c = Unit.objects.create(name="演示单位丙（四川规则）", department=Unit.objects.get(name=UNIT).department)
    carl = User.objects.create_user("carl", password="carl-pw", first_name="王五")
    Profile.objects.create(user=carl, role=Role.STAFF, unit=unit_c)
    adam = User.objects.create_user("adam", password="adam-pw", is_staff=True, is_superuser=True)
    Profile.objects.create(user=adam, role=Role.ADMIN)
    source = TargetTable.objects.get(project__name="综合经费", year=2024)
    lifecycle.play_overdue_choice(source, carl, reviewer, adam)


def _errors(page) -> list[str]:
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _all_drawn(page, keys: list[str]) -> None:
    from playwright.sync_api import expect

    for key in keys:
        chart = page.locator(f"#{key}")
        expect(chart).to_have_attribute("data-drawn", "true")
        expect(chart.locator("canvas")).to_have_count(1)
        box = chart.locator("canvas").bounding_box()
        assert box["width"] > 200 and box["height"] > 200, key


def test_finance_unit_and_project_charts_draw(page, live_server, year):
    from playwright.sync_api import expect

    from jixiao.web.accounts.models import Unit
    from jixiao.web.targets.models import TargetTable

    errors = _errors(page)
    log_in(page, live_server.url, "rita", "rita-pw")
    page.goto(f"{live_server.url}/charts/")
    _all_drawn(page, ["execution-by-unit", "lights-by-unit", "status-funnel", "grade-distribution", "findings-by-rule",
                      "overdue-choices"])
    expect(page.locator("#status-funnel-summary")).to_have_text(
        "2024年共 13 张项目绩效目标表：草稿 3 张，已提交 1 张，已退回 1 张，已审核通过 8 张。")
    page.click("#lights-by-unit-title ~ details summary")
    expect(page.locator("#lights-by-unit-table tbody tr").first.locator("td")).to_have_text(["1", "4", "2", "0"])  # 红 黄 绿 未填报
    expect(page.locator("#overdue-choices-summary")).to_have_text(
        "2024年运行监控预警后逾期未选择处理方式的：1 个单位共 1 个项目（演示单位丙（四川规则） 1 个）。")
    # The bundled CJK font was fetched from the static files and is in use.
    assert page.evaluate("document.fonts.check('14px \"Jixiao CJK\"', '图表')")

    unit = Unit.objects.get(name=UNIT)
    page.goto(f"{live_server.url}/charts/units/{unit.pk}/")
    _all_drawn(page, ["unit-execution", "unit-lights", "unit-scores"])

    table = TargetTable.objects.get(project__name="维稳专项经费（常）", year=2024)
    page.goto(f"{live_server.url}/tables/{table.pk}/")
    page.click("#charts-link")
    page.wait_for_url(f"**/tables/{table.pk}/charts/")
    _all_drawn(page, ["project-execution", "project-indicators", "project-scores"])
    assert errors == []

"""In real Chromium: a red light must be explained before the monitoring report goes in; at year end
the actuals (prefilled from the monitoring) are scored as they are typed, and the 自评表 shows the result."""

import os

import pytest

from .conftest import follow, log_in


@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)

# 年终实际完成值 of 信访事项经费: every numeric target met except 疏导访前群众任务完成率, which keeps
# the monitoring forecast 40% (prefilled): 40 ÷ 80 × 3.33 = 1.665 → 1.67 instead of 3.33.
ACTUALS = {
    "访前法律咨询工作室": "1间", "信访宣传活动次数": "4次", "驻点信访维稳工作专班": "1个", "接返工作任务完成率": "100%",
    "信访宣传制品数量": "32000份", "信访宣传制品质量达标率": "100%", "驻点工作任务处理率": "100%",
    "上访人息诉罢访率": "90%", "信访宣传活动完成及时率": "100%", "提供访前法律咨询服务的及时率": "85%",
    "驻点任务完成及时率": "90%", "接返工作任务完成及时率": "90%", "预算执行率（%）": "100%",
    "信访宣传制品单价": "1.2元/份", "服务对象满意度": "80%",
}
QUALITATIVE = ["维护信访人合法权益", "引导群众依法上访", "促进信访法治建设", "维持合理的信访诉求秩序"]
# 总分 = 100 − 3.33 + 1.67 = 98.34 → 优 (budget 181000 of 181000 spent: 10 points)


def explain(page, name):
    """Fill 偏差原因, 原因说明, 纠偏措施, 完成可能性; ``name`` turns a field into its input name."""
    page.select_option(f"select[name={name('deviation_cause')}]", "staffing")
    page.fill(f"textarea[name={name('deviation_text')}]", "上半年专职人员调离，排查工作推迟。")
    page.fill(f"textarea[name={name('corrective_measure')}]", "8月起增配专职人员，每周通报进度。")
    page.select_option(f"select[name={name('likelihood')}]", "possible")


def test_red_light_explained_then_year_end_score(page, live_server, cast, xinfang, tmp_path):
    from playwright.sync_api import expect

    ids = {r.name: r.pk for r in xinfang.indicators.all()}
    late = ids["疏导访前群众任务完成率"]
    base = live_server.url
    log_in(page, base, "alice", "pw-alice")

    # 运行监控 at 31 July: 30000 of 181000 spent is 16.57 %, under a third of the time progress → red.
    page.goto(f"{base}/tables/{xinfang.pk}/")
    follow(page, "#monitoring-link", f"{base}/tables/{xinfang.pk}/monitoring/")
    expect(page.locator("input[type=date][name=cutoff]")).to_have_value("2024-07-31")
    page.fill("input[name=spent]", "30000")
    page.fill(f"input[name=expected-{late}]", "40%")
    expect(page.locator("#exec-light")).to_contain_text("红灯")  # live, before saving
    expect(page.locator(f"#light-{late}")).to_contain_text("红灯")
    page.click("#submit-report")
    expect(page.locator("#form-errors")).to_contain_text("「预算执行进度」为红灯或黄灯")
    expect(page.locator("#form-errors")).to_contain_text("「疏导访前群众任务完成率」为红灯或黄灯")
    explain(page, lambda f: f"{f}-{late}")
    page.click("#submit-report")
    # First the state only the new page can be in, then what must still hold there.
    expect(page.locator("#form-errors")).not_to_contain_text("疏导访前群众任务完成率")
    expect(page.locator("#form-errors")).to_contain_text("「预算执行进度」")
    explain(page, lambda f: f"execution_{f}")
    if os.environ.get("JIXIAO_SCREENSHOT_DIR"):
        page.screenshot(path=f"{os.environ['JIXIAO_SCREENSHOT_DIR']}/monitoring-report.png", full_page=True)
    page.click("#submit-report")
    expect(page.locator(".messages")).to_contain_text("运行监控已提交审核")

    page.click("text=运行监控 >> nth=0")
    expect(page.locator("#count-red")).to_have_text("1")
    expect(page.locator("#overview tbody tr").first).to_contain_text("信访事项经费")

    # 绩效自评: the forecast is prefilled, the rest typed; the score follows the typing.
    page.goto(f"{base}/tables/{xinfang.pk}/evaluation/")
    expect(page.locator(f"input[name=actual-{late}]")).to_have_value("40%")
    page.fill("input[name=spent]", "181000")
    for name, value in ACTUALS.items():
        page.fill(f"input[name=actual-{ids[name]}]", value)
    for name in QUALITATIVE:  # 达成 with full marks: 30 points shared by the four
        page.select_option(f"select[name=rating-{ids[name]}]", "met")
        page.fill(f"input[name=rating_score-{ids[name]}]", "7.5")
    expect(page.locator("#total")).to_have_text("98.34")
    expect(page.locator("#grade")).to_have_text("优")
    expect(page.locator(f"#score-{late}")).to_contain_text("1.67 / 3.33")
    page.click("#submit-evaluation")
    expect(page.locator("#form-errors")).to_contain_text("「疏导访前群众任务完成率」未得满分")
    page.fill(f"textarea[name=deviation_analysis-{late}]", "上半年专职人员调离，疏导工作完成一半；明年提前配齐人员。")
    page.click("#submit-evaluation")

    expect(page.locator(".sheet-title")).to_have_text("项目支出绩效自评表")
    expect(page.locator("#total")).to_have_text("98.34")
    expect(page.locator("#grade")).to_have_text("优")
    expect(page.locator(f"tr[data-indicator='{late}']")).to_contain_text("40 ÷ 80 × 3.33 = 1.67 分")
    shot = os.environ.get("JIXIAO_SCREENSHOT_DIR")
    page.screenshot(path=f"{shot or tmp_path}/self-evaluation-sheet.png", full_page=True)

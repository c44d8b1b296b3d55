"""In real Chromium: an administrator chooses the unit's 评分规则 on the settings page; the unit's
evaluator then sees scores by that rule set, named beside the total, and enters a deduction with
its reason, shown live beside the formula score."""

from decimal import Decimal as D

import pytest

from jixiao.web.monitoring.models import SelfEvaluation

from .conftest import follow, log_in, log_out

HUBEI = "湖北省项目支出绩效自评（湖北省 鄂财绩发〔2020〕3号，2020.1 版）"


@pytest.fixture
def xinfang(xinfang, approve):
    return approve(xinfang)


def test_administrator_chooses_the_rule_set_and_the_evaluator_deducts(page, live_server, cast, xinfang):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "adam", "pw-adam")
    follow(page, "nav >> text=评分规则", f"{base}/rules/")
    row = page.locator(f"#unit-{cast.unit_a.pk}")
    row.locator("select[name=rule_set]").select_option(label=HUBEI)
    row.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(f"已将用款单位：{cast.unit_a.name}的评分规则设为{HUBEI}")
    expect(page.locator("#rule-history")).to_contain_text(HUBEI)
    log_out(page)

    log_in(page, base, "alice", "pw-alice")
    page.goto(f"{base}/tables/{xinfang.pk}/evaluation/")
    expect(page.locator("#rules-label")).to_contain_text(f"评分规则：{HUBEI}")
    page.fill("input[name=budget_full_year]", "181000")
    page.fill("input[name=spent]", "171950")
    # 湖北: 预算执行 20 × 95 % = 19.00, nothing else entered yet.
    expect(page.locator("#total")).to_have_text("19.00")
    room = xinfang.indicators.get(name="访前法律咨询工作室").pk  # 1间 of 1间: 4.00 of 4.00 (80 ÷ 20 indicators)
    page.fill(f"input[name=actual-{room}]", "1间")
    expect(page.locator(f"#score-{room}")).to_contain_text("4.00 / 4.00")
    page.fill(f"input[name=given_score-{room}]", "3")
    expect(page.locator(f"#score-{room}")).to_contain_text("公式得分 4.00，扣减 1.00，扣分理由：（未填写）")
    page.fill(f"textarea[name=deduction_reason-{room}]", "服务台账不完整")
    expect(page.locator(f"#score-{room}")).to_contain_text("扣分理由：服务台账不完整")
    expect(page.locator("#total")).to_have_text("22.00")
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("已保存草稿")
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    entry = evaluation.entries.get(indicator_id=room)
    assert (evaluation.rules_name, evaluation.total) == ("hubei", D("22.00"))
    assert (entry.given_score, entry.deduction_reason) == (D("3.00"), "服务台账不完整")

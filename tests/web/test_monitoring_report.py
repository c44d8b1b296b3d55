"""运行监控 of 信访事项经费 at 31 July: lights computed by the core, red/yellow must be explained."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


EXPLAINED = {"deviation_cause": "staffing", "deviation_text": "上半年专职人员调离。",
             "corrective_measure": "8月起增配 1 名专职人员。", "likelihood": "possible"}


def rows(table):
    return {r.name: r.pk for r in table.indicators.all()}


def post(client, table, data, **extra):
    return client.post(reverse("monitoring:report", args=[table.pk]), {"cutoff": "2024-07-31", **data}, **extra)


def test_lights_at_31_july(client, cast, xinfang):
    client.force_login(cast.alice)
    ids = rows(xinfang)
    # 50000 ÷ 181000 = 27.62 %, time progress 7/12 = 58.33 %: ratio 47.36 % < 60 % → red
    response = post(client, xinfang, {
        "budget": "181000", "spent": "50000",
        f"expected-{ids['信访宣传活动次数']}": "3次",  # 3 ÷ 4 = 75 % → yellow
        f"expected-{ids['信访宣传制品单价']}": "1.25元/份",  # at the cap → green
        f"expected-{ids['疏导访前群众任务完成率']}": "40%",  # 40 ÷ 80 = 50 % → red
        f"expected_rating-{ids['引导群众依法上访']}": "partly",  # 部分达成 → yellow
        "save": "1",
    })
    assert response.status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    assert report.cutoff == date(2024, 7, 31) and report.status == "draft"
    assert (report.execution_light, report.worst_light, report.red_count, report.yellow_count) == ("red", "red", 1, 2)
    lights = {e.indicator.name: e.light for e in report.entries.select_related("indicator") if e.light}
    assert lights == {"信访宣传活动次数": "yellow", "信访宣传制品单价": "green", "疏导访前群众任务完成率": "red",
                      "引导群众依法上访": "yellow"}
    page = client.get(reverse("monitoring:report", args=[xinfang.pk]))
    assert "执行率 = 50000 ÷ 181000 = 27.62%，时间进度 58.33%，执行率 ÷ 时间进度 = 47.36%" in page.content.decode()


def problems(response) -> list[str]:
    return [p.message for p in response.context["problems"]]


def beside(response, anchor: str) -> str:
    """The text shown beside a row or field (its problems box)."""
    html = response.content.decode()
    start = html.index(f'id="problems-{anchor}"')
    return html[start:html.index("</div>", start)]


def test_red_and_yellow_must_be_explained_before_submission(client, cast, xinfang):
    client.force_login(cast.alice)
    ids = rows(xinfang)
    late = ids["疏导访前群众任务完成率"]
    data = {"budget": "181000", "spent": "50000", f"expected-{late}": "40%", "submit": "1"}
    response = post(client, xinfang, data)
    # Saved as a draft; what blocks submission is listed at the top, each beside its row.
    assert response.status_code == 200
    assert response.context["heading"].startswith("已保存草稿，但还不能提交审核")
    assert problems(response) == [
        "「预算执行进度」为红灯或黄灯，须填写偏差原因、原因说明、纠偏措施和完成目标可能性。",
        "「疏导访前群众任务完成率」为红灯或黄灯，须填写偏差原因、原因说明、纠偏措施和完成目标可能性。",
    ]
    html = response.content.decode()
    assert f'<a href="#row-{late}">「疏导访前群众任务完成率」为红灯或黄灯' in html
    assert "「疏导访前群众任务完成率」为红灯或黄灯" in beside(response, f"row-{late}")
    assert "「预算执行进度」为红灯或黄灯" in beside(response, "execution")
    report = MonitoringReport.objects.get(table=xinfang)
    assert report.status == "draft" and report.spent == D("50000")
    assert report.entries.get(indicator_id=late).expected == "40%"
    # The indicator explained, the budget not yet: still refused.
    data.update({f"{k}-{late}": v for k, v in EXPLAINED.items()})
    assert problems(post(client, xinfang, data)) == [
        "「预算执行进度」为红灯或黄灯，须填写偏差原因、原因说明、纠偏措施和完成目标可能性。"]
    data.update({f"execution_{k}": v for k, v in EXPLAINED.items()})
    assert post(client, xinfang, data).status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    assert report.status == "submitted" and report.execution_corrective_measure == "8月起增配 1 名专职人员。"
    # Submitted reports are locked.
    assert post(client, xinfang, {**data, "spent": "90000"}).status_code == 403
    assert MonitoringReport.objects.get(table=xinfang).spent == D("50000")


def test_green_report_submits_without_explanations(client, cast, xinfang):
    client.force_login(cast.alice)
    # 110000 ÷ 181000 = 60.77 % ≥ 58.33 % time progress → green
    assert post(client, xinfang, {"budget": "181000", "spent": "110000", "submit": "1"}).status_code == 302
    assert MonitoringReport.objects.get(table=xinfang).execution_light == "green"


@pytest.mark.parametrize("field, value, message", [
    ("spent", "五万", "执行数：「五万」不是非负数字"),
    ("budget", "0", "全年预算数：「0」不是大于 0 的数字"),
])
def test_bad_amounts_are_named_and_nothing_saved(client, cast, xinfang, field, value, message):
    client.force_login(cast.alice)
    response = post(client, xinfang, {"budget": "181000", "spent": "1", field: value, "save": "1"})
    assert response.status_code == 400
    assert problems(response) == [message]
    assert message in beside(response, field)
    assert f'name="{field}" id="{field}" aria-label="预算执行 {"全年预算数" if field == "budget" else "截至目前执行数"}" value="{value}"' \
        in response.content.decode()  # what was typed stays on the page
    assert not MonitoringReport.objects.exists()


def test_value_that_cannot_be_compared_is_saved_and_blocks_submission(client, cast, xinfang):
    client.force_login(cast.alice)
    ids = rows(xinfang)
    count = ids["信访宣传活动次数"]
    data = {"budget": "181000", "spent": "110000", f"expected-{count}": "4人", f"so_far-{count}": "2人"}
    assert post(client, xinfang, {**data, "save": "1"}).status_code == 302
    entry = MonitoringReport.objects.get(table=xinfang).entries.get(indicator_id=count)
    assert (entry.so_far, entry.expected, entry.light) == ("2人", "4人", "")
    page = client.get(reverse("monitoring:report", args=[xinfang.pk]) + "?cutoff=2024-07-31")
    [mismatch] = problems(page)
    assert "信访宣传活动次数" in mismatch and "单位" in mismatch
    assert mismatch in beside(page, f"row-{count}")
    response = post(client, xinfang, {**data, "submit": "1"})
    assert problems(response) == [mismatch]
    assert MonitoringReport.objects.get(table=xinfang).status == "draft"


def test_htmx_preview_returns_lights_without_saving(client, cast, xinfang):
    client.force_login(cast.alice)
    response = post(client, xinfang, {"budget": "181000", "spent": "50000"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="exec-light" hx-swap-oob="true"' in response.content.decode()
    assert "light-red" in response.content.decode()
    assert not MonitoringReport.objects.exists()


def test_a_shortfall_or_a_cap_exceeded_is_never_green(client, cast, xinfang):
    # 息诉罢访率 ≥90% expected at 81 %: 90 % of its points, still short of the target → yellow.
    # 单价 1.25元/份 is a cap: 1.5 scores 80 % by the linear rule, still over the cap → yellow.
    # Both must therefore be explained before the report can be submitted.
    client.force_login(cast.alice)
    ids = rows(xinfang)
    response = post(client, xinfang, {
        "budget": "181000", "spent": "110000",  # execution green
        f"expected-{ids['上访人息诉罢访率']}": "81%",
        f"expected-{ids['信访宣传制品单价']}": "1.5元/份",
        "submit": "1",
    })
    assert response.status_code == 200
    report = MonitoringReport.objects.get(table=xinfang)
    assert report.status == "draft"
    lights = {e.indicator.name: e.light for e in report.entries.select_related("indicator") if e.light}
    assert lights == {"上访人息诉罢访率": "yellow", "信访宣传制品单价": "yellow"}
    errors = problems(response)
    assert any("「上访人息诉罢访率」为红灯或黄灯" in e for e in errors)
    assert any("「信访宣传制品单价」为红灯或黄灯" in e for e in errors)
    assert "预计达不到指标值" in client.get(reverse("monitoring:report", args=[xinfang.pk])).content.decode()

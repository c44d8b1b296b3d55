"""运行监控 by the unit's rule set (四川, 川财绩〔2025〕10号): calendar checkpoints, the gap between
target completion and budget execution, the unit's choice (继续执行 / 调剂 / 取消) within 10 working
days, overdue choices shown to the reviewer and listed by `jixiao alerts`. Figures worked out by hand."""

from datetime import date

import pytest
from django.urls import reverse

from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.management.commands.alerts import alerts
from jixiao.web.monitoring.models import MonitoringReport
from jixiao.web.rules import choice

EXPLAINED = {"execution_deviation_cause": "staffing", "execution_deviation_text": "上半年专职人员调离。",
             "execution_corrective_measure": "7月起增配 1 名专职人员。", "execution_likelihood": "possible"}
WARNED = date(2024, 7, 5)  # a Friday; 10 working days later (weekends only in 2024): 2024-07-19
DEADLINE = "2024-07-19"
CHOICE_RULE = f"请于 {DEADLINE} 前（预警后 10 个工作日内）选择继续执行、调剂或取消"


@pytest.fixture
def xinfang(xinfang, approve, cast, monkeypatch):
    choice.choose(cast.unit_a, "sichuan", cast.adam, None)
    monkeypatch.setattr(scoring, "today", lambda: WARNED)
    return approve(xinfang)


def post(client, table, data):
    return client.post(reverse("monitoring:report", args=[table.pk]), {"cutoff": "2024-06-30", **data})


def so_far(table, name, value):
    return {f"so_far-{table.indicators.get(name=name).pk}": value}


def test_checkpoint_missed_and_gap_warn_and_the_unit_must_choose(client, cast, xinfang):
    client.force_login(cast.alice)
    # 54300 ÷ 181000 = 30.00 % by 30 June, below the 40 % due then: red, a warning.
    # 信访宣传活动次数 3次 of ≥4次 so far: completion 75 %; |75 − 30| = 45 points > 10: a warning.
    data = {"budget": "181000", "spent": "54300", **so_far(xinfang, "信访宣传活动次数", "3次"), **EXPLAINED}
    page = post(client, xinfang, {**data, "submit": "1"})
    html = page.content.decode()
    assert "截至 2024-06-30：执行率 30.00%，低于6月30日前应达到的 40%：红灯（预警）。" in html
    assert "绩效目标完成进度 75%，预算执行进度 30%，相差 45 个百分点，超过 10 个百分点，预警。" in html
    assert CHOICE_RULE in html
    assert f"已预警：{CHOICE_RULE}。" in [p.message for p in page.context["problems"]]
    report = MonitoringReport.objects.get(table=xinfang)
    assert (report.status, report.warned_on, report.unit_choice) == ("draft", WARNED, "")
    assert "相差 45 个百分点" in report.warning
    assert post(client, xinfang, {**data, "unit_choice": "调剂", "submit": "1",
                                  "version": str(report.version)}).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.unit_choice, report.warned_on) == ("submitted", "调剂", WARNED)
    assert report.chosen_at is not None


def test_on_schedule_and_within_the_gap_no_warning(client, cast, xinfang):
    client.force_login(cast.alice)
    # 90500 ÷ 181000 = 50 % ≥ 40 %: green. 上访人息诉罢访率 54% of ≥90%: completion 60 %; |60 − 50| = 10,
    # not more than 10 points: no warning.
    page = post(client, xinfang, {"budget": "181000", "spent": "90500",
                                  **so_far(xinfang, "上访人息诉罢访率", "54%"), "save": "1"})
    assert page.status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    assert (report.execution_light, report.warning, report.warned_on) == ("green", "", None)
    html = client.get(reverse("monitoring:report", args=[xinfang.pk]) + "?cutoff=2024-06-30").content.decode()
    assert "相差 10 个百分点，未超过 10 个百分点。" in html and CHOICE_RULE not in html


def test_an_unanswered_warning_is_overdue_after_10_working_days(client, cast, xinfang, monkeypatch):
    client.force_login(cast.alice)
    post(client, xinfang, {"budget": "181000", "spent": "54300", "save": "1"})
    client.force_login(cast.rita)
    overview = reverse("monitoring:overview") + f"?year=2024&unit={cast.unit_a.pk}"  # the unit's projects
    monkeypatch.setattr(scoring, "today", lambda: date(2024, 7, 19))  # the last day: not yet overdue
    assert f"预警，待选择处理方式（{DEADLINE} 前）" in client.get(overview).content.decode()
    monkeypatch.setattr(scoring, "today", lambda: date(2024, 7, 22))
    late = f"预警后逾期未选择处理方式（应于 {DEADLINE} 前选择）"
    assert late in client.get(overview).content.decode()
    page = client.get(reverse("monitoring:report", args=[xinfang.pk]) + "?cutoff=2024-06-30").content.decode()
    assert 'id="choice-overdue"' in page
    lines = alerts(2024, date(2024, 7, 22), 31)[cast.unit_a.name]
    assert any(line.startswith(f"逾期　信访事项经费：{late}（截至 2024-06-30；") for line in lines)
    assert not any(line.startswith("逾期　信访事项经费") for line in alerts(2024, date(2024, 7, 19), 31)[cast.unit_a.name])


def test_under_the_central_rule_set_a_red_light_is_not_a_warning(client, cast, xinfang):
    choice.choose(cast.unit_a, "", cast.adam, 1)
    client.force_login(cast.alice)
    assert post(client, xinfang, {"budget": "181000", "spent": "54300", "save": "1"}).status_code == 302
    report = MonitoringReport.objects.get(table=xinfang)
    # 30 % ÷ (6/12 = 50 %) = 60 %: not below 60 %, yellow by 财预〔2020〕10号's elapsed-share rule.
    assert (report.execution_light, report.warning) == ("yellow", "")
    assert 'name="unit_choice"' not in client.get(
        reverse("monitoring:report", args=[xinfang.pk]) + "?cutoff=2024-06-30").content.decode()


def test_rules_by_unit_asks_each_units_rule_set_once(cast, monkeypatch):
    from jixiao.web.targets.models import Project, TargetTable

    choice.choose(cast.unit_a, "sichuan", cast.adam, None)
    Project.objects.filter(pk__in=Project.objects.order_by("pk").values("pk")[:3]).update(unit=cast.unit_b)
    asked = []
    real = scoring.unit_rules
    monkeypatch.setattr(scoring, "unit_rules", lambda unit: asked.append(unit.pk) or real(unit))
    tables = list(TargetTable.objects.select_related("project__unit").order_by("pk"))
    rules = scoring.RulesByUnit()
    found = [rules.of_table(t) for t in tables]
    units = {t.project.unit_id for t in tables}
    assert len(units) > 1 and sorted(asked) == sorted(units)
    assert [r.name for r in found] == [real(t.project.unit).name for t in tables]
    assert len({r.name for r in found}) == 2  # 四川 for unit A, the default for unit B

"""The unit overview lists every project's lights, worst first; `jixiao alerts` lists red and overdue."""

from datetime import date
from decimal import Decimal as D
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport
from jixiao.web.targets.models import TargetTable


def report(table, spent, light, submitted=True, red_indicator=None):
    r = MonitoringReport.objects.create(table=table, cutoff=date(2024, 7, 31), budget=table.budget, spent=D(spent),
                                        execution_light=light, worst_light=light,
                                        status="submitted" if submitted else "draft")
    if red_indicator:
        MonitoringEntry.objects.create(report=r, indicator=table.indicators.get(name=red_indicator), light="red")
    return r


def test_overview_lists_all_projects_red_first(client, cast, xinfang):
    other = TargetTable.objects.exclude(pk=xinfang.pk).order_by("project__name").first()
    report(other, "1000", "green")
    report(xinfang, "1000", "red")
    client.force_login(cast.alice)
    response = client.get(reverse("monitoring:overview"), {"year": 2024})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 12
    assert [r["table"].project.name for r in rows[:2]] == ["信访事项经费", other.project.name]
    assert [(key, n) for key, _, n in response.context["totals"]] == [
        ("red", 1), ("yellow", 0), ("green", 1), ("unreported", 10)]
    assert "红灯 <strong id=\"count-red\">1</strong> 个，黄灯 <strong id=\"count-yellow\">0</strong> 个" in response.content.decode()


def test_alerts_lists_red_and_overdue_per_unit(cast, xinfang):
    others = list(TargetTable.objects.exclude(pk=xinfang.pk).order_by("project__name"))
    report(xinfang, "1000", "red", red_indicator="疏导访前群众任务完成率")
    report(others[0], "1000", "green", submitted=False)
    for t in others[1:]:
        report(t, "1000", "green")
    out = StringIO()
    call_command("alerts", "--year", "2024", "--today", "2024-09-15", stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0] == "东莞市东坑镇综合治理办公室（3 项）"
    assert "红灯　信访事项经费：预算执行进度（截至 2024-07-31）" in text
    assert "红灯　信访事项经费：疏导访前群众任务完成率（截至 2024-07-31）" in text
    assert f"逾期　{others[0].project.name}：截至 2024-07-31 的运行监控报告未提交（应于 2024-08-31 前提交）" in text
    # Before the due date nothing is overdue yet.
    out = StringIO()
    call_command("alerts", "--year", "2024", "--today", "2024-08-20", stdout=out)
    assert "逾期" not in out.getvalue() and "（2 项）" in out.getvalue()

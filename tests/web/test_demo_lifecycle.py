"""`jixiao setupdemo` plays a sample year on the demo tables through the workflow services, once."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from jixiao.web.audit.models import AuditEntry
from jixiao.web.dashboards import queries
from jixiao.web.dashboards.models import SampleHistory
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.review.models import ApprovedVersion, Comment, Kind, Notification, Step, Transition
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db


def test_setupdemo_plays_a_sample_year_once(tmp_var):
    out = StringIO()
    call_command("setupdemo", stdout=out)
    assert ("已生成示例审核流程（标明“示例数据”）：7 张已审核通过，1 张已提交，1 张已退回，3 张仍为草稿；"
            "运行监控报告 21 份，绩效自评 3 份") in out.getvalue()
    tables = TargetTable.objects.filter(year=2024, project__unit__name="东莞市东坑镇综合治理办公室")
    statuses = {t.project.name: t.status for t in tables.select_related("project")}
    # The three tables the review finds errors in cannot be submitted: they stay drafts.
    assert {n for n, s in statuses.items() if s == "draft"} == {
        "平安建设治理经费", "扫黑除恶专项斗争工作经费", "法院、检察院定额经费镇街承担部分"}
    assert statuses["信访事项经费"] == "returned" and statuses["综治中心绩效奖励"] == "submitted"
    assert SampleHistory.objects.filter(table__in=tables).count() == 12

    returned = tables.get(project__name="信访事项经费")
    comment = Comment.objects.get(table=returned, step=Step.RETURN)
    assert "满意度指标" in comment.text and "示例数据" in comment.text
    assert comment.author.username == "shenhe"
    assert Notification.objects.filter(recipient__username="danwei", step=Step.RETURN, table=returned).exists()
    # Every approval went through submit (by the unit) and approve (by the reviewer), with a kept version.
    approved = tables.filter(status="approved")
    for table in approved:
        steps = list(Transition.objects.filter(table=table, subject_kind=Kind.TABLE).order_by("pk").values_list("step", "user__username"))
        assert steps == [(Step.SUBMIT, "danwei"), (Step.APPROVE, "shenhe")]
        assert ApprovedVersion.objects.filter(table=table, subject_kind=Kind.TABLE).count() == 1
    assert AuditEntry.objects.filter(table_id__in=[t.pk for t in approved], source=Step.APPROVE.label).count() == 7 + 20 + 3  # tables, reports, evaluations

    reports = MonitoringReport.objects.filter(table__in=tables)
    assert sorted({str(r.cutoff) for r in reports}) == ["2024-03-31", "2024-05-31", "2024-07-31"]
    assert {r.table_id for r in reports} == {t.pk for t in approved}
    july = reports.filter(cutoff="2024-07-31")
    lights = sorted(r.execution_light for r in july)
    assert lights.count("red") >= 1 and lights.count("yellow") >= 1 and lights.count("green") >= 1
    assert july.filter(red_count__gt=0).exists()
    assert [r.status for r in july if r.status != "approved"] == ["submitted"]
    # Red and yellow lights carry their explanation (required to submit).
    for report in july.exclude(execution_light="green"):
        assert report.execution_deviation_text and report.execution_likelihood

    evaluations = SelfEvaluation.objects.filter(table__in=tables)
    assert evaluations.count() == 3
    assert all(e.status == "approved" and e.complete and e.grade for e in evaluations)
    assert len({e.grade for e in evaluations}) >= 2

    # The second demo unit follows the Sichuan rule set: its copy of 综合经费 was warned in August 2024 and
    # no choice was made, so the choice is overdue (the 财政 overview's chart and the digest list it).
    assert ("演示单位丙（四川规则）（四川省部门预算项目支出绩效自评（四川省 川财绩〔2025〕10号，2025.1 版））："
            "《综合经费》截至 2024-07-31 的运行监控预警后逾期未选择处理方式（示例数据）") in out.getvalue()
    [warned] = MonitoringReport.objects.filter(table__project__unit__name="演示单位丙（四川规则）")
    assert (warned.table.status, warned.cutoff, warned.unit_choice, str(warned.warned_on)) == (
        "approved", date(2024, 7, 31), "", "2024-08-02")
    assert SampleHistory.objects.filter(table=warned.table).exists()
    assert [o.project for o in queries.overdue_choices(TargetTable.objects.all())] == ["综合经费"]

    transitions = Transition.objects.count()
    second = StringIO()
    call_command("setupdemo", stdout=second)
    assert "示例审核流程" not in second.getvalue()
    assert Transition.objects.count() == transitions and reports.count() == 21

"""`jixiao alerts`: what is red or overdue in 运行监控, per unit (run from cron; prints, exits 0)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.management.base import CommandError
from django.db.models import OuterRef, Subquery

from jixiao.core.scoring import default_cutoff
from jixiao.core.scoring.config import LIGHT_LABELS, RED
from jixiao.web.management import JixiaoCommand
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport
from jixiao.web.targets.models import TargetTable


def alerts(year: int, today: date, grace_days: int) -> dict[str, list[str]]:
    """Unit name → alert lines, each by the unit's rule set: red lights and warnings (预警) of each
    project's latest report, a warning the unit has not answered within the rule set's working days,
    and reports not submitted ``grace_days`` after the rule set's cut-off (31 July)."""
    latest = MonitoringReport.objects.filter(table=OuterRef("pk")).order_by("-cutoff")
    tables = (TargetTable.objects.filter(year=year).select_related("project__unit")
              .annotate(report_id=Subquery(latest.values("id")[:1])).order_by("project__unit__name", "project__name"))
    tables = list(tables)
    reports = MonitoringReport.objects.in_bulk([t.report_id for t in tables if t.report_id])
    red = defaultdict(list)
    for e in (MonitoringEntry.objects.filter(report_id__in=list(reports), light=RED)
              .select_related("indicator").order_by("indicator__position")):
        red[e.report_id].append(e.indicator.name)
    out: dict[str, list[str]] = defaultdict(list)
    rules = scoring.RulesByUnit()
    for t in tables:
        unit_rules = rules.of_table(t)
        cutoff = default_cutoff(year, unit_rules.scoring)
        due = cutoff + timedelta(days=grace_days)
        r = reports.get(t.report_id)
        lines = out[t.project.unit.name]
        name = t.project.name
        if today > due and (r is None or r.cutoff < cutoff or r.is_editable):
            state = "未填报" if r is None or r.cutoff < cutoff else "未提交"
            lines.append(f"逾期　{name}：截至 {cutoff.isoformat()} 的运行监控报告{state}（应于 {due.isoformat()} 前提交）")
        if r is None:
            continue
        if r.execution_light == RED:
            lines.append(f"{LIGHT_LABELS[RED]}　{name}：预算执行进度（截至 {r.cutoff.isoformat()}）")
        for indicator in red[r.id]:
            lines.append(f"{LIGHT_LABELS[RED]}　{name}：{indicator}（截至 {r.cutoff.isoformat()}）")
        if r.warning:
            overdue = scoring.choice_overdue(r, unit_rules, today)
            lines.append(f"{'逾期' if overdue else '预警'}　{name}：{scoring.warning_state(r, unit_rules, today)}"
                         f"（截至 {r.cutoff.isoformat()}；{r.warning.replace(chr(10), '；')}）")
    return {unit: lines for unit, lines in out.items() if lines}


class Command(JixiaoCommand):
    help = "列出各用款单位运行监控中的红灯项和逾期未提交的监控报告（供定时任务调用）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="预算年度（默认：今年）")
        parser.add_argument("--today", help="以此日期判断是否逾期，YYYY-MM-DD（默认：今天）")
        parser.add_argument("--grace-days", type=int, default=31, help="截止日期后多少天内须提交（默认 31 天）")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else date.today()
        except ValueError:
            raise CommandError(f"--today：「{options['today']}」不是 YYYY-MM-DD 格式的日期") from None
        year = options["year"] or today.year
        found = alerts(year, today, options["grace_days"])
        if not found:
            self.stdout.write(f"{year}年运行监控：没有红灯或逾期项。")
            return
        for unit, lines in found.items():
            self.stdout.write(f"{unit}（{len(lines)} 项）")
            for line in lines:
                self.stdout.write(f"  {line}")

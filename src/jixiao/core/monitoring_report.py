"""The 项目绩效运行监控表 of one table at a cut-off date as a printable report (.xlsx / .pdf).

Built from a report's JSON form — what the 运行监控 page shows and what an approved copy keeps:
``{"project", "department", "unit", "year", "cutoff" (ISO date), "time_progress", "budget", "spent"
(decimal strings), "execution": {"light", "explanation", "deviation_cause", "deviation_text",
"corrective_measure", "likelihood"}, "lines": [{"level2", "name", "target", "so_far", "expected",
"light", "light_explanation", "deviation_cause", "deviation_text", "corrective_measure",
"likelihood"}]}``; lights are ``red`` / ``yellow`` / ``green`` / ``""``.
"""

from __future__ import annotations

from datetime import date

from jixiao.core.numbers import parse_decimal, percent
from jixiao.core.report_layout import PERCENT, YUAN, Report, ReportTable, Section
from jixiao.core.scoring import LIGHT_LABELS

EXPLANATION_HEADERS = ("偏差原因", "原因说明", "纠偏措施", "完成目标可能性")
EXPLANATION_KEYS = ("deviation_cause", "deviation_text", "corrective_measure", "likelihood")


def _light(color: str, why: str) -> str:
    """The light and why it is that colour; no reason for a light not judged yet (未填报)."""
    label = LIGHT_LABELS.get(color or None, "")
    return f"{label}：{why}" if why and color else label


def _explanation(d: dict) -> tuple[str, ...]:
    return tuple(d.get(k) or "" for k in EXPLANATION_KEYS)


def _cutoff(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def monitoring_report(data: dict) -> Report:
    budget, spent = parse_decimal(data.get("budget")), parse_decimal(data.get("spent"))
    rate = spent / budget if budget and spent is not None else None
    execution = data.get("execution") or {}
    funds = ReportTable(("全年预算数（元）", "截至目前执行数（元）", "执行率", "执行灯", *EXPLANATION_HEADERS),
                        (14, 14, 9, 30, 10, 24, 24, 10), formats={0: YUAN, 1: YUAN, 2: PERCENT})
    funds.rows.append((budget, spent, rate, _light(execution.get("light", ""), execution.get("explanation", "")),
                       *_explanation(execution)))
    lines = ReportTable(("二级指标", "三级指标", "年度指标值", "截至目前完成值", "全年预计完成值", "指标灯",
                         *EXPLANATION_HEADERS), (12, 20, 11, 11, 11, 26, 9, 20, 20, 9))
    for line in data.get("lines", []):
        lines.rows.append((line.get("level2", ""), line.get("name", ""), line.get("target", ""),
                           line.get("so_far", ""), line.get("expected", ""),
                           _light(line.get("light", ""), line.get("light_explanation", "")), *_explanation(line)))
    progress = parse_decimal(data.get("time_progress"))
    return Report(
        title=f"{data.get('year') or ''}年度项目绩效运行监控表",
        unit=data.get("unit", ""),
        year=data.get("year"),
        facts=[
            ("项目名称", data.get("project", "")), ("主管部门", data.get("department", "")),
            ("实施单位", data.get("unit", "")), ("监控截止日期", _cutoff(data["cutoff"])),
            ("时间进度", "" if progress is None else percent(progress)),
        ],
        sections=[Section("预算执行情况", table=funds), Section("绩效目标实现情况", table=lines)],
    )

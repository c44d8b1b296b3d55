"""Charts from the numbers of ``queries``: each an ECharts option, the table beside it and a sentence.

The option, the table and the summary are built from the same values here, so what is drawn is what
is listed. Options are plain JSON (no functions): ``static/dashboards/charts.js`` only adds the font
and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from jixiao.core.numbers import grouped
from jixiao.core.units import convert_amount
from jixiao.web.dashboards import queries
from jixiao.web.dashboards.queries import light_label

COLORS = {"red": "#c0392b", "yellow": "#e0a800", "green": "#2e8b57", "": "#9aa0a6"}
BLUE, GREY, DARK = "#3b6ea8", "#9aa0a6", "#333333"
STATUS_COLORS = (GREY, BLUE, COLORS["yellow"], COLORS["green"])  # 草稿, 已提交, 已退回, 已审核通过
CENT = Decimal("0.01")
UNITS_SHOWN = 30  # units drawn in a chart of every unit; the rest are counted in a note
UNIT_PROJECTS_SHOWN = 50  # projects drawn in a chart of one unit
NAMES_SHOWN = 10  # names a summary sentence lists before "等"


@dataclass
class Chart:
    key: str  # the element id
    title: str
    summary: str  # one sentence saying what the chart shows (also its accessible description)
    columns: list[str]
    rows: list[list[str]]
    option: dict | None = None  # None: nothing to draw (the summary says why)
    notes: list[str] = field(default_factory=list)

    @property
    def data_id(self) -> str:
        return f"{self.key}-data"


def wan(yuan: Decimal) -> Decimal:
    """Yuan in 万元, two decimals."""
    return convert_amount(yuan, "元", "万元").quantize(CENT, ROUND_HALF_UP)


def pct(share: Decimal | None) -> Decimal | None:
    """A share as a percentage, one decimal: 0.53123 → 53.1."""
    return None if share is None else (share * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def show(value: Decimal | None, suffix: str = "") -> str:
    return "—" if value is None else f"{grouped(value)}{suffix}"


def day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _shown(rows: list, key, criterion: str, what: str = "单位", limit: int | None = None) -> tuple[list, list[str]]:
    """The first ``limit`` (UNITS_SHOWN) rows by ``key`` (kept in their own order) and a note on the rest."""
    limit = limit or UNITS_SHOWN
    if len(rows) <= limit:
        return rows, []
    chosen = {id(r) for r in sorted(rows, key=key)[:limit]}
    note = (f"共 {len(rows)} 个{what}，图和数据表只列出{criterion}的 {limit} 个，其余 {len(rows) - limit} 个{what}未列出"
            + ("（可在各单位的图表中查看）。" if what == "单位" else "。"))
    return [r for r in rows if id(r) in chosen], [note]


def _names(names: list[str], counted: bool = True) -> str:
    """Names joined with 、, the first NAMES_SHOWN of them and 等 (N 个) when there are more."""
    if len(names) <= NAMES_SHOWN:
        return "、".join(names)
    return f"{'、'.join(names[:NAMES_SHOWN])}等" + (f" {len(names)} 个" if counted else "")


def _axis_bars(names: list[str], series: list[dict], y_name: str = "", extra_axis: dict | None = None,
               horizontal: bool = False) -> dict:
    category = {"type": "category", "data": names,
                "axisLabel": {"interval": 0, "width": 160 if horizontal else 110, "overflow": "truncate"}}
    value = {"type": "value", "name": y_name}
    axes = {"yAxis": category, "xAxis": value} if horizontal else {"xAxis": category, "yAxis": value}
    if extra_axis:
        axes["yAxis"] = [axes["yAxis"], extra_axis]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 48, "bottom": 8, "top": 40, "containLabel": True},
        **axes,
        "series": series,
    }


def _time_line(progress: Decimal | None) -> dict:
    if progress is None:
        return {}
    return {"markLine": {"symbol": "none", "lineStyle": {"color": DARK, "type": "dashed"},
                         "label": {"formatter": f"时间进度 {pct(progress)}%", "position": "insideEndTop"},
                         "data": [{"yAxis": num(pct(progress))}]}}


# --- 财政 overview -------------------------------------------------------------------------------

def execution_by_unit(tables, year: int, counted=None) -> Chart:
    data = queries.execution_by_unit(tables, year, counted)
    shown, notes = _shown(data.rows, lambda r: (-r.budget, r.unit), "年度预算最多")
    names = [r.unit for r in shown]
    rows = [[r.unit, str(r.projects), show(wan(r.budget)), show(wan(r.spent)), show(pct(r.rate), "%")] for r in shown]
    columns = ["用款单位", "已审核通过项目数", "年度预算（万元）", "截至目前执行数（万元）", "预算执行率"]
    if not data.rows:
        return Chart("execution-by-unit", "各单位预算执行", f"{year}年还没有审核通过的项目绩效目标表。", columns, rows)
    behind = [r.unit for r in data.rows if r.rate is not None and data.time_progress and r.rate < data.time_progress]
    when = f"截至{day(data.cutoff)}（时间进度 {pct(data.time_progress)}%）" if data.cutoff else "尚无运行监控报告"
    summary = (f"{year}年{len(data.rows)}个单位的已审核通过项目，{when}；"
               + (f"执行率低于时间进度的单位：{_names(behind)}。" if behind else "各单位执行率均不低于时间进度。"))
    option = _axis_bars(names, [
        {"name": "年度预算（万元）", "type": "bar", "data": [num(wan(r.budget)) for r in shown], "color": GREY},
        {"name": "截至目前执行数（万元）", "type": "bar", "data": [num(wan(r.spent)) for r in shown], "color": BLUE},
        {"name": "预算执行率（%）", "type": "scatter", "yAxisIndex": 1, "symbol": "diamond", "symbolSize": 14,
         "data": [num(pct(r.rate)) for r in shown], "color": COLORS["red"],
         "label": {"show": True, "position": "right", "formatter": "{c}%"}, **_time_line(data.time_progress)},
    ], "万元", {"type": "value", "name": "%", "max": 100, "splitLine": {"show": False}})
    return Chart("execution-by-unit", "各单位预算执行", summary, columns, rows, option, notes)


def lights_by_unit(tables, year: int, counted=None) -> Chart:
    data = queries.lights_by_unit(tables, year, counted)
    lights = queries.LIGHT_ORDER
    shown, notes = _shown(data, lambda u: (*(-u.count(c) for c in lights if c), u.unit), "红灯、黄灯项目最多")
    columns = ["用款单位", *(light_label(c) for c in lights)]
    rows = [[u.unit, *(str(u.count(c)) for c in lights)] for u in shown]
    if not data:
        return Chart("lights-by-unit", "各单位运行监控红黄绿灯", f"{year}年还没有审核通过的项目。", columns, rows)
    totals = {c: sum(u.count(c) for u in data) for c in lights}
    summary = (f"{year}年已审核通过的项目按最新一期运行监控：红灯 {totals['red']} 个、黄灯 {totals['yellow']} 个、"
               f"绿灯 {totals['green']} 个、{light_label('')} {totals['']} 个。")
    series = [{"name": light_label(c), "type": "bar", "stack": "lights", "color": COLORS[c],
               "data": [u.count(c) for u in shown]} for c in lights]
    option = _axis_bars([u.unit for u in shown], series, "项目数")
    return Chart("lights-by-unit", "各单位运行监控红黄绿灯", summary, columns, rows, option, notes)


def status_funnel(tables, year: int) -> Chart:
    data = queries.status_counts(tables, year)
    total = sum(n for _, n in data)
    columns, rows = ["审核状态", "目标表数"], [[label, str(n)] for label, n in data]
    summary = f"{year}年共 {total} 张项目绩效目标表：" + "，".join(f"{label} {n} 张" for label, n in data) + "。"
    option = {
        "tooltip": {"trigger": "item"},
        "series": [{"type": "funnel", "sort": "none", "gap": 2, "left": "10%", "width": "80%", "minSize": "8%",
                    "label": {"position": "inside", "formatter": "{b}：{c} 张"},
                    "data": [{"name": label, "value": n, "itemStyle": {"color": color}}
                             for (label, n), color in zip(data, STATUS_COLORS)]}],
    }
    return Chart("status-funnel", "审核进度（草稿 → 已提交 → 已退回 → 已审核通过）", summary, columns, rows,
                 option if total else None)


def grade_distribution(tables, year: int) -> Chart:
    data = queries.grade_counts(tables, year)
    total = sum(n for _, n in data)
    columns, rows = ["自评等级", "项目数"], [[g, str(n)] for g, n in data]
    if not total:
        return Chart("grade-distribution", "绩效自评等级分布", f"{year}年还没有审核通过的绩效自评。", columns, rows)
    summary = f"{year}年审核通过的绩效自评 {total} 份：" + "，".join(f"{g} {n} 份" for g, n in data) + "。"
    option = _axis_bars([g for g, _ in data], [{"name": "项目数", "type": "bar", "color": BLUE,
                                                "label": {"show": True, "position": "top"},
                                                "data": [n for _, n in data]}], "项目数")
    return Chart("grade-distribution", "绩效自评等级分布", summary, columns, rows, option)


def findings_by_rule(tables, year: int) -> Chart:
    found = queries.findings_by_rule(tables, year)
    data = found.rows
    columns, rows = ["审核规则", "发现次数"], [[title, str(n)] for title, n in data]
    if not data:
        return Chart("findings-by-rule", "最常见的审核发现", f"{year}年的目标表没有审核发现。", columns, rows)
    summary = f"{year}年目标表中最常见的审核发现是“{data[0][0]}”（{data[0][1]} 次），下表列出前 {len(data)} 条规则。"
    ordered = list(reversed(data))  # the most frequent at the top of a horizontal bar chart
    option = _axis_bars([t for t, _ in ordered], [{"name": "发现次数", "type": "bar", "color": COLORS["yellow"],
                                                   "label": {"show": True, "position": "right"},
                                                   "data": [n for _, n in ordered]}], "次", horizontal=True)
    option["legend"] = {"show": False}
    option["grid"]["top"] = 16
    notes = [f"另有 {found.left_out} 张未审核通过的目标表未计入（只统计最近修改的 {queries.LIVE_REVIEW_LIMIT} 张）。"
             ] if found.left_out else []
    return Chart("findings-by-rule", "最常见的审核发现", summary, columns, rows, option, notes)


PROJECTS_SHOWN = 10  # overdue projects named in one unit's row


def overdue_choices(tables, year: int, today=None) -> Chart:
    tables = tables.filter(year=year)
    found = queries.overdue(tables, today)
    counts = found.counts()
    total = sum(n for _, n in counts)
    shown, notes = _shown(counts, lambda c: (-c[1], c[0]), "逾期项目最多")
    listed: dict[str, list[queries.OverdueChoice]] = {unit: [] for unit, _ in shown}
    for o in found.choices(units=list(listed), per_unit=PROJECTS_SHOWN) if shown else []:
        listed[o.unit].append(o)
    title = "逾期未作选择的单位"
    columns = ["用款单位", "逾期项目数", "项目（运行监控截止日期；应选择处理方式的最后一天）"]
    rows = [[unit, str(n), "；".join(f"{o.project}（截至{day(o.cutoff)}；{day(o.deadline)}）" for o in listed[unit])
             + (f"；等 {n} 个" if n > len(listed[unit]) else "")] for unit, n in shown]
    if not total:
        return Chart("overdue-choices", title, f"{year}年没有运行监控预警后逾期未选择处理方式的项目。", columns, rows)
    summary = (f"{year}年运行监控预警后逾期未选择处理方式的：{len(counts)} 个单位共 {total} 个项目（"
               + "，".join(f"{unit} {n} 个" for unit, n in counts[:NAMES_SHOWN])
               + (f"等 {len(counts)} 个单位" if len(counts) > NAMES_SHOWN else "") + "）。")
    ordered = list(reversed(shown))  # the first unit at the top of a horizontal bar chart
    option = _axis_bars([u for u, _ in ordered], [{"name": "逾期项目数", "type": "bar", "color": COLORS["red"],
                                                   "barMaxWidth": 32, "label": {"show": True, "position": "right"},
                                                   "data": [n for _, n in ordered]}],
                        "项目数", horizontal=True)
    option["legend"] = {"show": False}
    option["grid"]["top"] = 16
    option["xAxis"]["minInterval"] = 1
    return Chart("overdue-choices", title, summary, columns, rows, option, notes)


def finance(tables, year: int) -> list[Chart]:
    counted = queries.count_by_unit(tables, year)  # shared by the first two charts
    return [execution_by_unit(tables, year, counted), lights_by_unit(tables, year, counted), status_funnel(tables, year),
            grade_distribution(tables, year), findings_by_rule(tables, year), overdue_choices(tables, year)]


# --- Unit overview -------------------------------------------------------------------------------

def project_execution(tables, year: int) -> tuple[Chart, Chart]:
    cutoff, progress, every = queries.project_execution(tables, year)
    data, notes = _shown(every, lambda r: (r.rate is None, r.rate or 0, r.project), "预算执行率最低", "项目",
                         UNIT_PROJECTS_SHOWN)
    columns = ["项目名称", "年度预算（万元）", "截至目前执行数（万元）", "预算执行率", "监控灯"]
    rows = [[r.project, show(wan(r.budget)) if r.budget is not None else "—",
             show(wan(r.spent)) if r.spent is not None else "—", show(pct(r.rate), "%"), light_label(r.light)]
            for r in data]
    light_rows = queries.light_counts(every)
    light_chart = Chart("unit-lights", "运行监控红黄绿灯", "", ["监控灯", "项目数"],
                        [[light_label(c), str(n)] for c, n in light_rows])
    if not data:
        empty = f"{year}年还没有审核通过的项目。"
        light_chart.summary = empty
        return Chart("unit-execution", "各项目预算执行与时间进度", empty, columns, rows), light_chart
    behind = [r.project for r in every if r.rate is not None and progress and r.rate < progress]
    when = f"截至{day(cutoff)}时间进度 {pct(progress)}%" if cutoff else "尚无运行监控报告"
    summary = f"{len(every)}个已审核通过的项目，{when}；" + (
        f"执行率低于时间进度的有 {len(behind)} 个：{_names(behind, counted=False)}。" if behind else "执行率均不低于时间进度。")
    option = _axis_bars([r.project for r in data], [
        {"name": "预算执行率（%）", "type": "bar", "data": [
            {"value": num(pct(r.rate)), "itemStyle": {"color": COLORS[r.light]}} for r in data],
         "label": {"show": True, "position": "right", "formatter": "{c}%"}, **_time_line(progress)},
    ], "%", horizontal=True)
    if progress is not None:
        option["series"][0]["markLine"]["data"] = [{"xAxis": num(pct(progress))}]
    option["legend"] = {"show": False}
    execution = Chart("unit-execution", "各项目预算执行与时间进度", summary, columns, rows, option, notes)
    light_chart.summary = "已审核通过的项目按最新一期运行监控：" + "，".join(
        f"{light_label(c)} {n} 个" for c, n in light_rows) + "。"
    light_chart.option = {
        "tooltip": {"trigger": "item"},
        "legend": {"top": 0},
        "series": [{"type": "pie", "radius": ["35%", "65%"], "top": 24, "label": {"formatter": "{b}：{c} 个"},
                    "data": [{"name": light_label(c), "value": n, "itemStyle": {"color": COLORS[c]}}
                             for c, n in light_rows if n]}],
    }
    return execution, light_chart


def scores_by_year(tables) -> Chart:
    data = queries.scores_by_year(tables)
    last = data.years[-1] if data.years else None
    projects, notes = _shown(data.projects, lambda p: (data.scores.get((p, last)) is None, data.scores.get((p, last)), p),
                             f"{last}年得分最低", "项目", UNIT_PROJECTS_SHOWN)
    columns = ["项目名称", *(f"{y}年" for y in data.years)]
    rows = [[p, *(show(data.scores.get((p, y))) for y in data.years)] for p in projects]
    if not data.scores:
        return Chart("unit-scores", "各年度绩效自评得分", "还没有审核通过的绩效自评。", columns, rows)
    means = []
    for y in data.years:
        values = [v for (p, yy), v in data.scores.items() if yy == y]
        means.append(f"{y}年 {len(values)} 份、平均 {show((sum(values) / len(values)).quantize(CENT, ROUND_HALF_UP))} 分")
    summary = "审核通过的绩效自评：" + "；".join(means) + "。"
    series = [{"name": f"{y}年", "type": "bar", "data": [num(data.scores.get((p, y))) for p in projects]}
              for y in data.years]
    option = _axis_bars(projects, series, "分", horizontal=True)
    option["xAxis"]["max"] = 100
    return Chart("unit-scores", "各年度绩效自评得分", summary, columns, rows, option, notes)


def unit(tables, year: int) -> list[Chart]:
    return [*project_execution(tables, year), scores_by_year(tables)]


# --- Project page --------------------------------------------------------------------------------

def execution_curve(table) -> Chart:
    data = queries.execution_curve(table)
    columns = ["截止日期", "全年预算数（万元）", "截至目前执行数（万元）", "预算执行率", "时间进度", "状态"]
    rows = [[f"{c.cutoff:%Y-%m-%d}", show(wan(c.budget)) if c.budget is not None else "—",
             show(wan(c.spent)) if c.spent is not None else "—", show(pct(c.rate), "%"), show(pct(c.time_progress), "%"),
             c.status] for c in data]
    if not data:
        return Chart("project-execution", "预算执行进度", "这张目标表还没有运行监控报告。", columns, rows)
    last = data[-1]
    summary = (f"{len(data)}期运行监控，最新一期截至{day(last.cutoff)}：执行率 {show(pct(last.rate), '%')}，"
               f"时间进度 {show(pct(last.time_progress), '%')}。")
    dates = [f"{c.cutoff:%m-%d}" for c in data]
    option = _axis_bars(dates, [
        {"name": "预算执行率（%）", "type": "line", "color": BLUE, "data": [num(pct(c.rate)) for c in data],
         "label": {"show": True, "formatter": "{c}%"}},
        {"name": "时间进度（%）", "type": "line", "color": GREY, "lineStyle": {"type": "dashed"},
         "data": [num(pct(c.time_progress)) for c in data]},
    ], "%")
    option["yAxis"]["max"] = 100
    return Chart("project-execution", "预算执行进度", summary, columns, rows, option)


def indicator_bullets(table) -> Chart:
    source, data = queries.indicator_progress(table)
    columns = ["三级指标", "指标值", "完成值", "完成值 ÷ 指标值"]
    rows = [[i.name, i.target, i.actual, show(pct(i.share), "%")] for i in data]
    title = "各指标完成值与指标值"
    if not data:
        return Chart("project-indicators", title, "还没有可与指标值比较的数值型完成值。", columns, rows)
    short = [i.name for i in data if (i.share > 1 if i.lower_is_better else i.share < 1)]
    summary = f"按{source}，{len(data)}个数值型指标中" + (
        f"{len(short)}个未达到指标值：{'、'.join(short)}。" if short else "均达到指标值。")
    names = [i.name for i in reversed(data)]
    values = [num(pct(i.share)) for i in reversed(data)]
    option = _axis_bars(names, [
        {"name": "完成值 ÷ 指标值（%）", "type": "bar", "barWidth": 10, "color": BLUE, "data": values,
         "label": {"show": True, "position": "right", "formatter": "{c}%"}},
        {"name": "指标值（100%）", "type": "scatter", "symbol": "rect", "symbolSize": [4, 22], "color": DARK,
         "data": [100] * len(names)},
    ], "%", horizontal=True)
    return Chart("project-indicators", title, summary, columns, rows, option,
                 notes=[f"数值来源：{source}。成本等“越低越好”的指标，超过 100% 表示超出指标值。"])


def project_scores(table) -> Chart:
    data = queries.project_scores(table)
    columns, rows = ["年度", "自评得分", "等级"], [[f"{y}年", show(t), g] for y, t, g in data]
    if not data:
        return Chart("project-scores", "各年度绩效自评得分", "这个项目还没有审核通过的绩效自评。", columns, rows)
    summary = "这个项目审核通过的绩效自评：" + "；".join(f"{y}年 {show(t)} 分（{g}）" for y, t, g in data) + "。"
    option = _axis_bars([f"{y}年" for y, _, _ in data], [
        {"name": "自评得分", "type": "bar", "barMaxWidth": 48, "color": BLUE, "data": [num(t) for _, t, _ in data],
         "label": {"show": True, "position": "top"}}], "分")
    option["yAxis"]["max"] = 100
    option["legend"] = {"show": False}
    return Chart("project-scores", "各年度绩效自评得分", summary, columns, rows, option)


def project(table) -> list[Chart]:
    return [execution_curve(table), indicator_bullets(table), project_scores(table)]

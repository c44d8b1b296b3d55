"""PDF 项目绩效目标表: the publication PDF (WeasyPrint); reading is ``pdf_reader``.

``write_pdf(tables, dest, unit=..., year=...)`` draws one table per page in the official layout with
the unit and year in the page header and page numbers in the footer, using the font shipped in
``jixiao/fonts`` so it renders without CJK fonts on the machine.
"""

from __future__ import annotations

import atexit
from functools import cache
from html import escape
from pathlib import Path

from jixiao.core.layout import (
    FACT_LABELS,
    GRID_HEADERS,
    TITLE,
    annual_goal_label,
    budget_label,
    format_budget,
    indicator_rows,
)
from jixiao.core.model import Document, TargetTable
from jixiao.fonts import CJK_FONT

_CSS = Path(__file__).with_name("pdf.css")
_COLUMNS = (11, 11, 15, 27, 18, 18)  # percent of the table width


# --- writing -------------------------------------------------------------------------------


def _td(text, *, cls: str = "", colspan: int = 1, rowspan: int = 1) -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' colspan="{colspan}"' if colspan > 1 else ""
    attrs += f' rowspan="{rowspan}"' if rowspan > 1 else ""
    # A space where a line wraps is not drawn, so it would be lost on reading: keep it unbreakable.
    text = escape("" if text is None else str(text)).replace(" ", "\u00a0")
    return f"<td{attrs}>{text}</td>"


def table_html(table: TargetTable, attrs: str = "", end: str = "") -> str:
    """One 项目绩效目标表 as an HTML <section> (title and table); ``attrs``: of the <section>,
    ``end``: an id for its last row."""
    rows: list[str] = []
    for attr, label in FACT_LABELS:
        rows.append(_td(label, cls="label") + _td(getattr(table, attr), cls="text", colspan=5))
    rows.append(
        _td("实施周期", cls="label") + _td("起始年度") + _td(table.period_start)
        + _td("到期年度") + _td(table.period_end, colspan=2)
    )
    rows.append(_td(budget_label(table.year), cls="label") + _td(format_budget(table.budget), cls="text", colspan=5))
    goals = (("实施周期总目标", table.goals.period), (annual_goal_label(table.year), table.goals.annual))
    for n, (label, text) in enumerate(goals):
        head = _td("总体绩效目标", cls="label", rowspan=4) if n == 0 else ""
        rows.append(head + _td(label, cls="label", colspan=5))
        rows.append(_td(text, cls="text", colspan=5))
    grid = indicator_rows(table)
    rows.append(_td("绩效指标", cls="label", rowspan=len(grid) + 1) + "".join(f"<th>{h}</th>" for h in GRID_HEADERS))
    for row in grid:
        cells = ""
        if row.level1_span:
            cells += _td(row.level1, rowspan=row.level1_span)
        if row.level2_span:
            cells += _td(row.level2, rowspan=row.level2_span)
        cells += _td(row.name, cls="text") + _td(row.period) + _td(row.annual)
        rows.append(cells)
    cols = "".join(f'<col style="width:{w}%">' for w in _COLUMNS)
    last = f'<tr id="{end}">' if end else "<tr>"
    body = "".join(f"<tr>{r}</tr>" for r in rows[:-1]) + f"{last}{rows[-1]}</tr>"
    return f"<section{attrs}><h1>{TITLE}</h1><table><colgroup>{cols}</colgroup>{body}</table></section>"


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def document_html(tables, *, unit: str | None = None, year: int | None = None) -> str:
    tables = list(tables.tables if isinstance(tables, Document) else tables)
    if unit is None:
        units = {t.unit for t in tables if t.unit}
        unit = units.pop() if len(units) == 1 else ""
    if year is None:
        years = {t.year for t in tables if t.year}
        year = years.pop() if len(years) == 1 else None
    return _page("".join(table_html(t) for t in tables), unit=unit, year=year, title=_title(unit, year))


def _year_text(year: int | None) -> str:
    return f"{year}年度" if year else ""


def _title(unit: str, year: int | None) -> str:
    return f"{unit}{year or ''}{TITLE}"


def _page(body: str, *, unit: str, year: int | None, title: str) -> str:
    css = _CSS.read_text(encoding="utf-8")
    css = css.replace("{font_url}", CJK_FONT.resolve().as_uri())
    css = css.replace("{unit}", _css_string(unit))
    css = css.replace("{year}", _year_text(year))
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


def write_pdf(tables, dest, *, unit: str | None = None, year: int | None = None, font_config=None) -> None:
    """Write the tables as a publication PDF, one per page. ``dest``: a path or binary file.

    ``unit`` and ``year`` go in every page header; by default they are taken from the tables when
    all tables agree. ``font_config``: a WeasyPrint FontConfiguration shared by many calls (a
    new one per call registers the font again each time, and that memory is never given back).
    """
    from weasyprint import HTML

    html = document_html(tables, unit=unit, year=year)
    HTML(string=html, base_url=str(CJK_FONT.parent)).write_pdf(dest, font_config=font_config)


# --- many tables, one PDF each -------------------------------------------------------------

BATCH = 20  # tables laid out in one WeasyPrint document
BATCHES_PER_CHILD = 25  # then a fresh child process: WeasyPrint's memory creeps up with new text


@cache
def _shared_style():
    """(font configuration, parsed stylesheet) shared by every batch of this process: the font is
    registered once (a registration is never given back) and the CSS parsed once."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = _CSS.read_text(encoding="utf-8").replace("{font_url}", CJK_FONT.resolve().as_uri())
    return fonts, CSS(string=css, font_config=fonts, base_url=str(CJK_FONT.parent))


# Dropped before the interpreter tears modules down: FontConfiguration.__del__ needs them.
atexit.register(_shared_style.cache_clear)


def pdf_batch(tables: list[TargetTable]) -> list[bytes]:
    """Each table's publication PDF, page for page and word for word as ``write_pdf([table])``
    draws it, laid out together in one WeasyPrint document (a fraction of the time of one document
    each), then cut into one document per table.

    Each section numbers its own pages and carries its own unit and year in the page header; its
    共 N 页 is the page number of its last row (``target-counter``), resolved after pagination."""
    from weasyprint import HTML

    fonts, css = _shared_style()
    body = "".join(
        table_html(t, f' class="batch" id="t{n}" data-unit="{escape(t.unit or "")}" '
                      f'data-year="{_year_text(t.year)}" data-end="#e{n}"', end=f"e{n}")
        for n, t in enumerate(tables))
    html = f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>{body}</body></html>'
    document = HTML(string=html, base_url=str(CJK_FONT.parent)).render(stylesheets=[css], font_config=fonts)
    own: list[list] = [[] for _ in tables]
    for page in document.pages:
        n = next(int(a[1:]) for a in page.anchors if a[:1] == "t" and a[1:].isdigit())
        own[n].append(page)
    out = []
    for table, pages in zip(tables, own):
        single = document.copy(pages)
        single.metadata.title = _title(table.unit or "", table.year)
        out.append(single.write_pdf())
    return out


def _batches(tables, size: int):
    chunk: list[TargetTable] = []
    for table in tables:
        chunk.append(table)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def batch_for(total: int) -> int:
    """Tables laid out a document for a job of ``total``: BATCH, fewer for a small job, so that its
    progress moves about ten times instead of once at the end."""
    return max(1, min(BATCH, total // 10))


def write_pdfs(tables, *, batch: int = BATCH, processes: int = 1):
    """Yield (table, its PDF as bytes) in the order given, laying out ``batch`` tables at a time.

    With ``processes`` > 1 the batches are laid out by that many child processes (started afresh,
    so they hold no parent's database connections), at most two batches each ahead of the one
    being yielded. The children are replaced by new ones every ``BATCHES_PER_CHILD`` batches each
    (not by the pool's max_tasks_per_child, which can hang on Python 3.11). Closing the generator
    stops them after the batch they are on."""
    batches = _batches(tables, batch)
    if processes <= 1:
        for chunk in batches:
            yield from zip(chunk, pdf_batch(chunk))
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pool, given = None, 0
    pending: deque = deque()
    try:
        for chunk in batches:
            if given == processes * BATCHES_PER_CHILD:  # drained first: never two sets of children
                while pending:
                    done_chunk, done = pending.popleft()
                    yield from zip(done_chunk, done.result())
                pool.shutdown()
                pool = None
            if pool is None:
                pool, given = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")), 0
            pending.append((chunk, pool.submit(pdf_batch, chunk)))
            given += 1
            if len(pending) > 2 * processes:
                done_chunk, done = pending.popleft()
                yield from zip(done_chunk, done.result())
        while pending:
            done_chunk, done = pending.popleft()
            yield from zip(done_chunk, done.result())
        if pool is not None:
            pool.shutdown()
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


# --- 项目支出绩效自评表 ------------------------------------------------------------------------

_EVALUATION_COLUMNS = (10, 9, 9, 16, 11, 10, 8, 8, 19)


def _num(value, render) -> str:
    return "" if value is None else render(value)


def self_evaluation_html(table: TargetTable, evaluation, *, execution=None, goal_actual: str = "",
                         rules: str = "") -> str:
    """One 项目支出绩效自评表 as an HTML <section class="evaluation">."""
    from jixiao.core import evaluation_layout as el

    sheet = el.evaluation_sheet(table, evaluation, execution=execution, goal_actual=goal_actual, rules=rules)
    points, wan, rate = el.format_points, el.format_wan, el.format_rate
    rows = [_td(label, cls="label") + _td(value, cls="text", colspan=8) for label, value in sheet.facts]
    rows.append(
        _td(el.FUNDS_LABEL, cls="label", rowspan=len(sheet.funds) + 1) + _td("", colspan=2)
        + "".join(f"<th>{h}</th>" for h in el.FUNDS_HEADERS)
    )
    for f in sheet.funds:
        scored = (
            _td(_num(f.weight, points)) + _td(_num(f.rate, rate)) + _td(_num(f.score, points))
            if f.scored else _td(el.DASH) * 3
        )
        rows.append(_td(f.label, cls="text", colspan=2) + "".join(
            _td(wan(v), cls="num") for v in (f.initial, f.full_year, f.spent)) + scored)
    rows.append(_td(el.GOALS_LABEL, cls="label", rowspan=2)
                + "".join(f'<th colspan="{n}">{h}</th>' for n, h in zip((4, 4), el.GOALS_HEADERS)))
    rows.append(_td(sheet.goal_expected, cls="text", colspan=4) + _td(sheet.goal_actual, cls="text", colspan=4))
    # The indicator grid is a table of its own whose header row repeats on every page; its label
    # column heads the grid, the merged cell below it runs down beside the rows.
    head = f'<th class="label">{el.GRID_LABEL}</th>' + "".join(f"<th>{h}</th>" for h in el.GRID_HEADERS)
    grid = []
    for n, r in enumerate(sheet.rows):
        cells = _td("", cls="beside", rowspan=len(sheet.rows)) if n == 0 else ""
        cells += _td(r.block, rowspan=r.block_span) if r.block_span else ""
        cells += _td(r.level2, rowspan=r.level2_span) if r.level2_span else ""
        cells += _td(r.name, cls="text") + _td(r.target) + _td(r.actual)
        cells += _td(r.weight_text) + _td(r.score_text)
        grid.append(cells + _td(r.deviation, cls="text"))
    grid.append(_td("总分", cls="label", colspan=6) + _td(points(sheet.total_weight))
                + _td(points(sheet.total), cls="label") + _td(f"等级：{sheet.grade}", cls="label"))
    cols = "".join(f'<col style="width:{w}%">' for w in _EVALUATION_COLUMNS)
    top = "".join(f"<tr>{r}</tr>" for r in rows)
    body = "".join(f"<tr>{r}</tr>" for r in grid)
    return (f'<section class="evaluation"><h1>{escape(sheet.title)}</h1>'
            f'<table><colgroup>{cols}</colgroup>{top}</table>'
            f'<table class="grid"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            + (f'<p class="rules">{escape(sheet.rules)}</p>' if sheet.rules else "") + '</section>')


def write_self_evaluation_pdf(
    table: TargetTable, evaluation, dest, *, execution=None, goal_actual: str = "",
    unit: str | None = None, year: int | None = None, rules: str = "",
) -> None:
    """Write the 项目支出绩效自评表 of one table as a PDF (unit and year in the page header).

    ``evaluation``: the scoring core's ``TableResult``; ``execution``: its ``Execution`` (yuan).
    """
    from weasyprint import HTML

    body = self_evaluation_html(table, evaluation, execution=execution, goal_actual=goal_actual, rules=rules)
    year = table.year if year is None else year
    html = _page(body, unit=table.unit if unit is None else unit, year=year, title=f"{table.name}绩效自评表")
    HTML(string=html, base_url=str(CJK_FONT.parent)).write_pdf(dest)


# --- reports (审核报告, 运行监控表) ------------------------------------------------------------


def _report_table(table) -> str:
    cols = "".join(f'<col style="width:{w * 100 / sum(table.widths):.1f}%">' for w in table.widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    rows = ["".join(_td(table.text(c, v), cls="num" if c in table.formats else "text" if table.widths[c] >= 16 else "")
                    for c, v in enumerate(values)) for values in table.rows]
    if not table.rows:
        rows = [_td(table.empty, cls="text", colspan=len(table.headers))]
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report) -> str:
    """A ``report_layout.Report`` as an HTML <section class="report"> (landscape pages)."""
    parts = [f"<h1>{escape(report.title)}</h1>"]
    if report.facts:
        facts = "".join(f"<tr>{_td(label, cls='label')}{_td(value, cls='text')}</tr>" for label, value in report.facts)
        parts.append(f'<table class="facts"><colgroup><col style="width:16%"><col></colgroup>{facts}</table>')
    for section in report.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        if section.text:
            parts.append(f"<p>{escape(section.text)}</p>")
        if section.table is not None:
            parts.append(_report_table(section.table))
    return f'<section class="report">{"".join(parts)}</section>'


def write_report_pdf(report, dest) -> None:
    """Write a ``report_layout.Report`` as a PDF: landscape A4, each table's header row repeated on
    every page, the unit and year in the page header, page numbers in the footer."""
    from weasyprint import HTML

    html = _page(report_html(report), unit=report.unit, year=report.year, title=report.title)
    HTML(string=html, base_url=str(CJK_FONT.parent)).write_pdf(dest)

"""Grid extraction from a saved web page: each <table> row by row (colspan and rowspan expanded),
and the text between tables (titles, 项目名称：… lines) as rows of one cell."""

from __future__ import annotations

from html.parser import HTMLParser

from jixiao.core.limits import DEFAULT, Limits, over
from jixiao.core.reading.text_grid import Row

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "title", "caption"}
_SKIP = {"script", "style", "head"}
MAX_SPAN = 100  # a colspan/rowspan beyond this is a damaged page, not a table


class _Page(HTMLParser):
    def __init__(self, limits: Limits, file: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.limits, self.file, self.made = limits, file, 0
        self.rows: list[Row] = []
        self.text: list[str] = []
        self.tables: list[dict] = []  # nested tables: the innermost is read
        self.count = self.texts = 0  # tables opened, text rows written: where a row is
        self.skip = 0
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._text_row()
            self.count += 1
            self.tables.append({"row": None, "pending": {}, "r": -1, "part": f"第{self.count}个表格", "rows": 0})
        elif tag == "tr" and self.tables:
            t = self.tables[-1]
            t["r"] += 1
            t["row"] = []
        elif tag in ("td", "th") and self.tables:
            self.cell = []
            self.span = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag in _BLOCKS and not self.tables:
            self._text_row()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.tables and self.cell is not None:
            self._close_cell()
        elif tag == "tr" and self.tables:
            self._close_row()
        elif tag == "table" and self.tables:
            self._close_row()
            self.tables.pop()
        elif tag in _BLOCKS and not self.tables:
            self._text_row()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)

    def _close_cell(self):
        t = self.tables[-1]
        if t["row"] is None:
            t["row"], t["r"] = [], t["r"] + 1
        text = " ".join("".join(self.cell).split())
        rows, cols = self.span
        self.made += rows * cols
        if self.made > self.limits.max_cells:
            raise over("网页表格的单元格", self.limits.max_cells, "max_cells", self.file)
        row = t["row"]
        for _ in range(cols):
            while len(row) in t["pending"].get(t["r"], {}):
                row.append(t["pending"][t["r"]].pop(len(row)))
            column = len(row)
            row.append(text)
            for down in range(1, rows):
                t["pending"].setdefault(t["r"] + down, {})[column] = text
        self.cell = None

    def _close_row(self):
        t = self.tables[-1]
        row = t["row"]
        if row is None:
            return
        waiting = t["pending"].pop(t["r"], {})
        for column in sorted(waiting):
            while len(row) < column:
                row.append("")
            row.insert(column, waiting[column]) if column < len(row) else row.append(waiting[column])
        t["row"] = None
        cells = [(n, c) for n, c in enumerate(_unmerged(row)) if c]
        if cells:
            t["rows"] += 1
            self.rows.append(Row(t["rows"], cells, "tab", t["part"]))

    def _text_row(self):
        text = " ".join("".join(self.text).split())
        self.text = []
        if text:
            self.texts += 1
            self.rows.append(Row(self.texts, [(0, text)], "text"))


def _span(value) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value)))
    except (TypeError, ValueError):
        return 1


def _unmerged(row: list[str]) -> list[str]:
    """A colspan repeats its text across columns; the recogniser wants it once."""
    out: list[str] = []
    for text in row:
        out.append("" if out and text and out[-1] == text else text)
    return out


def rows_from_html(text: str, limits: Limits = DEFAULT, file: str | None = None) -> list[Row]:
    """Rows of a page; the spans a page asks for are counted before they are made (a hostile
    rowspan/colspan cannot make the grid grow past the cell limit)."""
    page = _Page(limits, file)
    page.feed(text)
    page.close()
    page._text_row()
    return page.rows

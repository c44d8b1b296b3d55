"""Template recognition on a grid: which rows are titles, header block, indicator grid, 预算执行.

Works on rows of cells from any format (``text_grid``, HTML, Word). The indicator grid's columns are
found by their headings (``vocabulary.GRID_LABELS``); each row is then aligned to those columns by
what its cells look like (a label ends in 指标, a sign is a sign, a unit is a unit), because real
tables lose empty and merged cells. Rows given one cell per line are regrouped the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core import categories
from jixiao.core.header_block import HeaderBlock, budget_amount, despace
from jixiao.core.numbers import parse_decimal
from jixiao.core.model import CATEGORY_LEVEL1, Indicator, ReadWarning, Section, Source, TargetTable
from jixiao.core.reading import glued
from jixiao.core.reading.align import GRADES, Role, align, canonical_label, fit, is_level_label, is_nature_sign, nature_kind
from jixiao.core.reading.text_grid import Row
from jixiao.core.targets import parse_target
from jixiao.core.vocabulary import execution_label, execution_label_texts, grid_label, header_label, normal_label, simplify

_TITLE = re.compile(r"(绩效目标(?:申报|批复)?表|绩效目标|自评表)(?:\(?\d{4}年度?\)?|\d)?$")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})年")
_TOTAL = {"合计", "总分", "总计", "总得分", "自评总分", "综合得分", "自评得分合计"}
_GRADE = {"自评等级", "评价等级", "绩效等级", "自评结果等级", "等级"}
_END = ("财政部门审核意见", "审核意见", "填表人", "填报人", "单位负责人", "联系电话", "评价结论", "存在问题", "改进措施",
        "项目负责人", "财务负责人", "扫一扫", "相关解读", "备注说明", "主要绩效", "其他需要说明", "注:", "注：")
# Words that only signatures, stamps and page footers hold: the table has ended.
_END_WORDS = ("审核意见", "初审意见", "(盖章)", "主办", "承办", "版权所有", "ICP备", "网站标识码", "其他需说明", "内容保障")
_EXECUTION_ROW = {"总额", "年度资金总额", "资金总额", "合计", "预算资金总额", "项目资金总额"}
_NUMBER_TEXT = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:分|%)?$")


# The budget year printed on a line of its own under the title: '(2022年度)', '（ 2023年度）', '2020年度)'.
_YEAR_ROW = re.compile(r"^[(（]?((?:19|20)\d{2})年度?[)）]?$")
YEAR_ROW_REACH = 12  # lines from a year alone on its row to the start of the table it dates


def _year_row(s: _State, texts: list[str]) -> bool:
    """A year alone on its row under the title, before the table's facts (not the value of a label
    given one cell per line, such as 预算年度 | 2023年): the table's budget year. Under a title this
    reader does not take for one, the table starts at its first fact, a few lines below."""
    t = s.table
    if len(texts) != 1 or s.grid is not None or s.label is not None:
        return False
    if t is not None and (t.year is not None or t.name or t.unit or t.indicators):
        return False
    year = _YEAR_ROW.match(re.sub(r"\s+", "", texts[0]))
    if year is None:
        return False
    if t is None:
        s.year_row = (s.line, int(year.group(1)))
    else:
        t.year = int(year.group(1))
    return True


def title_of(text: str) -> str | None:
    """The title a cell carries (项目支出绩效目标表, 绩效目标自评表 …), else None."""
    label = normal_label(text)
    if len(label) > 70 or not _TITLE.search(label.replace("(", "").replace(")", "")):
        return None
    found = header_label(text)
    if found is not None and found.key.startswith("goals") and not found.value:
        return None  # 年度绩效目标, 本年度绩效目标, 实施期绩效目标: the label of a goal, its text to follow
    return label


@dataclass
class _Grid:
    roles: list[Role]
    line: int
    columns: list[int] | None = None  # each role's column, when the heading row kept its columns


@dataclass
class _State:
    file: str | None
    tables: list[TargetTable] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    table: TargetTable | None = None
    header: HeaderBlock | None = None
    grid: _Grid | None = None
    execution: list[str] | None = None
    exec_values: list[str] | None = None
    exec_building: bool = False
    label: tuple[int, str] | None = None  # a header label given one cell per line, awaiting its value
    positional: bool = False  # the rows keep their columns (HTML, Word, tab-separated text)
    after_heading: bool = False  # the last cell given one per line was a grid heading
    money_unit: str | None = None
    level1: str = ""
    level2: str = ""
    line: int = 0
    part: str | None = None  # the sheet, page or table of the current row
    reasons: set = field(default_factory=set)
    pending: list[tuple[int, int, str]] = field(default_factory=list)  # stream cells of one row
    exec_pair: str | None = None  # 预算执行 given as heading–value pairs one cell per line: "" between pairs
    previous: list[str] = field(default_factory=list)
    early_execution: dict | None = None  # read from a run-together line before its table started
    exec_text: str | None = None  # run-together 预算执行 headings whose numbers are still to come
    exec_unit: str | None = None
    exec_budget: str = "budget_full_year"
    year_row: tuple[int, int] | None = None  # (line, year) of a year alone on its row before any table

    def start(self, line: int, kind: str = "targets", title: str = "") -> TargetTable:
        self.finish()
        self.table = TargetTable(kind=kind, source=Source(self.file, line, None, self.part))
        if self.early_execution:
            self.table.kind, self.table.execution, self.early_execution = "self_evaluation", self.early_execution, None
        year = _YEAR_IN_TITLE.search(title)
        if year:
            self.table.year = int(year.group(1))
        elif self.year_row is not None and line - self.year_row[0] <= YEAR_ROW_REACH:
            self.table.year = self.year_row[1]
        self.year_row = None
        self.header = HeaderBlock(self.table, self.file)
        self.header.part = self.part
        self.grid = None
        self.execution = None
        self.exec_values = None
        self.exec_pair = None
        self.money_unit = None
        self.level1 = self.level2 = ""
        self.reasons = set()
        return self.table

    def warn(self, message: str, column: int | None = None) -> None:
        if self.table is not None:
            self.table.warnings.append(ReadWarning(self.line, message, self.part))
        else:
            self.warnings.append(ReadWarning(self.line, message, self.part))

    def finish(self) -> None:
        self.flush()
        t = self.table
        if t is None:
            return
        self.table = None
        if not t.indicators:
            where = t.source or Source()
            self.warnings.append(ReadWarning(where.line, "此处的表格没有读到任何三级指标，已略过", where.part))
            return
        if not t.name and t.kind == "targets" and not t.unit:
            self.reasons.add("缺少项目名称")
        if any(i.annual_target is None and i.period_target is None and i.actual is None for i in t.indicators):
            self.reasons.add("部分指标没有指标值")
        t.confidence_reasons = sorted(self.reasons)
        t.confidence = round(max(0.2, 1 - 0.2 * len(self.reasons)), 2)
        if t.year is None and t.period_end is not None and t.period_start == t.period_end:
            t.year = t.period_end
        self.tables.append(t)

    def flush(self) -> None:
        cells, self.pending = self.pending, []
        if not cells or self.grid is None or not _is_grid(self.grid.roles):
            return
        texts = [_as_label(t) for _, _, t in cells]
        for a, b in segment(self.grid.roles, texts):
            part = cells[a:b]
            if any(t for _, _, t in part):
                self.line = part[0][0]
                _indicator(self, [(column, text) for _, column, text in part], part[0][0])


def tables_from_rows(rows: list[Row], file: str | None = None) -> tuple[list[TargetTable], list[ReadWarning]]:
    """Every table found in the rows, and the warnings about text outside any table."""
    state = _State(file)
    for row in rows:
        if row.part != state.part:
            state.flush()  # cells given one per line do not run on into another sheet or page
        state.line, state.part = row.line, row.part
        if state.header is not None:
            state.header.part = row.part
        if row.shape == "line":
            _stream_cell(state, row)
        elif row.shape == "glued":
            _glued(state, row)
        elif row.shape == "glued-head":
            state.flush()
            state.positional = False
            _row(state, row.cells)
            if state.grid is not None:
                state.grid.roles = _complete_glued_roles(state.grid.roles)
        else:
            state.flush()
            state.positional = row.shape == "tab"
            _row(state, row.cells)
    cut_off = state.grid is not None and (state.pending or state.table is not None and state.table.indicators)
    state.flush()
    if cut_off and state.table is not None and state.table.indicators:
        state.reasons.add("表格在文末截断")
        last, others = state.table.indicators[-1], state.table.indicators[:-1]
        # cut before its actual, where every other row of the self-evaluation has one: a target
        # printed up to the cut ('>=9' of '>=90%') is no target
        short = state.table.kind == "self_evaluation" and others and all(i.actual is not None for i in others)
        if short and last.actual is None and last.weight is not None and last.score is not None \
                and (last.annual_target or last.period_target) and all(i.score is not None for i in others):
            # cut after its points, not before its actual: its last two numbers are the actual and the
            # points, which alignment (a lone number is more often points) took for points and score
            last.actual, last.weight, last.score = str(last.weight), last.score, None
        if last.annual_target is None and last.period_target is None and last.actual is None or short and last.actual is None:
            state.table.indicators.pop()
            state.warn(f"文末的“{last.name}”一行不完整（被截断），已略过")
    state.finish()
    return state.tables, state.warnings


# --- delimited rows -------------------------------------------------------------------------------


def _row(s: _State, cells: list[tuple[int, str]]) -> None:
    cells = [(c, t) for c, t in cells if t]
    if not cells:
        return
    texts = [t for _, t in cells]
    title = next((title_of(t) for t in texts[:2] if title_of(t)), None)
    if title and len(cells) <= 2:
        s.start(s.line, "self_evaluation" if "自评" in title else "targets", title)
        return
    if _year_row(s, texts):
        return
    while len(texts) > 1 and _block_label(texts[0]) and not _names_column(texts):
        cells, texts = cells[1:], texts[1:]  # the grid's block label (merged down the rows), not a cell
    unit = _money_unit(" ".join(texts))  # 金额单位: | 万元 split into two cells
    if unit and s.table is not None and s.grid is None:
        s.money_unit = unit  # 预算资金（万元） or 资金情况 (万元) over the execution headings
    roles = _grid_header(texts)
    if roles and s.grid is not None and not s.table.indicators and (merged := _heading_below(s.grid.roles, roles)):
        s.grid.roles, s.grid.columns = merged, None
        return
    if roles:
        if s.table is None or (s.grid is not None and s.table.indicators):
            kind = "self_evaluation" if any(r.key in ("actual", "score") for r in roles) else "targets"
            if s.table is None:
                s.start(s.line, kind)
            elif s.grid is not None:
                s.start(s.line, kind)  # a second grid with no title between: a table of its own
        if any(r.key in ("actual", "score") for r in roles):
            s.table.kind = "self_evaluation"
        all_labelled = len(roles) == len(texts)
        s.grid = _Grid(roles, s.line, [c for c, _ in cells] if s.positional and all_labelled else None)
        s.execution = None
        return
    if s.grid is not None and not s.table.indicators and all(_heading(t) for t in texts):
        children = [Role(*_heading(t)) for t in texts]
        refined = subheadings(s.grid.roles, children)
        if refined is None:  # the header row went on over a second line
            refined = [*s.grid.roles, *children]
        s.grid.roles = _roles([(r.key, r.side) for r in refined])
        s.grid.columns = None
        return
    if _execution_header(s, texts):
        return
    if _execution_pairs(s, texts):
        return
    s.previous = texts
    first = normal_label(texts[0])
    if _is_end(first):
        s.grid = None
        return
    if s.execution is not None and first in _EXECUTION_ROW | {"年度预算", "年度资金"}:
        _execution_values(s, texts[1:])
        return
    if s.execution is not None and s.grid is None and all(_NUMBER_TEXT.match(t.replace(" ", "")) for t in texts):
        _execution_values(s, texts)  # the numbers under the execution headings, with no row label
        return
    if first in _TOTAL or first.startswith("总分"):
        _total(s, texts[1:])
        return
    if first in _GRADE:
        if s.table is not None and len(texts) > 1:
            s.table.published_grade = texts[1]
        return
    found = header_label(texts[0])
    if found is not None and (s.grid is None or found.key in ("name", "unit", "department") and s.table.indicators):
        if s.table is None or (s.grid is not None and s.table.indicators):
            s.start(s.line, s.table.kind if s.table else "targets")
        s.grid = None
        _facts(s, cells)
        return
    if s.grid is not None:
        if _continuation(s, texts):
            return
        _indicator(s, cells, s.line)
        return
    if s.header is not None and _facts(s, cells):
        return
    labelled = next((n for n, t in enumerate(texts) if n and header_label(t) is not None), None)
    if s.header is not None and labelled is not None and s.grid is None:
        # 资金情况（万元） | 项目资金总额： | 1500: a block's heading (its unit already taken) before the facts
        s.warn(f"行首的文字未使用：{' '.join(texts[:labelled])}")
        _facts(s, cells[labelled:])
        return
    s.warn(f"未能识别的行，未使用：{' '.join(texts)}")


def _facts(s: _State, cells: list[tuple[int, str]]) -> bool:
    """A row of the header block, read knowing the money unit the table stated above it."""
    s.header.money_unit = s.money_unit
    return s.header.read(cells, s.line)


def _block_label(text: str) -> bool:
    """'绩效指标', '本年度绩效指标', '绩效指标(90分)': the label of the whole indicator block."""
    label = categories.without_points(normal_label(text))
    return "绩效指标" in label and len(label) <= 12 and grid_label(label) in (None, ("name", None))


def _names_column(texts: list[str]) -> bool:
    """绩效指标 | 绩效指标描述 | 评价标准: a heading row with no other name or level heading, where 绩效指标
    heads the names themselves."""
    labels = [grid_label(t) for t in texts[1:]]
    return any(labels) and not any(label and label[0] in ("name", "level1", "level2") for label in labels)


_LIST_FACTS = {"name", "unit", "department", "budget", "goals.annual"}


def _grid_header(texts: list[str]) -> list[Role] | None:
    """The grid's columns from its heading row. A flat list also has 单位名称/项目名称/预算数/年度目标
    columns, repeated on every indicator row (or only on a project's first): those are ``fact`` columns."""
    found: list[tuple[str, str | None]] = []
    for text in texts:
        hit = _heading(text)
        if hit is None and _NUMBER_TEXT.match(text):
            hit = ("score", None)  # a block's points printed in the heading row stand over its scores
        if hit is None:
            fact = header_label(text)
            hit = ("fact", fact.key) if fact is not None and fact.key in _LIST_FACTS and not fact.value else None
        if hit:
            found.append(hit)
    keys = {k for k, _ in found}
    grid = [f for f in found if f[0] != "fact"]
    if len(grid) < 3 or not ({"name", "level2"} & keys) or len(found) < len(texts) * 0.6:
        return None
    return _roles(found)


def _heading(text: str) -> tuple[str, str | None] | None:
    """A heading of the indicator grid: a vocabulary label, or one grade of a graded target (优, 良…)."""
    label = normal_label(text)
    if label in GRADES:
        return ("annual", None) if label == GRADES[0] else ("grade", None)
    return grid_label(text)


def _graded(roles: list[Role]) -> list[Role]:
    """The grades (优 | 良 | 中 | 差, the first read as the target) stand where the 评价标准 heading over
    them stands, also when text run together printed them after the whole heading row."""
    first = next((n for n, r in enumerate(roles) if r.key == "annual" and n + 1 < len(roles) and roles[n + 1].key == "grade"), None)
    if first is None:
        return roles
    end = first + 1
    while end < len(roles) and roles[end].key == "grade":
        end += 1
    parent = next((n for n in range(first - 1, -1, -1) if roles[n].key == "annual"), None)
    if parent is None:
        return roles
    return [*roles[:parent], *roles[first:end], *roles[parent + 1:first], *roles[end:]]


def _roles(hits: list[tuple[str, str | None]]) -> list[Role]:
    roles = _graded([Role(key, side) for key, side in hits])
    unsided = [r.key for r in roles if r.side is None and r.key in ("level2", "name", "annual")]
    if unsided.count("name") == 2 and unsided.count("annual") == 2:
        # 二级|三级|指标值 twice with no side named: 实施周期（中期） first, then 年度
        seen: dict[str, int] = {}
        for n, r in enumerate(roles):
            if r.side is None and r.key in ("level2", "name", "annual"):
                seen[r.key] = seen.get(r.key, 0) + 1
                roles[n] = Role(r.key, "period" if seen[r.key] == 1 else "annual")
    names = [n for n, r in enumerate(roles) if r.key == "name" and r.side is None]
    for n in names[:-1]:  # 绩效指标 | 一级指标 | 二级指标 | 三级指标: the block's label, not a column
        roles[n] = Role("note", None)
    if any(r.key == "value" for r in roles):
        return roles
    if any(r.key == "nature" for r in roles) or any(r.key == "unit" for r in roles):
        # 指标性质 | 指标值 | 度量单位: the 指标值 column is the number of a split target
        roles = [Role("value", r.side) if r.key == "annual" else r for r in roles]
    return roles


# Which sub-headings a heading can stand over: 预期指标值 over 符号/数值/单位, 自评得分 over
# 单项指标得分/权重占比/折算得分, 指标值 over 2021年实际实现值/预期2022年实现值.
_FAMILIES = {
    "name": {"level1", "level2", "name"},  # 绩效指标 over 一级 | 二级 | 三级
    "annual": {"nature", "value", "unit", "annual", "period", "note", "grade"},
    "period": {"nature", "value", "unit", "annual", "period", "note"},
    "score": {"score", "weight", "note"},
    "weight": {"weight", "score", "note"},
    "actual": {"actual", "note"},
}


def _heading_below(parents: list[Role], children: list[Role]) -> list[Role] | None:
    """A full heading row under a first one that had no 二级 column: 绩效指标 | 年度指标值 | 实际完成值 …
    over 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 (a 一级 heading given a line of its own between
    them belongs to the second). Merged as sub-headings, else None (a table of its own)."""
    moved = 0
    while moved < len(parents) and parents[-1 - moved].key in ("level1", "level2"):
        moved += 1
    head, tail = parents[:len(parents) - moved], parents[len(parents) - moved:]
    if not head or any(r.key == "level2" for r in head) or not any(r.key == "level2" for r in children):
        return None
    return subheadings(head, [*tail, *children])


def subheadings(parents: list[Role], children: list[Role]) -> list[Role] | None:
    """A heading row spanning a second one: each heading replaced by the sub-headings under it, in
    order. None when the second row is not sub-headings of the first (it goes on the first)."""
    out: list[Role] = []
    i = 0
    for parent in parents:
        group: list[Role] = []
        while i < len(children) and children[i].key in _FAMILIES.get(parent.key, ()):
            group.append(Role(children[i].key, children[i].side or parent.side))
            i += 1
        keys = [r.key for r in group]
        if ("nature" in keys or "unit" in keys) and "value" not in keys and "annual" not in keys:
            # 符号 | 单位 printed, the 数值 heading left empty: the number stands between them
            at = keys.index("nature") + 1 if "nature" in keys else keys.index("unit")
            group.insert(at, Role("value", parent.side))
        out.extend(group or [parent])
    return out if i == len(children) and i else None


def _total(s: _State, values: list[str]) -> None:
    if s.table is None:
        return
    numbers = [v for v in values if _NUMBER_TEXT.match(v.replace(" ", ""))]
    weights = sum((i.weight or 0) for i in s.table.indicators)
    if len(numbers) >= 2:
        s.table.published_total = _decimal(numbers[1])
    elif numbers and not (weights and _decimal(numbers[0]) == weights) and _decimal(numbers[0]) != 100:
        s.table.published_total = _decimal(numbers[0])
    grade = [v for v in values if v in GRADES]
    if grade:
        s.table.published_grade = grade[0]


def _continuation(s: _State, texts: list[str]) -> bool:
    """A lone number on its own line after a row: that row's weight, wrapped by the converter."""
    if len(texts) != 1 or not s.table or not s.table.indicators:
        return False
    last = s.table.indicators[-1]
    if last.weight is None and any(r.key == "weight" for r in s.grid.roles) and _NUMBER_TEXT.match(texts[0]):
        last.weight = _decimal(texts[0])
        return True
    return False


# --- cells run together ---------------------------------------------------------------------------


def _glued(s: _State, row: Row) -> None:
    """Text under a heading row that had no separators: its cells found by their content, then read
    as cells given one per line."""
    text = row.cells[0][1]
    if s.grid is None:
        _stream_cell(s, row)
        return
    for cell in glued.cells(text, [(r.key, r.side) for r in s.grid.roles]):
        _stream_cell(s, Row(row.line, [(0, cell)], "line"))


def _complete_glued_roles(roles: list[Role]) -> list[Role]:
    """A run-together heading row often lost its merged 一级/二级 headings, or the 三级指标 heading
    over the names: the columns are there all the same (labels and names are told by content)."""
    keys = [r.key for r in roles]
    out = list(roles)
    if "name" not in keys:
        last = max((n for n, k in enumerate(keys) if k in ("level1", "level2")), default=-1)
        out.insert(last + 1, Role("name"))
    if "level2" not in keys:
        out.insert(0, Role("level2"))
    if "level1" not in keys:
        out.insert(0, Role("level1"))
    return out


# --- one cell per line ----------------------------------------------------------------------------


def _stream_cell(s: _State, row: Row) -> None:
    column, text = row.cells[0] if row.cells else (0, "")
    if not text:
        if s.grid is not None and s.pending:
            s.pending.append((s.line, column, ""))
        return
    if s.grid is not None and not s.pending and _continuation(s, [text]):
        return  # a delimited row's weight wrapped onto a line of its own
    title = title_of(text)
    if title:
        s.start(s.line, "self_evaluation" if "自评" in title else "targets", title)
        _glued_execution(s, text)
        return
    if _year_row(s, [text]):
        return
    if len(text) > 40 or s.exec_text is not None:
        _glued_execution(s, text)
    found = header_label(text)
    label = normal_label(text)
    if s.table is not None and s.grid is None and _money_unit(text):
        s.money_unit = _money_unit(text)  # 项目资金（万元）above the 预算执行 headings
    if _stream_execution(s, text, label):
        return
    role = grid_label(text)
    if role and (s.grid is None or not _has_content(s.pending) or role[0] in ("level1", "level2", "name")):
        if _has_content(s.pending):
            s.flush()
            s.grid = None
        s.pending = []
        _stream_header(s, role)
        return
    new_table = found is not None and found.key in ("name", "unit", "department")
    if s.grid is not None and (_is_end(label) or label in _TOTAL or execution_label(text) or new_table):
        s.flush()
        s.grid = None
        if found is not None and s.table is not None and s.table.indicators and found.key in ("name", "unit", "department"):
            s.start(s.line, s.table.kind)
    if s.grid is None:
        if s.table is None:
            if found is None:
                return
            s.start(s.line)
        if found is not None and not found.value and not found.key.startswith("goals"):
            s.label = (column, text)  # its value is the next cell
        elif found is None and s.label is not None:
            _facts(s, [s.label, (column, text)])
            s.label = None
        elif found is not None or s.header.goal is not None:
            s.label = None
            _facts(s, [(column, text)])
        return
    if s.after_heading and _NUMBER_TEXT.match(label) and not any(r.key == "score" for r in s.grid.roles):
        # a block's points printed after the headings stand over its scores (自评得分 in the right column)
        s.grid.roles = _roles([*((r.key, r.side) for r in s.grid.roles), ("score", None)])
        s.after_heading = False
        return
    s.after_heading = False
    s.pending.append((s.line, column, text))


def _is_grid(roles: list[Role]) -> bool:
    keys = {r.key for r in roles}
    return len(roles) >= 3 and bool(keys & {"name", "level2"})


def _has_content(pending: list[tuple[int, int, str]]) -> bool:
    return any(t for _, _, t in pending)


def _is_end(label: str) -> bool:
    return label.startswith(_END) or any(word in label for word in _END_WORDS) or glued.is_section(label)


def _stream_header(s: _State, role: tuple[str, str | None]) -> None:
    if s.table is None:
        s.start(s.line)
    if s.grid is None or s.table.indicators or s.grid.line < s.line - 40:
        s.grid = _Grid([], s.line)
    s.grid.roles = _roles([*((r.key, r.side) for r in s.grid.roles), role])
    s.after_heading = True
    if role[0] in ("actual", "score"):
        s.table.kind = "self_evaluation"


# Each row wants a name: a row gains NAME_BONUS for one and pays ROW_COST, so cells are not split
# into rows without names, nor rows merged past where a new name begins.
NAME_BONUS, ROW_COST, NO_VALUE, MAX_ROW = 3.0, 4.5, 2.0, 3
_VALUE_ROLES = {"period", "annual", "grade", "value", "actual", "weight", "score"}


def segment(roles: list[Role], texts: list[str]) -> list[tuple[int, int]]:
    """Split a stream of cells into rows: the (start, end) ranges of the best-scoring split.

    A row is scored by aligning its cells to the columns; it gains NAME_BONUS for a name, pays
    ROW_COST, and pays NO_VALUE when it holds no value (target, actual, weight, score), so that a
    stray note is not taken for a row of its own. Alignment states: (column, has a value).
    """
    n, m = len(texts), len(roles)
    ninf = float("-inf")
    longest = MAX_ROW * m + 4
    valued = [r.key in _VALUE_ROLES for r in roles]
    fits = [[fit(r, t) + (NAME_BONUS if r.key == "name" and t and fit(r, t) > 0 else 0) for r in roles] for t in texts]
    best = [ninf] * (n + 1)
    cut = [0] * (n + 1)
    best[0] = 0.0
    for a in range(n):
        if best[a] == ninf:
            continue
        row = [[0.0] * (m + 1), [ninf] * (m + 1)]  # row[flag][j]
        for b in range(a + 1, min(n, a + longest) + 1):
            t = texts[b - 1]
            drop = 0.0 if not t else -2.0
            new = [[v + drop for v in row[0]], [v + drop for v in row[1]]]
            for j in range(1, m + 1):
                f = fits[b - 1][j - 1]
                if f != ninf:
                    to = 1 if valued[j - 1] and t else None
                    for flag in (0, 1):
                        if row[flag][j - 1] != ninf:
                            target = to if to is not None else flag
                            new[target][j] = max(new[target][j], row[flag][j - 1] + f)
            for flag in (0, 1):
                for j in range(1, m + 1):
                    new[flag][j] = max(new[flag][j], new[flag][j - 1])
            row = new
            total = best[a] + max(row[1][m], row[0][m] - NO_VALUE) - ROW_COST
            if total > best[b]:
                best[b], cut[b] = total, a
    ranges, b = [], n
    while b > 0:
        ranges.append((cut[b], b))
        b = cut[b]
    return ranges[::-1]


# --- one indicator row ----------------------------------------------------------------------------


def _indicator(s: _State, cells: list[tuple[int, str]], line: int) -> None:
    if s.table is None or s.grid is None or not s.grid.roles:
        return
    texts = [_as_label(t) for _, t in cells]
    assigned = _by_column(s, cells, texts) if s.positional and s.grid.columns else None
    if assigned is not None:
        dropped = []
    else:
        assigned, dropped = align(s.grid.roles, texts, [c for c, _ in cells] if s.positional else None)
        _points_and_score(s.grid.roles, assigned, texts)
    dropped = [i for i in dropped if texts[i]]
    if dropped:
        s.reasons.add("部分单元格无法对应到列")
        s.warn(f"多出的单元格未使用：{' '.join(texts[i] for i in dropped)}")
    by: dict[tuple[str, str | None], tuple[int, str]] = {}
    for n, role in assigned.items():
        if texts[n]:
            by.setdefault((role.key, role.side), (cells[n][0], texts[n]))

    def get(key: str, side: str | None = None) -> tuple[int, str] | None:
        if side == "any":
            return by.get((key, "annual")) or by.get((key, None)) or by.get((key, "period"))
        return by.get((key, side))

    _list_facts(s, {r.side: texts[n] for n, r in assigned.items() if r.key == "fact" and texts[n]}, line)
    level1 = get("level1", "any")
    level2 = get("level2", "any")
    if level1:
        s.level1, s.level2 = categories.compact(categories.without_points(level1[1])), ""
    if level2:
        s.level2 = categories.compact(categories.without_points(level2[1]))
        category = categories.level2_category(canonical_label(s.level2))
        if category and not level1 and categories.category_of(canonical_label(s.level1), "") not in (None, category):
            s.level1 = s.level1 or CATEGORY_LEVEL1[category]
    name = get("name", "annual") or get("name", None) or get("name", "period")
    others = [texts[n] for n, r in assigned.items() if texts[n] and r.key not in ("level1", "level2", "name")]
    if name is not None and others and all(despace(t) == despace(name[1]) for t in others):
        name = None  # '预算执行率 预算执行率': a label merged across the row's columns, printed in each
    if name is None:
        if level1 or level2:
            _section(s)
        return
    category = _category(s)
    period = _target(s, get("period", "period") or get("period", None), category, line)
    annual = _target(s, get("annual", "annual") or get("annual", None), category, line)
    split = _split_target(get("nature", "any"), get("value", "any"), get("unit", "any"))
    if split and annual is None:
        annual = _target(s, split, category, line)
    if by.get(("annual", "period")) and period is None:
        period = _target(s, by[("annual", "period")], category, line)
    _section(s)
    ind = Indicator(
        s.level1, s.level2, category, despace(name[1]), period, annual, Source(s.file, line, name[0], s.part)
    )
    weight, score, actual, deviation = get("weight", "any"), get("score", "any"), get("actual", "any"), get("deviation", "any")
    ind.weight = _decimal(weight[1]) if weight else None
    ind.score = _decimal(score[1]) if score else None
    ind.actual = actual[1] if actual else None
    ind.deviation = deviation[1] if deviation else None
    s.table.indicators.append(ind)


def _points_and_score(roles: list[Role], assigned: dict[int, Role], texts: list[str]) -> None:
    """A self-evaluation row with a name and two bare numbers, nothing under the actual (a heading row
    scored for the sub-rows under it: ★补助各类粮食作物种植面积 | 10 | 10): the numbers are its points
    and score, not a target with no actual — when the score is no more than the points."""
    if not {"weight", "score", "actual", "annual"} <= {r.key for r in roles}:
        return
    held = sorted((n, r.key) for n, r in assigned.items() if texts[n] and r.key not in ("level1", "level2"))
    numbers = [n for n, key in held if key in ("weight", "annual", "score")]
    if [key for _, key in held if key not in ("weight", "annual", "score")] != ["name"] or len(numbers) != 2:
        return
    if not all(re.fullmatch(r"\d+(?:\.\d+)?", texts[n]) for n in numbers):
        return
    points, score = (Decimal(texts[n]) for n in numbers)
    if not score <= points <= 100:
        return  # a score never exceeds its points
    assigned[numbers[0]] = next(r for r in roles if r.key == "weight")
    assigned[numbers[1]] = next(r for r in roles if r.key == "score")


def _category(s: _State) -> str | None:
    return categories.category_of(canonical_label(s.level1), canonical_label(s.level2))


def _as_label(text: str) -> str:
    simple = simplify(text)
    return simple if is_level_label(simple) else text


def _by_column(s: _State, cells: list[tuple[int, str]], texts: list[str]) -> dict[int, Role] | None:
    """Where a format keeps columns (Excel, Word, HTML) each cell is its heading's column, unless a
    cell does not fit there at all (then the content alignment decides)."""
    where = dict(zip(s.grid.columns, s.grid.roles))
    out: dict[int, Role] = {}
    for n, (column, _) in enumerate(cells):
        role = where.get(column)
        if role is None or fit(role, texts[n]) == float("-inf"):
            return None
        out[n] = role
    return out


def _list_facts(s: _State, facts: dict[str, str], line: int) -> None:
    """A flat list's 项目名称/单位/预算 columns: a new project name starts a new table."""
    if not facts or s.table is None:
        return
    name = facts.get("name")
    if name and s.table.name and name != s.table.name and s.table.indicators:
        old, grid, level = s.table, s.grid, (s.level1, s.level2)
        s.start(line, old.kind)
        s.grid, (s.level1, s.level2) = grid, level  # the list goes on under the same headings
        s.table.unit, s.table.department, s.table.year = old.unit, old.department, old.year
        s.table.warnings.append(ReadWarning(line, f"清单中的新项目“{name}”，另起一张表", s.part))
    for key, text in facts.items():
        if key == "budget":
            amount, _ = budget_amount(text, s.money_unit)
            if amount is not None:
                s.table.budget = amount
        elif key == "goals.annual":
            s.table.goals.annual = s.table.goals.annual or text
        elif not getattr(s.table, key):
            setattr(s.table, key, text)
            s.table.sources[key] = Source(s.file, line, None, s.part)


def _section(s: _State) -> None:
    section = Section(s.level1, s.level2, _category(s))
    if s.table is not None and section not in s.table.sections and (s.level1 or s.level2):
        s.table.sections.append(section)


def _target(s: _State, cell: tuple[int, str] | None, category: str | None, line: int):
    if cell is None:
        return None
    value = parse_target(cell[1], category)
    value.source = Source(s.file, line, cell[0], s.part)
    if value.warning:
        s.warn(f"指标值“{cell[1]}”：{value.warning}")
    return value


def _split_target(nature, value, unit) -> tuple[int, str] | None:
    """指标性质 + 指标值 + 度量单位 → one target as written in one cell ('≥' '95' '%' → '≥95%')."""
    if value is None:
        return None
    column, text = value
    sign = nature[1] if nature and is_nature_sign(nature[1]) else ""
    qualitative = parse_target(text).kind == "qualitative" or (nature and nature_kind(nature[1]) == "定性")
    has_unit = parse_target(text).unit is not None
    tail = unit[1] if unit and not qualitative and not has_unit else ""
    return column, f"{sign}{text}{tail}"




def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "").removesuffix("分").removesuffix("%")
    return parse_decimal(cleaned)


# --- 预算执行 (budget execution), in every shape -------------------------------------------------
#
# Three shapes, one result: a heading row with the numbers under it (or the same given one cell per
# line), heading–value pairs (on a row or one per line), and text run together. Each ends in
# ``_keep_execution`` with the amounts as printed; the helpers below are shared by all of them.

_MONEY_KEYS = ("budget_initial", "budget_full_year", "spent", "rate")
_MONEY_UNIT = re.compile(r"[(（]\s*(?:单位[:：]\s*)?(万元|元)\s*[)）]|单位[:：]\s*(万元|元)")
_AMOUNT_IN = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)(万元?|元)$")
_BLANK = ("/", "-")  # printed in a cell left empty on purpose


def _blank_execution() -> dict[str, str | None]:
    return {k: None for k in (*_MONEY_KEYS, "weight", "score")}


def _keep_execution(s: _State, out: dict[str, str | None]) -> None:
    """The block read: on its table, or kept for the table that starts after it (a run-together line
    that runs on into the indicator grid)."""
    if s.table is None:
        s.early_execution = out
    else:
        s.table.execution = out


def _money_unit(text: str) -> str | None:
    """The unit a heading names in brackets or after 单位: (资金情况（万元）, 全年预算数(元), 单位：万元)."""
    found = _MONEY_UNIT.search(text)
    return (found.group(1) or found.group(2)) if found else None


def _amount(value: str) -> tuple[str, str] | None:
    """'5.8万' → ('5.8', '万元'): an amount printed with its unit."""
    found = _AMOUNT_IN.match(value)
    return (found.group(1), "万元" if found.group(2).startswith("万") else "元") if found else None


def _is_number_or_blank(text: str) -> bool:
    return bool(_NUMBER_TEXT.match(text.replace(" ", ""))) or text in _BLANK


def _rate_agrees(budget: str, spent: str, rate: str) -> bool:
    """执行率 = 执行数 / 预算数, to half a percentage point (printed rates are rounded)."""
    return abs(float(spent) / float(budget) * 100 - float(rate.rstrip("%"))) <= 0.5


def _value_columns(keys: list[str]) -> list[str]:
    """The execution headings that stand over a value: a heading whose meaning comes again later is a
    group heading over the later ones (年度预算数 over 年初预算 | 调整后预算数), not a column of its own."""
    return [k for i, k in enumerate(keys) if k not in keys[i + 1:]]


# headings, then the numbers under them

def _execution_header(s: _State, texts: list[str]) -> bool:
    keys = [execution_label(t) for t in texts]
    if sum(k is not None for k in keys) < 3 or s.table is None:
        return False
    if "rate" not in keys and {"spent", "budget_full_year"} <= set(keys):
        # 实际支出金额 | 下达额度 | 实际完成值 | 分值 | 得分 (a bond's 总体支出进度 row): the value
        # reached is the spending progress, the rate
        keys = [k or ("rate" if grid_label(t) == ("actual", None) else None) for k, t in zip(keys, texts)]
    s.execution = [k for k in keys if k]
    s.money_unit = next((u for u in map(_money_unit, texts) if u), None) or s.money_unit
    s.grid = None
    return True


def _execution_values(s: _State, values: list[str]) -> None:
    numbers = [v for v in values if _is_number_or_blank(v)]
    out = _blank_execution()
    for key, value in zip(_value_columns(s.execution), numbers):
        out[key] = None if value in _BLANK else value.replace(",", "")
    out["money_unit"] = s.money_unit
    s.table.kind = "self_evaluation"
    _keep_execution(s, out)
    s.execution = None


def _stream_execution(s: _State, text: str, label: str) -> bool:
    """预算执行 given one cell per line: its headings, then 总额 and its numbers (or heading–value pairs,
    ``_stream_pair``)."""
    if s.table is None:
        return False
    key = execution_label(text)
    if s.exec_pair is not None:
        if _stream_pair(s, text, key):
            return True
        s.exec_pair = None
    if key and text.rstrip().endswith((":", "：")) and s.table.kind == "self_evaluation":
        s.flush()
        s.grid = None
        s.execution = s.exec_values = None
        s.exec_pair = key  # 预算数: | 2.38 | 执行数: | 2.38
        return True
    building = s.execution is not None and s.exec_values is None and s.exec_building
    if key and (building or not grid_label(text)):
        s.flush()
        s.grid = None
        if not building:
            s.execution = []
        s.execution.append(key)
        s.exec_building = True
        s.money_unit = _money_unit(text) or s.money_unit
        return True
    s.exec_building = False
    if s.execution and label in _EXECUTION_ROW and s.exec_values is None:
        s.exec_values = []
        return True
    if s.execution and s.exec_values is not None:
        wanted = len(_value_columns(s.execution))
        if _is_number_or_blank(label) and len(s.exec_values) < wanted:
            s.exec_values.append(text)
            if len(s.exec_values) == wanted:
                _execution_values(s, s.exec_values)
                s.execution = s.exec_values = None
            return True
        _execution_values(s, s.exec_values)
        s.execution = s.exec_values = None
    return False


# heading–value pairs

def _execution_pairs(s: _State, texts: list[str]) -> bool:
    """A self-evaluation's execution given as heading–value pairs on a row (预算数 6.84 到位数 6.84 执行数
    6.84 100.00; 转移支付预算数(A) 5.8万 预算执行率(B/A) 100%): each heading with the number after it. A
    number left at the end stands under the last cell of the row above: an execution heading
    (预算执行进度(%)) or the right-hand 自评得分 column (a number there). 其中 rows give the money unit."""
    if s.table is None or s.table.kind != "self_evaluation" or s.grid is not None or len(texts) < 2:
        return False  # inside the indicator grid 预算执行率 | 10 | 9.5 is an indicator's row
    if "执行情况" in normal_label(texts[0]) and not execution_label(texts[0]):
        texts = texts[1:]  # the block's label merged down its rows
    found: dict[str, str] = {}
    unit = None
    for label, value in zip(texts[::2], texts[1::2]):
        amount = _amount(value.replace(" ", ""))
        if amount:
            value, unit = amount
        if not _is_number_or_blank(value):
            return False
        key = execution_label(label)
        if key:
            found[key] = value
    out = s.table.execution
    if not any(k in found for k in _MONEY_KEYS):
        if out is None or unit is None or not all(normal_label(t).startswith("其中") for t in texts[:len(texts) // 2 * 2:2]):
            return False
        out["money_unit"] = out["money_unit"] or unit
        return True
    if len(texts) % 2:
        if not _NUMBER_TEXT.match(texts[-1].replace(" ", "")):
            return False
        above = s.previous[-1] if s.previous else ""
        key = execution_label(above) or ("score" if _NUMBER_TEXT.match(above.replace(" ", "")) else None)
        if key and key not in found:
            found[key] = texts[-1]
    out = out or _blank_execution()
    for key, value in found.items():
        out[key] = None if value in _BLANK else value
    out["money_unit"] = s.money_unit or unit
    _keep_execution(s, out)
    return True


def _stream_pair(s: _State, text: str, key: str | None) -> bool:
    """One cell of heading–value pairs given one per line: a heading, its number; a lone number after a
    pair is the block's 得分 printed in the right column; 其中 lines give the money unit of their amounts."""
    value = text.replace(" ", "")
    amount = _amount(value)
    out = s.table.execution or _blank_execution()
    _keep_execution(s, out)
    if key:
        s.exec_pair = key
    elif _NUMBER_TEXT.match(value) and s.exec_pair:
        out[s.exec_pair] = value
        s.exec_pair = ""
    elif _NUMBER_TEXT.match(value) and out["score"] is None:
        out["score"] = value
    elif amount or value.startswith("其中"):
        if amount and not s.money_unit:
            s.money_unit = amount[1]
    else:
        return False
    out["money_unit"] = s.money_unit
    return True


# text run together

@lru_cache(maxsize=1)
def _glued_execution_pattern() -> re.Pattern:
    heading = "(?:" + "|".join(map(re.escape, execution_label_texts())) + r")(?:\([^()]{1,8}\))?"
    total = "|".join(map(re.escape, sorted(_EXECUTION_ROW, key=len, reverse=True)))
    return re.compile(rf"((?:{heading}){{3,}})(?:{total}):?([\d.,%]+)")


def _glued_execution(s: _State, text: str) -> None:
    """预算执行 run together with the rest of a line (全年预算数(A)全年执行数(B)分值执行率(B/A)得分
    年度资金总额:202010100.00%10): the headings, then the numbers parted where the rate agrees."""
    if s.table is not None and s.table.execution:
        s.exec_text = None
        return
    line = normal_label(text)
    found = _glued_execution_pattern().search(line)
    if not found:
        _execution_by_rate(s, line)
        return
    headings = re.findall("|".join(map(re.escape, execution_label_texts())), re.sub(r"\([^()]{1,8}\)", "", found.group(1)))
    keys = _value_columns([execution_label(h) for h in headings])
    values = _part_numbers(found.group(2).replace(",", ""), keys)
    if values is None:
        return
    out = _blank_execution()
    out.update(zip(keys, values), money_unit=_money_unit(line[max(0, found.start() - 12):found.start(1) + 1]) or s.money_unit)
    _keep_execution(s, out)


_GLUED_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
_EXEC_TEXT_MAX = 400  # characters of run-together text searched for the numbers under the headings


def _execution_by_rate(s: _State, line: str) -> None:
    """Run-together 预算执行 headings with their numbers scattered over the next lines (全年预算数(A)300
    全年执行数(B)执行率(B/A)其中…300万元 / 259.45万元 / 86.5%): the budget, amount spent and rate
    are the first three numbers in a row whose rate agrees with spent / budget."""
    if s.exec_text is None:
        heads = [m for m in (line.find(h) for h in execution_label_texts()) if m >= 0]
        keys = {execution_label(h) for h in execution_label_texts() if h in line}
        if not {"spent", "rate"} <= keys or not keys & {"budget_full_year", "budget_initial"}:
            return
        s.exec_text = line[min(heads):]
        s.exec_unit = _money_unit(line[max(0, min(heads) - 12):]) or s.money_unit
        s.exec_budget = "budget_full_year" if "budget_full_year" in keys else "budget_initial"
    else:
        s.exec_text += line
    text = re.sub(r"\([^()]{1,8}\)", "", s.exec_text)  # (A), (B/A)
    numbers = [m.group().replace(",", "") for m in _GLUED_NUMBER.finditer(text)]
    for budget, spent, rate in zip(numbers, numbers[1:], numbers[2:]):
        if "%" in budget + spent or not rate.endswith("%") or not float(budget):
            continue
        if _rate_agrees(budget, spent, rate):
            out = _blank_execution()
            out.update({s.exec_budget: budget, "spent": spent, "rate": rate, "money_unit": s.exec_unit})
            _keep_execution(s, out)
            s.exec_text = None
            return
    if len(s.exec_text) > _EXEC_TEXT_MAX:
        s.exec_text = None


_PART = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?%?$")


def _part_numbers(blob: str, keys: list[str]) -> list[str] | None:
    """The one way to part glued numbers into one per heading: only the rate carries %, the rate
    agrees with 执行数 / 预算数, the score is no more than the points; None when not exactly one way."""
    def parts(rest: str, n: int):
        if n == 1:
            if _PART.match(rest):
                yield [rest]
            return
        for i in range(1, len(rest)):
            if _PART.match(rest[:i]):
                for tail in parts(rest[i:], n - 1):
                    yield [rest[:i], *tail]

    def agrees(values: list[str]) -> bool:
        got = dict(zip(keys, values))
        if any(v.endswith("%") != (k == "rate") for k, v in got.items()):
            return False
        budget, spent, rate = got.get("budget_full_year") or got.get("budget_initial"), got.get("spent"), got.get("rate")
        if budget and spent and rate and float(budget) and not _rate_agrees(budget, spent, rate):
            return False
        if got.get("weight") and float(got["weight"]) > 100:
            return False
        return not (got.get("weight") and got.get("score") and float(got["score"]) > float(got["weight"]))

    if not keys or len(blob) > 40:
        return None
    found = [v for v in parts(blob, len(keys)) if agrees(v)]
    # a zero cut out of glued digits is the least likely reading: taken only when nothing else agrees
    no_zero = [v for v in found if not any(float(x.rstrip("%")) == 0 for x in v)]
    found = no_zero or found
    return found[0] if len(found) == 1 else None

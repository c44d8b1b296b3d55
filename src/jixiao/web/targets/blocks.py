"""Where the rows of the edit page go: every indicator in its 一级 block, in the user's order within it.

The official table draws consecutive rows with the same 一级 label as one merged block, so a row
appended at the end of the form (the 添加指标 button) would otherwise open a second 产出指标 block
after 满意度. Blocks keep the order the table already has; a block the table does not have yet goes
where the official order (产出 → 成本 → 效益 → 满意度) puts it. Within a block the user's order
holds, except that a new row left below every existing row of its block joins the rows of its own
二级 category, so that their cells stay merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.categories import BLOCK_LEVEL1, CATEGORY_LABELS, CATEGORY_LEVEL1, level1_block

CANONICAL = {block: rank for rank, block in enumerate(BLOCK_LEVEL1)}  # output, cost, benefit, satisfaction


@dataclass
class Placed:
    data: dict  # the form's cleaned row
    stored: object | None  # the Indicator it edits, None for a new row
    category: str
    level1: str
    level2: str


def labels(category: str, stored, table_labels: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The 一级/二级 labels a row is shown under: its own while its category is unchanged; otherwise
    those the table already uses for that category (e.g. 服务对象满意度指标), else the official ones."""
    if stored is not None and stored.category == category:
        return stored.level1, stored.level2
    if category in table_labels:
        return table_labels[category]
    fallback = (stored.level1, stored.level2) if stored is not None else ("", "")
    return CATEGORY_LEVEL1.get(category, fallback[0]), CATEGORY_LABELS.get(category, fallback[1])


def table_labels(stored_rows) -> dict[str, tuple[str, str]]:
    """category → the (一级, 二级) labels of its last row in the table."""
    return {r.category: (r.level1, r.level2) for r in stored_rows if r.category}


def _rank(level1: str) -> int:
    block = level1_block(level1) if level1 else None
    return CANONICAL.get(block, len(CANONICAL))


def block_order(stored_rows, wanted: list[str]) -> list[str]:
    """The 一级 labels in the order the table shows them, with each label of ``wanted`` it lacks
    inserted after the last label that comes before it in the official order."""
    order = list(dict.fromkeys(r.level1 for r in stored_rows))
    for label in dict.fromkeys(wanted):
        if label in order:
            continue
        before = [n for n, existing in enumerate(order) if _rank(existing) <= _rank(label)]
        order.insert(before[-1] + 1 if before else 0, label)
    return order


def arrange(rows: list[Placed], stored_rows) -> list[Placed]:
    """``rows`` (in the user's order) grouped by 一级 block; see the module's docstring."""
    order = block_order(stored_rows, [r.level1 for r in rows])
    groups: dict[str, list[Placed]] = {label: [] for label in order}
    for r in rows:
        groups[r.level1].append(r)
    out: list[Placed] = []
    for group in groups.values():
        out += _join_category(group)
    return out


def _join_category(group: list[Placed]) -> list[Placed]:
    """Move each new row that trails every existing row of its block after the last row of its category."""
    last_existing = max((n for n, r in enumerate(group) if r.stored is not None), default=-1)
    placed = group[:last_existing + 1]
    for r in group[last_existing + 1:]:
        if r.stored is None and r.category:
            same = [n for n, other in enumerate(placed) if other.category == r.category]
            if same:
                placed.insert(same[-1] + 1, r)
                continue
        placed.append(r)
    return placed

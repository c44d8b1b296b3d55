"""Deterministic corpus of published-format target tables with the demo document's kind of damage.

Each generated table is one of the twelve demo tables with a new name, new numbers, and extra
random damage on its indicator rows: shifts left or right, a lost target value, stray spaces in
labels, separator lines. Same seed → same bytes.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from jixiao.demo import DEMO_DOCUMENT

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _blocks() -> list[list[str]]:
    lines = DEMO_DOCUMENT.read_text(encoding="utf-8").splitlines()
    blocks, current = [], []
    for line in lines:
        if line.strip() == "项目绩效目标表" and current:
            blocks.append(current)
            current = []
        current.append(line)
    blocks.append(current)
    return [b for b in blocks if any("项目名称" in line for line in b)]


# Real tables reuse round figures: counts and amounts scale by a few factors, rates stay as they are.
_FACTORS = (0.5, 1, 1, 2, 3, 5, 10)


def _renumber(factor: float, cell: str) -> str:
    if re.fullmatch(r"\d{4}", cell) or "年" in cell or "%" in cell:
        return cell  # years, deadlines and rates stay
    return _NUMBER.sub(lambda m: f"{max(1, round(float(m.group()) * factor, 2)):g}", cell)


def _damage(rng: random.Random, cells: list[str]) -> list[str]:
    roll = rng.random()
    if roll < 0.08 and cells[:1] == [""]:
        return cells[1:]  # shifted left
    if roll < 0.12:
        return [""] + cells  # shifted right
    if roll < 0.15 and len([c for c in cells if c]) >= 3:
        return cells[:-1] if cells[-1] else cells[:-2]  # a target value lost
    if roll < 0.17:
        return [c[:2] + " " + c[2:] if c.endswith("指标") else c for c in cells]  # split words
    return cells


def generate(count: int, seed: int = 2024) -> str:
    rng = random.Random(seed)
    blocks = _blocks()
    out: list[str] = []
    for n in range(count):
        block = blocks[n % len(blocks)]
        in_indicators = False
        for line in block:
            cells = line.split("\t")
            key = cells[0].strip()
            if key == "项目名称":
                cells[1] = f"{cells[1]}（第{n + 1}号）"
            elif key.endswith("预算金额（元）") or key.endswith("预算金额(元)"):
                cells[1] = str(rng.randrange(5_000, 2_000_000, 100))
            elif "三级指标" in cells:
                in_indicators = True
            elif in_indicators and any(cells):
                factor = rng.choice(_FACTORS)  # one per row: period and annual targets move together
                cells = _damage(rng, [_renumber(factor, c) for c in cells])
            out.append("\t".join(cells))
        if rng.random() < 0.05:
            out.append("-----------\t----------------\t--\t--")
        out.append("")
    return "\n".join(out) + "\n"


def write(path: Path, count: int, seed: int = 2024) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate(count, seed), encoding="utf-8")
    return path

"""Text that a spreadsheet would take for a formula stays text, as typed, in every workbook Jixiao
writes: table, list (汇总) and 自评表. Jixiao itself writes no formula."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.core.io import read_document
from jixiao.core.model import Goals
from jixiao.core.scoring import Execution, IndicatorInput, evaluate_table
from jixiao.core.targets import parse_target
from jixiao.core.xlsx import write_self_evaluation_xlsx, write_xlsx
from jixiao.demo import DEMO_DOCUMENT

from .dump import dump_xlsx

# What people paste from elsewhere, and what an attacker would type: each must arrive as text.
HOSTILE = {
    "name": '=HYPERLINK("http://example.invalid","点击")',
    "unit": "+86 东坑镇",
    "department": "@SUM(1,2)",
    "indicator": "-1间访前法律咨询工作室",
    "target": "=1+1",
    "annual": "\t年度目标以制表符开头",
    "period": "\r实施周期目标以回车开头",
    "actual": "-2%",
    "deviation": "=cmd|' /C calc'!A0",
}


@pytest.fixture(scope="module")
def table():
    xinfang = next(t for t in read_document(DEMO_DOCUMENT).tables if t.name == "信访事项经费")
    first = replace(xinfang.indicators[0], name=HOSTILE["indicator"],
                    annual_target=parse_target(HOSTILE["target"]), period_target=parse_target(HOSTILE["target"]))
    return replace(xinfang, name=HOSTILE["name"], unit=HOSTILE["unit"], department=HOSTILE["department"],
                   goals=Goals(period=HOSTILE["period"], annual=HOSTILE["annual"]),
                   indicators=[first, *xinfang.indicators[1:]])


@pytest.fixture(scope="module")
def workbooks(table, tmp_path_factory):
    out = tmp_path_factory.mktemp("formula")
    write_xlsx([table], out / "list.xlsx", statuses=["草稿"])
    inputs = [IndicatorInput(actual=HOSTILE["actual"], deviation_analysis=HOSTILE["deviation"])]
    scored = evaluate_table(table, inputs, Execution(None, Decimal(181000), Decimal(171950)))
    write_self_evaluation_xlsx(table, scored, out / "evaluation.xlsx", goal_actual=HOSTILE["deviation"])
    return {"list": out / "list.xlsx", "evaluation": out / "evaluation.xlsx"}


@pytest.mark.parametrize("kind", ["list", "evaluation"])
def test_no_cell_is_a_formula_and_the_text_reads_as_typed(workbooks, kind):
    wb = load_workbook(workbooks[kind])
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    hostile = [v for v in HOSTILE.values() if v in texts]
    assert len(hostile) >= 5, hostile  # the table's name, unit, indicator, targets, goals, …
    for value in hostile:
        assert texts[value].data_type == "s" and texts[value].quotePrefix, value


def test_golden(golden, workbooks):
    golden.check("formula-text.list.xlsx.txt", dump_xlsx(workbooks["list"]))
    golden.check("formula-text.evaluation.xlsx.txt", dump_xlsx(workbooks["evaluation"]))

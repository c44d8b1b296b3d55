"""复核 of a self-evaluation file: every table it holds, recomputed under a rule set.

A JSON file is taken as written (its ``score`` per row, ``published_total`` …); any other format
goes through the readers (``io.read_upload``: text, .html, .docx, .xlsx, .pdf) and what they read of
the published scores. Used by `jixiao recheck` and the web's 复核 page alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from jixiao.core.io import check_json_depth, decode_text, read_upload
from jixiao.core.jsonio import document_from_dict, document_to_dict
from jixiao.core.limits import DEFAULT, Limits
from jixiao.core.model import ReadError, TargetTable
from jixiao.core.scoring.config import ScoringConfig, ScoringError
from jixiao.core.scoring.jsonform import inputs_from_dict, published_from_dict
from jixiao.core.scoring.recheck import TableCheck, recheck_table
from jixiao.core.scoring.table import IndicatorInput


@dataclass
class Rechecked:
    """One table as published (its indicators and what it printed for each) and its 复核."""

    table: TargetTable
    inputs: list[IndicatorInput]
    check: TableCheck


def _raw_and_document(data: bytes, filename: str, limits: Limits):
    if filename.lower().endswith(".json"):
        text, _ = decode_text(data, filename)
        check_json_depth(text, limits, filename)
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as e:
            raise ReadError(f"JSON 格式错误：{e.msg}（第{e.colno}列）", filename, e.lineno) from None
        doc = document_from_dict(raw, filename)
        return (raw["tables"] if isinstance(raw, dict) else raw), doc
    doc = read_upload(data, filename, limits)
    return document_to_dict(doc)["tables"], doc


def recheck_upload(data: bytes, filename: str, config: ScoringConfig, limits: Limits = DEFAULT) -> list[Rechecked]:
    """Every table of the file with its 复核. Raises ReadError (naming the file and, where known, the
    table) for a file that cannot be read or a value that is not a number where one is needed."""
    raw_tables, doc = _raw_and_document(data, filename, limits)
    if not doc.tables:
        raise ReadError("文件中没有找到绩效自评表", filename)
    checks = []
    for i, (table, raw) in enumerate(zip(doc.tables, raw_tables)):
        try:
            inputs, _ = inputs_from_dict(raw, f"tables[{i}]")
            published = published_from_dict(raw, f"tables[{i}]")
        except ScoringError as e:
            raise ReadError(f"项目「{table.name}」：{e.message}", filename) from None
        checks.append(Rechecked(table, inputs, recheck_table(table, inputs, published, config)))
    return checks

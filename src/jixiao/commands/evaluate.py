"""jixiao evaluate FILE: score every table of a self-evaluation (a document in any format, or core JSON
carrying actuals)."""

from __future__ import annotations

import json
import sys

from pathlib import Path

from jixiao.commands._common import read_or_exit
from jixiao.core.jsonio import document_from_dict, dumps
from jixiao.core.model import ReadError
from dataclasses import replace

from jixiao.commands._common import add_rules_argument, rules_or_exit
from jixiao.core.scoring import ScoringError, evaluate_table
from jixiao.core.scoring.jsonform import inputs_from_dict, judged_from_dict, result_to_dict

HELP = "按绩效自评规则为自评表（文本、网页、Word、Excel、PDF 或 JSON）中各项目计分，以 JSON 输出得分、等级和计分说明"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="自评表文档（.txt/.html/.docx/.xlsx/.pdf，读法同 jixiao parse）或核心 JSON 文件，"
                                     "指标可带 actual/weight/rating/rating_score/not_applicable")
    add_rules_argument(parser)
    parser.add_argument("--reverse-formula", choices=("linear", "ratio"), default=None,
                        help="反向指标计分（覆盖规则集）：linear 线性扣减，ratio 指标值 ÷ 实际值")


def _line_of(text: str, needles: list[str]) -> int | None:
    """Line of the last needle, each searched after the previous one (table name, then indicator)."""
    pos, found = 0, None
    for needle in needles:
        at = text.find(needle, pos)
        if at < 0:
            break
        pos, found = at, at
    return None if found is None else text.count("\n", 0, found) + 1


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _read_document(name: str):
    """A self-evaluation in any document format: the tables as ``jixiao parse`` gives them."""
    doc = read_or_exit(name)
    if doc is None:
        return None, None
    return doc, json.loads(dumps(doc))


def _where(table, index: int | None) -> int | None:
    """The line of a document an error is about: the indicator's row, else the table's first."""
    if index is not None and index < len(table.indicators) and table.indicators[index].source is not None:
        return table.indicators[index].source.line
    return table.source.line if table.source is not None else None


def run(args) -> int:
    name = args.file
    text = None
    if Path(name).suffix.lower() != ".json":
        doc, data = _read_document(name)
        if doc is None:
            return 2
        return _evaluate(args, name, doc, data, text)
    try:
        with open(name, encoding="utf-8-sig") as f:
            text = f.read()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ReadError(f"JSON 格式错误：{e.msg}（第{e.colno}列）", name, e.lineno) from None
        doc = document_from_dict(data, name)
    except FileNotFoundError:
        print(str(ReadError("文件不存在", name)), file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as e:
        print(str(ReadError(f"无法读取文件：{getattr(e, 'strerror', None) or e}", name)), file=sys.stderr)
        return 2
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return 2
    return _evaluate(args, name, doc, data, text)


def _evaluate(args, name: str, doc, data, text: str | None) -> int:
    raw_tables = data["tables"] if isinstance(data, dict) else data
    rules = rules_or_exit(getattr(args, "rules", None))
    if rules is None:
        return 2
    config = rules.scoring
    if getattr(args, "reverse_formula", None):
        config = replace(config, reverse_formula=args.reverse_formula)
    out, failed = [], False
    for i, (table, raw) in enumerate(zip(doc.tables, raw_tables)):
        try:
            inputs, execution = inputs_from_dict(raw, f"tables[{i}]")
            result = evaluate_table(table, inputs, execution, config, judged_from_dict(raw, f"tables[{i}]"))
            out.append(result_to_dict(result, execution) | {"results_use": rules.results_use_of(result.grade)})
        except ScoringError as err:
            failed = True
            for e in err.errors:
                if text is None:
                    line = _where(table, e.index)
                else:
                    needles = [_quoted(table.name)]
                    if e.index is not None:
                        needles.append(_quoted(table.indicators[e.index].name) if e.index < len(table.indicators) else "indicators")
                    line = _line_of(text, needles)
                print(str(ReadError(f"项目「{table.name}」：{e.message}", name, line)), file=sys.stderr)
    if failed:
        return 2
    document = {"rules": {"name": rules.name, "version": rules.version, "title": rules.title}, "tables": out}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0

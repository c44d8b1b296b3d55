"""jixiao recheck FILE [--rules NAME] [--format text|json]: 复核 of a published self-evaluation."""

from __future__ import annotations

import json
import sys

from jixiao.commands._common import add_rules_argument, read_or_exit, rules_or_exit
from jixiao.core.jsonio import document_from_dict, document_to_dict
from jixiao.core.model import ReadError
from jixiao.core.scoring import ScoringError
from jixiao.core.scoring.jsonform import inputs_from_dict, published_from_dict
from jixiao.core.scoring.recheck import check_to_dict, recheck_table

HELP = "复核已公布的绩效自评表：按规则集重算每一行，列出与公式不符、合计不符、等级不符等问题"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="带得分的自评表：核心 JSON（每行 score、weight、actual，表 published_total）或其他可读格式")
    add_rules_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")


def _raw_document(name: str):
    """(raw table dicts, Document) of a JSON file, or of any document the readers take."""
    if name.lower().endswith(".json"):
        try:
            with open(name, encoding="utf-8-sig") as f:
                data = json.load(f)
        except FileNotFoundError:
            raise ReadError("文件不存在", name) from None
        except (OSError, UnicodeDecodeError) as e:
            raise ReadError(f"无法读取文件：{getattr(e, 'strerror', None) or e}", name) from None
        except json.JSONDecodeError as e:
            raise ReadError(f"JSON 格式错误：{e.msg}（第{e.colno}列）", name, e.lineno) from None
        return (data["tables"] if isinstance(data, dict) else data), document_from_dict(data, name)
    doc = read_or_exit(name)
    if doc is None:
        return None
    return document_to_dict(doc)["tables"], doc


def format_check(check: dict) -> str:
    lines = [f"【{check['name']}】公布总分 {check['published_total'] or '—'}，复核总分 {check['recomputed_total']}"]
    lines += [f"  ！{p}" for p in check["problems"]]
    for row in check["rows"]:
        for p in row["problems"]:
            lines.append(f"  · {row['name']}：{p}")
    if len(lines) == 1:
        lines.append("  未发现问题")
    return "\n".join(lines)


def run(args) -> int:
    rules = rules_or_exit(args.rules)
    if rules is None:
        return 2
    try:
        loaded = _raw_document(args.file)
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return 2
    if loaded is None:
        return 2
    raw_tables, doc = loaded
    checks = []
    for i, (table, raw) in enumerate(zip(doc.tables, raw_tables)):
        try:
            inputs, _ = inputs_from_dict(raw, f"tables[{i}]")
            published = published_from_dict(raw, f"tables[{i}]")
        except ScoringError as e:
            print(str(ReadError(f"项目「{table.name}」：{e.message}", args.file)), file=sys.stderr)
            return 2
        checks.append(check_to_dict(recheck_table(table, inputs, published, rules.scoring)))
    if args.format == "json":
        print(json.dumps({"tables": checks}, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(format_check(check))
            print()
        found = sum(len(c["problems"]) + sum(len(r["problems"]) for r in c["rows"]) for c in checks)
        print(f"规则集：{rules.label}。共复核 {len(checks)} 张表，发现问题 {found} 处。")
    return 0

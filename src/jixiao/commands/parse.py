"""jixiao parse FILE: read a document and print its tables as the core JSON."""

from __future__ import annotations

import sys

from jixiao.commands._common import read_or_exit
from jixiao.core.jsonio import dumps

HELP = "读取绩效目标表和绩效自评表（文本、网页 .html、Word .docx、JSON、Excel、PDF），以 JSON 输出"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="文档路径")
    parser.add_argument("--quiet", "-q", action="store_true", help="不在标准错误输出修复警告")


def run(args) -> int:
    doc = read_or_exit(args.file)
    if doc is None:
        return 2
    sys.stdout.write(dumps(doc) + "\n")
    if not args.quiet:
        for w in doc.warnings:
            print(f"{args.file}:{w.line or 0}: 警告：{_part(w)}{w.message}", file=sys.stderr)
        for t in doc.tables:
            for w in t.warnings:
                print(f"{args.file}:{w.line or 0}: 警告（{t.name}）：{_part(w)}{w.message}", file=sys.stderr)
    return 0


def _part(w) -> str:
    """The sheet or page a warning's line is in ('工作表“Sheet2”：'), when the file has parts."""
    return f"{w.part}：" if w.part else ""

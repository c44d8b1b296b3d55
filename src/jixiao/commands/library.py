"""jixiao library build FILE… | jixiao library search WORDS…: the 指标库 without a database."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jixiao.commands._common import read_or_exit
from jixiao.core.library import Library, build_library
from jixiao.core.library.coreset import core_set
from jixiao.core.library.jsonform import dumps, load
from jixiao.core.library.search import hit_to_dict, search
from jixiao.core.model import CATEGORIES, ReadError

HELP = "指标库：从目标表整理指标条目（build），按中文或拼音首字母检索（search）"


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="{build,search}")
    build = sub.add_parser("build", help="从文档中的目标表整理指标库，输出 JSON")
    build.add_argument("files", nargs="+", metavar="FILE", help="文档（发布文本、JSON、Excel 或 PDF）")
    build.add_argument("--output", "-o", metavar="FILE", help="写入此文件（默认打印到标准输出）")
    build.add_argument("--base", metavar="LIBRARY", help="在此指标库（JSON）基础上整理，保留其编码")
    build.add_argument("--no-core", action="store_true", help="不并入内置的中央共性指标核心集")
    find = sub.add_parser("search", help="检索指标库，按相关程度打印 JSON")
    find.add_argument("words", nargs="+", metavar="WORDS", help="检索词（中文词语或拼音首字母，如 xchd）")
    find.add_argument("--library", metavar="FILE", help="指标库 JSON（默认：核心集加内置示例目标表）")
    find.add_argument("--limit", type=int, default=10, help="最多列出几条（默认 10）")
    find.add_argument("--category", choices=CATEGORIES, help="只列此二级指标类别")


def default_library() -> Library:
    """The core set plus the entries of the bundled demo tables: what `search` uses without --library."""
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT

    library, _ = build_library([read_document(DEMO_DOCUMENT)], base=core_set())
    return library


def _write(path: str, text: str) -> None:
    """Replace ``path`` in one step, so a failed run leaves no half-written library."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _build(args) -> int:
    documents = []
    for path in args.files:
        document = read_or_exit(path)
        if document is None:
            return 2
        documents.append(document)
    try:
        base = load(args.base) if args.base else Library()
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return 2
    if not args.no_core:
        known = {e.code for e in base}
        base = Library([*base, *(e for e in core_set() if e.code not in known)])
    library, report = build_library(documents, base=base)
    text = dumps(library) + "\n"
    if args.output:
        try:
            _write(args.output, text)
        except OSError as e:
            print(f"{args.output}: 无法写入：{e.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    print(report.summary(), file=sys.stderr)
    return 0


def _search(args) -> int:
    try:
        library = load(args.library) if args.library else default_library()
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return 2
    hits = search(library, " ".join(args.words), limit=max(args.limit, 0), category=args.category)
    print(json.dumps({"entries": [hit_to_dict(h) for h in hits]}, ensure_ascii=False, indent=2))
    return 0


def run(args) -> int:
    return _build(args) if args.action == "build" else _search(args)

"""jixiao convert SRC DEST: convert target tables between formats, chosen by file extension."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from jixiao.commands._common import read_or_exit

HELP = "按扩展名转换绩效目标表：读公开文本/.json/.xlsx/.pdf，写 .json/.xlsx/.pdf"
WRITERS = (".json", ".xlsx", ".pdf")


def add_arguments(parser) -> None:
    parser.add_argument("src", help="源文件（公开文本、.json、.xlsx、.pdf）")
    parser.add_argument("dest", help="目标文件（.json、.xlsx、.pdf）")
    parser.add_argument("--unit", help="PDF 页眉中的单位名称（默认取自表格）")
    parser.add_argument("--year", type=int, help="PDF 页眉中的年度（默认取自表格）")


def _write(doc, dest: Path, unit: str | None, year: int | None) -> None:
    suffix = dest.suffix.lower()
    if suffix == ".json":
        from jixiao.core.jsonio import dumps

        dest.write_text(dumps(doc) + "\n", encoding="utf-8")
    elif suffix == ".xlsx":
        from jixiao.core.xlsx import write_xlsx

        write_xlsx(doc, dest)
    else:
        from jixiao.core.pdf import write_pdf

        write_pdf(doc, dest, unit=unit, year=year)


def run(args) -> int:
    dest = Path(args.dest)
    if dest.suffix.lower() not in WRITERS:
        print(f"{args.dest}: 不支持的输出格式“{dest.suffix or '无扩展名'}”，请用 .json、.xlsx 或 .pdf", file=sys.stderr)
        return 2
    doc = read_or_exit(args.src)
    if doc is None:
        return 2
    if not doc.tables:
        print(f"{args.src}: 没有读到任何项目绩效目标表，未写出文件", file=sys.stderr)
        return 2
    # Write next to the destination, then rename: a failure leaves no half-written file.
    fd, tmp = tempfile.mkstemp(suffix=dest.suffix, dir=dest.parent if str(dest.parent) else ".")
    os.close(fd)
    try:
        _write(doc, Path(tmp), args.unit, args.year)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result is an ordinary file
        os.replace(tmp, dest)
    except OSError as e:
        print(f"{args.dest}: 无法写出文件：{e.strerror or e}", file=sys.stderr)
        return 2
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    count = sum(len(t.indicators) for t in doc.tables)
    print(f"已写出 {args.dest}：{len(doc.tables)} 张表，{count} 个三级指标", file=sys.stderr)
    return 0

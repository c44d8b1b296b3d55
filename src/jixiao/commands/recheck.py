"""jixiao recheck FILE [--rules NAME] [--format text|json]: 复核 of a published self-evaluation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jixiao.commands._common import add_rules_argument, rules_or_exit
from jixiao.core.limits import check_size
from jixiao.core.model import ReadError
from jixiao.core.recheck_upload import recheck_upload
from jixiao.core.scoring.recheck import check_to_dict
from jixiao.reader_limits import LimitSettingError, limits_from_environment

HELP = "复核已公布的绩效自评表：按规则集重算每一行，列出与公式不符、合计不符、等级不符等问题"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="带得分的自评表：核心 JSON（每行 score、weight、actual，表 published_total）或其他可读格式")
    add_rules_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")


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
        limits = limits_from_environment()
        check_size(Path(args.file), limits)  # refuse an oversized file before reading it
        with open(args.file, "rb") as f:
            data = f.read()
        checks = [check_to_dict(r.check) for r in recheck_upload(data, args.file, rules.scoring, limits)]
    except LimitSettingError as e:
        print(f"配置错误：{e}", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(str(ReadError("文件不存在", args.file)), file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(str(ReadError("这是一个目录，不是文件", args.file)), file=sys.stderr)
        return 2
    except OSError as e:
        print(str(ReadError(f"无法读取文件：{e.strerror}", args.file)), file=sys.stderr)
        return 2
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps({"tables": checks}, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(format_check(check))
            print()
        found = sum(len(c["problems"]) + sum(len(r["problems"]) for r in c["rows"]) for c in checks)
        print(f"规则集：{rules.label}。共复核 {len(checks)} 张表，发现问题 {found} 处。")
    return 0

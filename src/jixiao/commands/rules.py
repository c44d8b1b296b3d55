"""jixiao rules list: the rule sets (规则集) that scoring, monitoring and review can follow."""

from __future__ import annotations

from jixiao.commands._common import rules_or_exit
from jixiao.core.rules import DEFAULT_NAME, available

HELP = "列出可用的规则集（计分、等级、运行监控和审核规则），或显示一个规则集的依据"


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=("list", "show"), help="list：列出全部；show NAME|FILE：显示一个")
    parser.add_argument("name", nargs="?", help="show 时的规则集名称或文件")


def _line(rules) -> str:
    default = "（默认）" if rules.name == DEFAULT_NAME else ""
    return f"{rules.name:<14}{rules.title}{default}　{rules.jurisdiction}，{rules.version} 版　依据：" + \
        "、".join(s.number for s in rules.sources)


def run(args) -> int:
    if args.action == "list":
        for rules in available():
            print(_line(rules))
        return 0
    rules = rules_or_exit(args.name)
    if rules is None:
        return 2
    print(_line(rules))
    if rules.summary:
        print(rules.summary)
    for s in rules.sources:
        print(f"  {s.citation}：{s.covers}")
    return 0

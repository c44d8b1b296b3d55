"""jixiao summary [FILE]: a readable summary of every table in a document (default: the demo)."""

from __future__ import annotations

from jixiao.commands._common import read_or_exit
from jixiao.core.model import CATEGORY_LABELS, TargetTable
from jixiao.core.numbers import money
from jixiao.demo import DEMO_DOCUMENT

HELP = "打印文档中每张项目绩效目标表的摘要（默认读取内置示例文档）"


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", default=str(DEMO_DOCUMENT), help="文档路径")


def _money(amount) -> str:
    return "—" if amount is None else f"{money(amount)} 元"


def _target(v) -> str:
    return v.text if v is not None else "（空）"


def format_table(t: TargetTable) -> str:
    lines = [
        f"【{t.name}】",
        f"  项目类型：{t.type}　项目等级：{t.level}",
        f"  主管部门：{t.department}　用款单位：{t.unit}",
        f"  实施周期：{t.period_start}–{t.period_end}　{t.year}年预算金额：{_money(t.budget)}",
        f"  绩效指标：{len(t.indicators)} 个",
    ]
    for ind in t.indicators:
        label = CATEGORY_LABELS.get(ind.category or "", "？")
        lines.append(
            f"    {label:<8}{ind.name}：实施周期 {_target(ind.period_target)}；当年度 {_target(ind.annual_target)}"
        )
    if t.warnings:
        lines.append(f"  读取时修复 {len(t.warnings)} 处：")
        lines.extend(f"    第{w.line}行：{w.message}" for w in t.warnings)
    return "\n".join(lines)


def run(args) -> int:
    doc = read_or_exit(args.file)
    if doc is None:
        return 2
    for t in doc.tables:
        print(format_table(t))
        print()
    total = sum(len(t.indicators) for t in doc.tables)
    print(f"共 {len(doc.tables)} 张项目绩效目标表，{total} 个三级指标。")
    return 0

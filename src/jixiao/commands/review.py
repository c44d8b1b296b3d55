"""jixiao review FILE [--format json|text]: run the review rules on every table of a document."""

from __future__ import annotations

import json

from jixiao.commands._common import add_rules_argument, read_or_exit, rules_or_exit
from jixiao.core.review import SEVERITIES, SEVERITY_LABELS, TableReview, has_errors, review_document, review_to_dict

HELP = "按审核规则检查文档中的每张项目绩效目标表（有错误时退出码为 1）"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="文档路径（发布文本 .txt 或 JSON）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    add_rules_argument(parser)


def format_review(review: TableReview) -> str:
    counts = "，".join(
        f"{SEVERITY_LABELS[s]} {n}" for s in SEVERITIES if (n := sum(f.severity == s for f in review.findings))
    )
    lines = [f"【{review.name}】{counts or '未发现问题'}"]
    for f in review.findings:
        lines.append(f"  [{SEVERITY_LABELS[f.severity]}] {f.rule}：{f.message}")
    return "\n".join(lines)


def _basis(rules) -> str:
    """The document the review grades rest on (财预〔2015〕88号 in the shipped sets)."""
    return next((s.number for s in rules.sources if "审核" in s.covers), rules.sources[0].number)


def run(args) -> int:
    rules = rules_or_exit(getattr(args, "rules", None))
    doc = read_or_exit(args.file) if rules is not None else None
    if doc is None:
        return 2
    reviews = review_document(doc, rules.review)
    if args.format == "json":
        data = review_to_dict(reviews)
        data["rules"] = {"name": rules.name, "version": rules.version, "title": rules.title,
                         "grades": [{"grade": g, "consequence": c} for g, c in rules.review_grades]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for review in reviews:
            print(format_review(review))
            print()
        findings = [f for r in reviews for f in r.findings]
        totals = "，".join(f"{SEVERITY_LABELS[s]} {sum(f.severity == s for f in findings)} 条" for s in SEVERITIES)
        print(f"共审核 {len(reviews)} 张表：{totals}。")
        print(f"规则集：{rules.label}。审核结果分级（{_basis(rules)}）："
              + "；".join(f"{g}——{c}" for g, c in rules.review_grades) + "。")
    return 1 if any(has_errors(r.findings) for r in reviews) else 0

"""jixiao review FILE [--format json|text]: run the review rules on every table of a document."""

from __future__ import annotations

import json

from jixiao.commands._common import read_or_exit
from jixiao.core.review import SEVERITIES, SEVERITY_LABELS, TableReview, has_errors, review_document, review_to_dict

HELP = "按审核规则检查文档中的每张项目绩效目标表（有错误时退出码为 1）"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="文档路径（发布文本 .txt 或 JSON）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")


def format_review(review: TableReview) -> str:
    counts = "，".join(
        f"{SEVERITY_LABELS[s]} {n}" for s in SEVERITIES if (n := sum(f.severity == s for f in review.findings))
    )
    lines = [f"【{review.name}】{counts or '未发现问题'}"]
    for f in review.findings:
        lines.append(f"  [{SEVERITY_LABELS[f.severity]}] {f.rule}：{f.message}")
    return "\n".join(lines)


def run(args) -> int:
    doc = read_or_exit(args.file)
    if doc is None:
        return 2
    reviews = review_document(doc)
    if args.format == "json":
        print(json.dumps(review_to_dict(reviews), ensure_ascii=False, indent=2))
    else:
        for review in reviews:
            print(format_review(review))
            print()
        findings = [f for r in reviews for f in r.findings]
        totals = "，".join(f"{SEVERITY_LABELS[s]} {sum(f.severity == s for f in findings)} 条" for s in SEVERITIES)
        print(f"共审核 {len(reviews)} 张表：{totals}。")
    return 1 if any(has_errors(r.findings) for r in reviews) else 0

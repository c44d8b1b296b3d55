"""docs/review-rules.md is generated from the rule registry and must not go stale."""

import re
from pathlib import Path

from jixiao.core.io import read_document
from jixiao.core.review import RULES, review_document, rules_markdown
from jixiao.demo import DEMO_DOCUMENT

DOC = Path(__file__).resolve().parents[2] / "docs" / "review-rules.md"


def test_rule_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/review-rules.md is stale: run `python -m jixiao.core.review > docs/review-rules.md`"
    )


def test_every_rule_is_documented_with_its_basis():
    text = rules_markdown()
    for rule in RULES.values():
        assert f"### `{rule.id}` {rule.title}" in text
        assert rule.basis in text
        assert re.search(r"《[^》]+》（[^）]+〔\d{4}〕\d+号）", rule.basis) or "本系统审核口径" in rule.basis, rule.id


# Evidence marks, source codes and file names that only the people who wrote the rules know.
INTERNALS = re.compile(r"\[[CIU]\b|\[U\]|S-[a-z]|§|domain-rules|Jixiao|\.md\b")


def test_users_read_no_internal_marks():
    """Rule texts, the reference and the findings on the demo cite regulations by name only."""
    texts = [rules_markdown().replace("docs/review-rules.md", "")]
    texts += [f"{r.title} {r.basis} {r.explanation}" for r in RULES.values()]
    texts += [f.message for review in review_document(read_document(DEMO_DOCUMENT)) for f in review.findings]
    for text in texts:
        assert not INTERNALS.search(text), text

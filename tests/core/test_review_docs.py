"""docs/review-rules.md is generated from the rule registry and must not go stale."""

from pathlib import Path

from jixiao.core.review import RULES, rules_markdown

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
        assert any(tag in rule.basis for tag in ("[C", "[I", "[U", "Jixiao", "本系统审核口径")), rule.id

"""Each rule is defined in one module (docs/architecture.md, "One place for each rule").

A second copy is found by what it has to contain: a decimal parser needs ``InvalidOperation``, a
light label is the literal "红灯", a lock message says "审核期间". Each rule below names the text
that gives a copy away and the one module allowed to hold it; a hit anywhere else fails with the
file and line, so the copy is replaced by a call to the module that owns the rule.
"""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "jixiao"

# rule → (pattern of a copy, the modules that may hold it, what to use instead)
RULES = {
    "decimal parser": (r"\bInvalidOperation\b", {"core/numbers.py"}, "core.numbers.parse_decimal"),
    "integer parser": (r"try:\s*return int\(", {"core/numbers.py"}, "core.numbers.parse_int"),
    "money format": (r":,\.2f\}", {"core/numbers.py"}, "core.numbers.money"),
    "percentage format": (r"\*\s*(?:100|HUNDRED)\b[^\"'\n/]*\}%", {"core/numbers.py"},
                          "core.numbers.percent / short_percent"),
    "editable status set": (r"Status\.(?:DRAFT|RETURNED|SUBMITTED|APPROVED)\s*,\s*Status\.", {"web/workflow.py"},
                            "workflow.EDITABLE / Reviewed.is_editable"),
    "lock wording": (r"审核期间|内容已锁定", {"web/workflow.py"}, "Reviewed.locked_reason / workflow.LOCKED_REASONS"),
    "ownership": (r"Role\.STAFF and unit_of|unit\.id == unit_id", {"web/workflow.py"},
                  "workflow.owns / acts_for_a_unit"),
    "light labels": (r"[\"'](?:红灯|黄灯|绿灯)[\"']", {"core/scoring/config.py"}, "core.scoring.LIGHT_LABELS"),
    "light order": (r"[\"']red[\"'],\s*[\"']yellow[\"']", {"core/scoring/config.py"},
                    "core.scoring.LIGHTS / worst_light"),
    "grade bands": (r"Decimal\((?:90|80|60)\),\s*[\"']", {"core/scoring/config.py"}, "ScoringConfig.grades"),
    "category → block map": (r"^\s*CATEGORY_BLOCK\s*=|[\"']output[\"']:\s*[\"']产出", {"core/categories.py"},
                             "core.categories.CATEGORY_BLOCK / block_of"),
    "form headings": (r"没有保存：请改正", {"web/workflow.py"}, "workflow.NOT_SAVED"),
    "no findings": (r"按审核规则未发现问题", {"core/review/registry.py"}, "core.review.NO_FINDINGS"),
    "list-or-search threshold": (r"^PICKER_\w+\s*=", {"web/targets/queries.py"}, "targets.queries.listable"),
    "rows per page": (r"^(?:PAGE_SIZE|UNITS_PER_PAGE)\s*=", {"web/paging.py"}, "web.paging.PAGE_SIZE / UNITS_PER_PAGE"),
}

# Thresholds and grades come from ScoringConfig / ReviewConfig: no template types them.
TEMPLATE_THRESHOLD = re.compile(r"(?<![\d.])(?:60|80|90)\s*(?:%|％|分)|红灯|黄灯|绿灯|审核期间")


def _sources():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(SRC).as_posix(), path.read_text(encoding="utf-8")


def _copies(pattern: str, allowed: set[str]) -> list[str]:
    found = re.compile(pattern, re.MULTILINE)
    return [f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for name, text in _sources() if name not in allowed for m in found.finditer(text)]


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_is_defined_once(rule):
    pattern, allowed, instead = RULES[rule]
    assert _copies(pattern, allowed) == [], f"{rule}: use {instead}"


@pytest.mark.parametrize("rule", RULES)
def test_the_owner_really_defines_it(rule):
    """A rule whose pattern matches nowhere would guard nothing: the owner must hold the definition."""
    pattern, allowed, _ = RULES[rule]
    found = re.compile(pattern, re.MULTILINE)
    assert any(found.search((SRC / name).read_text(encoding="utf-8")) for name in allowed), rule


def test_templates_type_no_threshold_light_or_lock_wording():
    hits = [f"{path.relative_to(SRC)}: {m.group(0)}"
            for path in sorted(SRC.rglob("*.html"))
            for m in TEMPLATE_THRESHOLD.finditer(path.read_text(encoding="utf-8"))]
    assert hits == []

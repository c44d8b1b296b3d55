"""Target-value grammar. PLACEHOLDER: being replaced by the real grammar (see docs/architecture.md)."""

from __future__ import annotations

from jixiao.core.model import TargetValue


def parse_target(text: str, category: str | None = None) -> TargetValue:
    return TargetValue(text=text)


def format_target(value: TargetValue) -> str:
    return value.text


def explain_target(value: TargetValue) -> str:
    return value.text

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jixiao.core.model import DIRECTIONS, KINDS, TargetValue
from jixiao.core.targets import explain_target, format_target, parse_target

from test_targets import DEMO_TARGETS  # tests/core is on sys.path (rootdir-less test dirs)

UNITS = [None, "%", "次", "人", "份", "个", "间", "家", "户", "场", "件", "元", "万元",
         "元/份", "元/人", "元/人/年", "万元/年", "元/份(个)"]  # fmt: skip
CATEGORIES = [None, "cost", "quantity", "timeliness"]
WORDS = "良好优秀合格等级标准基本全体有效维护长期提升健全每周三五六"


def meaning(v: TargetValue):
    return (v.kind, v.op, v.value, v.upper, v.unit, v.direction, v.deadline, v.label, [meaning(p) for p in v.parts])


decimals = st.builds(
    lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**9), st.integers(0, 3)
)


@st.composite
def numerics(draw, label=None):
    op = draw(st.sampled_from([">=", "<=", ">", "<", "=", "±", "range"]))
    value = draw(decimals)
    upper = value + draw(decimals) if op == "range" else None
    direction = {">=": "higher", ">": "higher", "<=": "lower", "<": "lower"}.get(op, "exact")
    unit = draw(st.sampled_from(UNITS))
    return TargetValue(
        text="", kind="numeric", op=op, value=value, upper=upper, unit=unit, direction=direction, label=label
    )


deadlines = st.builds(
    lambda d: TargetValue(text="", kind="deadline", direction="deadline", deadline=d),
    st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
)
words = st.text(st.sampled_from(WORDS), min_size=1, max_size=8)
qualitatives = st.builds(lambda t: TargetValue(text=t), words)


@st.composite
def labelled_composites(draw):
    labels = draw(st.lists(words, min_size=2, max_size=4))
    parts = [draw(numerics(label=label)) for label in labels]
    return TargetValue(text="", kind="composite", direction=parts[0].direction, parts=parts)


@st.composite
def schedules(draw):
    # A schedule reads '每…' ('1人/每周三'); a tail that starts with a unit word would extend the unit.
    parts = [draw(numerics()), TargetValue(text="每" + draw(words))]
    return TargetValue(text="", kind="composite", direction=parts[0].direction, parts=parts)


values = numerics() | deadlines | qualitatives | labelled_composites() | schedules()


@given(values, st.sampled_from(CATEGORIES))
def test_format_then_parse_keeps_the_meaning(v, category):
    parsed = parse_target(format_target(v), category)
    assert parsed.warning is None
    assert meaning(parsed) == meaning(v)


GRAMMAR_CHARS = "0123456789.,%％≥≤<>=±-~～至到以上下内及元万次人份间个/年月日底前完成：；，有效维护长期及时第季度 "


@given(st.text(st.sampled_from(GRAMMAR_CHARS), max_size=20) | st.text(max_size=20), st.sampled_from(CATEGORIES))
@example("约≥3次?", None)
@example("#$%", None)
@example("", None)
@example("2024年2月30日前", None)
def test_parse_never_raises_and_what_it_reads_survives_a_round_trip(text, category):
    v = parse_target(text, category)
    assert v.text == text.strip()
    assert v.kind in KINDS and v.direction in DIRECTIONS
    assert explain_target(v)
    if v.warning is not None:
        assert (v.kind, v.direction) == ("qualitative", "qualitative")
        return
    assert meaning(parse_target(format_target(v), category)) == meaning(v)


@pytest.mark.parametrize("text", DEMO_TARGETS)
@pytest.mark.parametrize("category", [None, "cost"])
def test_demo_targets_are_stable_under_format(text, category):
    v = parse_target(text, category)
    again = parse_target(format_target(v), category)
    assert meaning(again) == meaning(v)
    assert format_target(again) == format_target(v)

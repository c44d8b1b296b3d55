"""The one category → 二级 label → 一级 block table, and everything that reads it."""

import pytest

from jixiao.core import categories
from jixiao.core.categories import (
    BENEFIT, BLOCK_LEVEL1, CATEGORY_LABELS, CATEGORY_LEVEL1, COST, OUTPUT, SATISFACTION, block_of, categories_in,
    category_of, level1_block, level1_kind,
)
from jixiao.core.io import read_document
from jixiao.core.review import common as review_common
from jixiao.core.scoring import DEFAULT_CONFIG, weights
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def demo_indicators():
    return [i for t in read_document(DEMO_DOCUMENT).tables for i in t.indicators]


def test_blocks_and_their_categories():
    assert categories_in(OUTPUT) == ("quantity", "quality", "timeliness")
    assert categories_in(COST) == ("cost",)
    assert categories_in(BENEFIT) == ("economic", "social", "ecological", "sustainability")
    assert categories_in(SATISFACTION) == ("satisfaction",)
    assert CATEGORY_LEVEL1["timeliness"] == "产出指标" and CATEGORY_LEVEL1["ecological"] == "效益指标"
    assert CATEGORY_LABELS["sustainability"] == "可持续影响指标"


@pytest.mark.parametrize(
    "label, block, kind",
    [("产出指标", OUTPUT, "产出"), ("预期产出指标", OUTPUT, "产出"), ("效果指标", BENEFIT, "效益"),
     ("成本指标", COST, "成本"), ("满意度指 标", SATISFACTION, "满意度"), ("产出指标(50分)", OUTPUT, "产出"),
     ("数量指标", None, None), ("产出", None, None)],
)
def test_level1_labels_as_written(label, block, kind):
    assert level1_block(label) == block
    assert level1_kind(label) == kind


def test_category_decides_and_level1_fills_in():
    assert block_of("cost", "产出指标") == COST  # 成本指标 under 产出: the category wins
    assert block_of(None, "效益指标") == BENEFIT
    assert block_of(None, "") is None
    assert category_of("成本指标", "") == "cost" and category_of("满意度指标", "") == "satisfaction"


def test_demo_labels_agree_with_the_table(demo_indicators):
    """Every 一级 label written in the demo names the block its category sits in, except 成本指标
    written under 产出指标 (the other official layout)."""
    for ind in demo_indicators:
        expected = categories.CATEGORY_BLOCK[ind.category]
        written = level1_block(ind.level1)
        assert written == expected or (ind.category == "cost" and written == OUTPUT), ind.name


def test_review_and_scoring_read_the_same_table(demo_indicators):
    assert {block_of(i.category, i.level1) for i in demo_indicators} == set(BLOCK_LEVEL1)
    for ind in demo_indicators:
        block = block_of(ind.category, ind.level1)
        assert review_common.block_of(ind) == block
        assert weights.block_of(ind, DEFAULT_CONFIG) == (OUTPUT if block == COST else block)  # 成本 inside 产出

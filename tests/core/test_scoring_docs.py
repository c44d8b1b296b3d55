"""docs/scoring.md is generated from ScoringConfig and must not go stale."""

from decimal import Decimal as D
from pathlib import Path

from jixiao.core.scoring import DEFAULT_CONFIG, ScoringConfig
from jixiao.core.scoring.config import central_blocks
from jixiao.core.scoring.reference import scoring_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def test_scoring_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == scoring_markdown(), (
        "docs/scoring.md is stale: run `python -m jixiao.core.scoring > docs/scoring.md`"
    )


def test_every_number_comes_from_the_config():
    other = ScoringConfig(
        blocks=central_blocks(output=40), budget_weight=D(20),
        grades=((D(80), "优"), (D(70), "良"), (D(60), "中")), red_below=D("0.5"), yellow_below=D("0.7"),
        budget_reason_below=D("0.85"), reverse_formula="ratio", shortfall_light="red",
    )
    text = scoring_markdown(other)
    for expected in ("| 产出指标 | 40 |", "| 预算执行率 | 20 |", "| 优 | 80 分及以上 |", "| 良 | 70 分至 80 分以下 |",
                     "低于 50% 为红灯，低于 70% 为黄灯", "预算执行率低于 85% 的，须说明原因",
                     "否则 得分 = 指标值 ÷ 实际完成值 × 分值（比值", "达不到指标值的为红灯"):
        assert expected in text, expected
    default = scoring_markdown(DEFAULT_CONFIG)
    assert "| 优 | 90 分及以上 |" in default and "| 优 | 80 分及以上 |" not in default


def test_page_rules_describe_the_config():
    rules = DEFAULT_CONFIG.describe()
    assert rules["lights"]["execution"] == "执行率 ÷ 时间进度低于 60% 为红灯，低于 80% 为黄灯，其余为绿灯"
    assert rules["grade_names"] == ("优", "良", "中", "差")
    assert rules["grade_rule"] == "优 90 分及以上；良 80 分至 90 分以下；中 60 分至 80 分以下；差 60 分以下"
    assert rules["budget_reason"] == "预算执行率低于 90% 的，须说明原因"
    assert rules["light_labels"] == {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "未填报"}

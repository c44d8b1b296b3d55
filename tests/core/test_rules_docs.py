"""docs/rules.md is generated from the rule set files and must not go stale."""

from pathlib import Path

from jixiao.core.rules import available
from jixiao.core.rules.reference import rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m jixiao.core.rules > docs/rules.md`"
    )


def test_every_rule_set_with_its_sources_and_numbers():
    text = rules_markdown()
    for rules in available():
        assert f"名称 `{rules.name}`，{rules.version} 版" in text
        for source in rules.sources:
            assert source.citation in text
    assert "| 绩效指标 | 90 | 产出指标、成本指标、效益指标、满意度指标 |" in text  # sichuan
    assert "| 预算执行情况 | 20 | 见下文“预算执行率” |" in text  # hubei, transfer
    assert "| 年度目标完成情况 | 20 | 不设指标，由评价人整体评分 |" in text  # transfer
    assert "本规则不对预算执行率计分" in text  # as-printed
    assert "执行率按时点预警：4月30日前不低于 25%" in text and "10 个工作日内选择继续执行、调剂、取消" in text

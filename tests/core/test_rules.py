"""Rule sets as data: the five shipped sets, their sources, loading files and refusing bad ones."""

import subprocess
import sys

import pytest

from jixiao.core.rules import DEFAULT_NAME, RULES_DIR, RuleSetError, available, load, parse
from jixiao.core.scoring import DEFAULT_CONFIG

CENTRAL = (RULES_DIR / "central-2020.toml").read_text(encoding="utf-8")


def test_five_rule_sets_each_citing_official_documents():
    sets = {r.name: r for r in available()}
    assert list(sets)[0] == DEFAULT_NAME == "central-2020"
    assert set(sets) == {"central-2020", "sichuan", "hubei", "transfer", "as-printed"}
    for rules in sets.values():
        assert rules.sources and all("〔" in s.number or "报表编号" in s.number for s in rules.sources), rules.name
        assert rules.scoring.grade_names == ("优", "良", "中", "差")
        assert [g for g, _ in rules.results_use] == list(rules.scoring.grade_names)
    assert sets["central-2020"].sources[0].citation == "财预〔2020〕10号《项目支出绩效评价管理办法》"
    assert any(s.number == "川财绩〔2025〕10号" for s in sets["sichuan"].sources)
    assert any(s.number == "鄂财绩发〔2020〕3号" for s in sets["hubei"].sources)
    assert any(s.number == "财预〔2015〕163号" for s in sets["transfer"].sources)


def test_the_default_rule_set_is_the_default_config():
    assert load().scoring == DEFAULT_CONFIG
    assert load("central-2020") is load()


def test_block_structures():
    points = {r.name: (r.scoring.block_weights(), r.scoring.budget_method, r.scoring.budget_points) for r in available()}
    d = __import__("decimal").Decimal
    assert points["central-2020"] == ({"output": d(50), "benefit": d(30), "satisfaction": d(10)}, "proportional", d(10))
    assert points["sichuan"] == ({"indicators": d(90)}, "proportional", d(10))
    assert points["hubei"] == ({"indicators": d(80)}, "proportional", d(20))
    assert points["transfer"] == ({"goals": d(20), "indicators": d(50), "satisfaction": d(10)}, "proportional", d(20))
    assert points["as-printed"] == ({"output": None, "benefit": None, "satisfaction": None}, "none", d(0))


def test_sichuan_monitoring_checkpoints_and_choice():
    s = load("sichuan").scoring
    assert [(c.month, c.day, str(c.min_rate)) for c in s.checkpoints] == [
        (4, 30, "0.25"), (6, 30, "0.4"), (8, 31, "0.6"), (10, 31, "0.8")]
    assert s.light_basis == "checkpoints" and str(s.gap_points) == "10"
    assert s.unit_choice.options == ("继续执行", "调剂", "取消") and s.unit_choice.working_days == 10


def test_a_rule_set_file_is_loaded_by_path(tmp_path):
    path = tmp_path / "dongguan.toml"
    path.write_text(CENTRAL.replace('name = "central-2020"', 'name = "dongguan"').replace(
        "at_least = 90", "at_least = 85"), encoding="utf-8")
    rules = load(str(path))
    assert rules.name == "dongguan" and rules.scoring.grade(86) == "优"
    assert rules.text.startswith("# 财政部")


@pytest.mark.parametrize("change, message", [
    (("points = 50", 'points = "五十"'), "scoring.blocks.0.points：不符合规则集格式"),
    (("[monitoring]", "[monitoring]\nbasis2 = 1"), "monitoring：不符合规则集格式"),
    (("points = 50", "points = 60"), "一级指标分值与预算执行率分值合计为 110 分，应为 100 分"),
    (('name = "差"', 'name = "差"\nat_least = 0'), "除最低一档外每档须有 at_least"),
    (('grade = "优"', 'grade = "甲"'), "results_use：等级「甲」不在计分等级"),
    (('cutoff = "07-31"', 'cutoff = "02-30"'), "monitoring.cutoff：日期「02-30」无效"),
    (("[scoring]", "[scoring"), "TOML 格式错误"),
])
def test_bad_rule_sets_are_refused_naming_the_key(tmp_path, change, message):
    path = tmp_path / "bad.toml"
    path.write_text(CENTRAL.replace(*change, 1), encoding="utf-8")
    with pytest.raises(RuleSetError) as err:
        load(str(path))
    assert str(err.value).startswith(f"{path}：") and message in str(err.value)


def test_unknown_name():
    with pytest.raises(RuleSetError, match="没有名为「guangdong」的规则集；可用：central-2020、"):
        load("guangdong")
    with pytest.raises(RuleSetError, match="文件不存在"):
        load("/nonexistent/x.toml")
    with pytest.raises(RuleSetError):
        parse("name = 1")


def test_rules_list_command():
    out = subprocess.run([sys.executable, "-m", "jixiao.cli", "rules", "list"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 5 and lines[0].startswith("central-2020") and "（默认）" in lines[0]
    assert "财预〔2020〕10号" in lines[0]
    bad = subprocess.run([sys.executable, "-m", "jixiao.cli", "rules", "show", "nope"], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr

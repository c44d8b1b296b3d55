"""Monitoring by the rule set: Sichuan's calendar checkpoints, the completion-vs-execution gap and
the unit's choice within 10 working days (weekends, 2025 holidays and make-up workdays)."""

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.core.model import Indicator
from jixiao.core.rules import load
from jixiao.core.scoring import execution_light
from jixiao.core.scoring.schedule import choice_deadline, choice_overdue, completion_gap, target_completion
from jixiao.core.targets import parse_target

SICHUAN = load("sichuan").scoring
CENTRAL = load("central-2020").scoring


@pytest.mark.parametrize("cutoff, spent, color, words", [
    (date(2025, 3, 31), "10", "green", "尚未到第一个检查时点（4月30日）"),
    (date(2025, 4, 30), "20", "red", "低于4月30日前应达到的 25%：红灯（预警）"),
    (date(2025, 6, 30), "35", "red", "低于6月30日前应达到的 40%"),
    (date(2025, 7, 31), "45", "green", "不低于6月30日前应达到的 40%：绿灯"),
    (date(2025, 10, 31), "79.99", "red", "低于10月31日前应达到的 80%"),
])
def test_sichuan_checkpoints(cutoff, spent, color, words):
    light = execution_light(D(spent), D(100), cutoff, SICHUAN)
    assert light.color == color and words in light.explanation


def test_the_same_figures_by_elapsed_share_under_central():
    # 35 % at 30 June: 35 ÷ 50 = 70 % of time progress → yellow by the central rules, red in Sichuan
    assert execution_light(D(35), D(100), date(2025, 6, 30), CENTRAL).color == "yellow"
    assert execution_light(D(35), D(100), date(2025, 6, 30), SICHUAN).color == "red"


def test_completion_vs_execution_gap():
    gap = completion_gap(D("0.8"), D("0.6"), SICHUAN)
    assert gap.warning and gap.points == D(20)
    assert gap.explanation == "绩效目标完成进度 80%，预算执行进度 60%，相差 20 个百分点，超过 10 个百分点，预警。"
    assert not completion_gap(D("0.65"), D("0.6"), SICHUAN).warning
    assert completion_gap(D("0.8"), D("0.6"), CENTRAL) is None  # not a central rule


def test_target_completion_from_values_so_far():
    inds = [Indicator("产出指标", "数量指标", "quantity", "培训次数", annual_target=parse_target("≥10次", "quantity")),
            Indicator("产出指标", "质量指标", "quality", "合格率", annual_target=parse_target("≥90%", "quality")),
            Indicator("效益指标", "社会效益指标", "social", "群众认可", annual_target=parse_target("有效提升", "social"))]
    # 6 of 10 → 60 %; 90 % of ≥90 % → 100 %; the qualitative one has no value: (0.6 + 1) ÷ 2 = 80 %
    assert target_completion(inds, ["6次", "90%", None], SICHUAN) == D("0.8")
    assert target_completion(inds, [None, None, None], SICHUAN) is None


@pytest.mark.parametrize("warned, deadline", [
    (date(2025, 9, 26), date(2025, 10, 16)),  # Sun 28 Sep and Sat 11 Oct are worked; 1–8 Oct are holidays
    (date(2025, 4, 30), date(2025, 5, 19)),  # 1–5 May holidays
    (date(2025, 3, 3), date(2025, 3, 17)),  # two plain weeks
])
def test_choice_deadline_in_working_days(warned, deadline):
    assert choice_deadline(warned, SICHUAN) == deadline
    assert not choice_overdue(warned, deadline, chosen=False, config=SICHUAN)
    assert choice_overdue(warned, date.fromordinal(deadline.toordinal() + 1), chosen=False, config=SICHUAN)
    assert not choice_overdue(warned, date(2026, 1, 1), chosen=True, config=SICHUAN)
    assert choice_deadline(warned, CENTRAL) is None


def test_rules_in_words():
    assert SICHUAN.light_rules()["execution"].startswith("执行率按时点预警：4月30日前不低于 25%、6月30日前不低于 40%")
    assert SICHUAN.schedule_rules() == [
        "绩效目标完成进度与预算执行进度相差超过 10 个百分点的，予以预警",
        "预警后，单位须在 10 个工作日内选择继续执行、调剂、取消（工作日不含周末和法定节假日，含调休上班日）"]
    assert CENTRAL.schedule_rules() == []


def test_what_counts_as_a_warning():
    from jixiao.core.scoring.schedule import warnings

    # 20 % by 30 April (25 % due): a missed checkpoint; completion 75 % against 20 %: 55 points apart.
    missed = execution_light(D(20), D(100), date(2025, 4, 30), SICHUAN)
    gap = completion_gap(D("0.75"), D("0.20"), SICHUAN)
    assert warnings(missed, gap, SICHUAN) == [missed.explanation, gap.explanation]
    on_time = execution_light(D(30), D(100), date(2025, 4, 30), SICHUAN)
    assert warnings(on_time, completion_gap(D("0.40"), D("0.30"), SICHUAN), SICHUAN) == []  # 10 points: not more
    # Under 财预〔2020〕10号 a red light asks for an explanation but is no warning with a choice.
    red = execution_light(D(10), D(100), date(2025, 7, 31), CENTRAL)
    assert red.color == "red" and warnings(red, None, CENTRAL) == []


def test_the_choice_in_words():
    from jixiao.core.scoring.schedule import choice_rule

    # 30 April 2025: 1–5 May are holidays, so the 10th working day is Monday 19 May.
    assert choice_rule(date(2025, 4, 30), SICHUAN) == "请于 2025-05-19 前（预警后 10 个工作日内）选择继续执行、调剂或取消"
    assert choice_rule(date(2025, 4, 30), CENTRAL) == ""

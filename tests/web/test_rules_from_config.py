"""Every threshold, grade and light rule a page shows comes from the unit's rule set: with another
rule set in force, the pages say the other numbers and name the rule set."""

from dataclasses import replace

import pytest
from django.urls import reverse

from jixiao.core.rules import load, parse
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.rules import choice

CENTRAL = load("central-2020")
OTHER_TEXT = (CENTRAL.text.replace("red_below = 0.6", "red_below = 0.5").replace("yellow_below = 0.8", "yellow_below = 0.7")
              .replace("reason_below = 0.9", "reason_below = 0.85").replace("at_least = 90", "at_least = 95")
              .replace("at_least = 80", "at_least = 85").replace("at_least = 60", "at_least = 70")
              .replace('"优"', '"A"').replace('"良"', '"B"').replace('"中"', '"C"').replace('"差"', '"D"')
              .replace('title = "中央部门项目支出绩效自评"', 'title = "某省项目支出绩效自评"'))
OTHER = replace(parse(OTHER_TEXT), jurisdiction="某省")


@pytest.fixture
def xinfang(xinfang, approve, monkeypatch):
    monkeypatch.setattr(choice, "unit_rules", lambda unit: choice.InForce(OTHER, "本单位设置"))
    return approve(xinfang)


def test_monitoring_page_states_the_rule_sets_light_rules(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("monitoring:report", args=[xinfang.pk])).content.decode()
    assert "执行率 ÷ 时间进度低于 50% 为红灯，低于 70% 为黄灯，其余为绿灯" in html
    assert "低于 60%" not in html and "低于 80%" not in html
    assert "评分规则：某省项目支出绩效自评（某省 财预〔2020〕10号，2020.1 版）" in html


def test_evaluation_pages_state_the_rule_sets_bands(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("monitoring:evaluation", args=[xinfang.pk])).content.decode()
    assert "执行率低于 85% 的原因" in html and "预算执行率低于 85% 的，须说明原因" in html
    assert "A（95 分及以上）" in html and "D（70 分以下）" in html
    assert "评分规则：某省项目支出绩效自评" in html
    SelfEvaluation.objects.create(table=xinfang, total=96, grade="A")
    summary = client.get(reverse("monitoring:evaluation_summary") + f"?unit={cast.unit_a.pk}").content.decode()
    assert "A <span id=\"grade-1\">1</span> 个" in summary and "D <span id=\"grade-4\">0</span> 个" in summary
    assert "优" not in summary

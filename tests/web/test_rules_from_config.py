"""Every threshold, grade and light rule a page shows comes from the ScoringConfig in force: with
other numbers configured, the pages say the other numbers."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.core.scoring import ScoringConfig
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import SelfEvaluation

OTHER = ScoringConfig(red_below=D("0.5"), yellow_below=D("0.7"), budget_reason_below=D("0.85"),
                      grades=((D(95), "A"), (D(85), "B"), (D(70), "C")), lowest_grade="D")


@pytest.fixture
def xinfang(xinfang, approve, monkeypatch):
    monkeypatch.setattr(scoring, "CONFIG", OTHER)
    return approve(xinfang)


def test_monitoring_page_states_the_configured_light_rules(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("monitoring:report", args=[xinfang.pk])).content.decode()
    assert "执行率 ÷ 时间进度低于 50% 为红灯，低于 70% 为黄灯，其余为绿灯" in html
    assert "低于 60%" not in html and "低于 80%" not in html


def test_evaluation_pages_state_the_configured_bands(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("monitoring:evaluation", args=[xinfang.pk])).content.decode()
    assert "执行率低于 85% 的原因" in html and "预算执行率低于 85% 的，须说明原因" in html
    assert "A（95 分及以上）" in html and "D（70 分以下）" in html
    SelfEvaluation.objects.create(table=xinfang, total=D("96"), grade="A")
    summary = client.get(reverse("monitoring:evaluation_summary")).content.decode()
    assert "A <span id=\"grade-1\">1</span> 个" in summary and "D <span id=\"grade-4\">0</span> 个" in summary
    assert "优" not in summary

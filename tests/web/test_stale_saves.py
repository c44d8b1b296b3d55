"""Two people on the same 运行监控 report or 绩效自评: the second save of a stale page is refused with
409, naming who saved and when; the typed values stay on the page; nothing is overwritten."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.accounts.models import Role
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation

from tests.conftest import _user

CUTOFF = "2024-07-31"


@pytest.fixture
def colleagues(cast, xinfang, approve):
    """alice and carol, both staff of the unit owning 信访事项经费 (approved, so it may be monitored)."""
    approve(xinfang)
    carol = _user("carol", Role.STAFF, cast.unit_a)
    alice_c, carol_c = Client(), Client()
    alice_c.force_login(cast.alice)
    carol_c.force_login(carol)
    return alice_c, carol_c


def opened_version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_stale_monitoring_save_is_refused_with_who_and_when(colleagues, xinfang):
    alice, carol = colleagues
    url = reverse("monitoring:report", args=[xinfang.pk])
    data = {"cutoff": CUTOFF, "budget": "181000", "save": "1"}
    assert carol.post(url, {**data, "spent": "1000", "version": "0"}).status_code == 302  # the first draft
    page = alice.get(url, {"cutoff": CUTOFF}).content.decode()
    version = opened_version(page)
    assert version == "1"
    assert carol.post(url, {**data, "spent": "2000", "version": version}).status_code == 302  # carol again
    refused = alice.post(url, {**data, "spent": "99999", "version": version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存被拒绝" in html and "Carol" in html and "这份运行监控报告（现为第 2 版）" in html
    assert 'value="99999"' in html  # what alice typed is still there
    report = MonitoringReport.objects.get()
    assert (report.spent, report.version, report.updated_by.username) == (2000, 2, "carol")


def test_two_first_monitoring_saves_one_wins_the_other_is_told(colleagues, xinfang):
    alice, carol = colleagues
    url = reverse("monitoring:report", args=[xinfang.pk])
    opened = alice.get(url, {"cutoff": CUTOFF}).content.decode()
    assert opened_version(opened) == "0"  # nothing stored yet
    assert carol.post(url, {"cutoff": CUTOFF, "budget": "181000", "spent": "1", "save": "1", "version": "0"}).status_code == 302
    refused = alice.post(url, {"cutoff": CUTOFF, "budget": "181000", "spent": "5", "save": "1", "version": "0"})
    assert refused.status_code == 409 and "Carol" in refused.content.decode()
    assert MonitoringReport.objects.get().spent == 1


def test_stale_evaluation_save_is_refused(colleagues, xinfang):
    alice, carol = colleagues
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {"budget_initial": "181000", "budget_full_year": "181000", "save": "1"}
    version = opened_version(alice.get(url).content.decode())
    assert version == "0"
    assert carol.post(url, {**data, "spent": "170000", "version": version}).status_code == 302
    refused = alice.post(url, {**data, "spent": "123456", "goal_actual": "全年完成。", "version": version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "这份绩效自评（现为第 1 版）" in html and "Carol" in html and 'value="123456"' in html and "全年完成。" in html
    evaluation = SelfEvaluation.objects.get()
    assert (evaluation.spent, evaluation.goal_actual) == (170000, "")
    current = opened_version(carol.get(url).content.decode())
    assert alice.post(url, {**data, "spent": "123456", "version": current}).status_code == 302  # reopened: saves
    assert SelfEvaluation.objects.get().version == 2

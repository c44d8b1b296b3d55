"""Year on year in the web: two years of a demo project, confirming the same project, next year's table."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.library.demo import load_demo
from jixiao.web.library.models import ProjectLink, SampleTable
from jixiao.web.targets.models import Project, TargetTable


@pytest.fixture
def weiwen(cast):
    load_demo()
    return Project.objects.get(name="维稳专项经费（常）")


def test_sample_years_are_marked_approved_and_evaluated(weiwen):
    sample = TargetTable.objects.get(project=weiwen, year=2023)
    assert SampleTable.objects.filter(table=sample).exists()
    assert sample.status == "approved"
    evaluation = sample.self_evaluation
    assert evaluation.status == "approved" and evaluation.complete and evaluation.grade in ("优", "良", "中", "差")
    assert SampleTable.objects.count() == 8
    assert not TargetTable.objects.filter(project__name="信访事项经费", year=2023).exists()  # begun in 2024


def test_the_page_shows_both_years_and_the_changes(client, cast, weiwen):
    client.force_login(cast.alice)
    html = client.get(reverse("library:years", args=[weiwen.pk])).content.decode()
    assert 'data-year="2023"' in html and 'data-year="2024"' in html and "示例数据" in html
    assert "142,500" in html and "150,000" in html and "5.3%" in html  # budget per year and its change
    assert '<td class="changed change-raised" data-year="2024">' in html and "上年：≥3次" in html
    assert html.count('<span class="badge change"') == 5


def test_other_units_see_nothing_and_reviewers_read_only(client, cast, weiwen):
    client.force_login(cast.bob)
    assert client.get(reverse("library:years", args=[weiwen.pk])).status_code == 404
    assert client.post(reverse("library:next_year", args=[weiwen.pk])).status_code == 404
    client.force_login(cast.rita)
    html = client.get(reverse("library:years", args=[weiwen.pk])).content.decode()
    assert "next-year" not in html
    assert client.post(reverse("library:next_year", args=[weiwen.pk])).status_code == 403


def test_next_years_table_is_a_draft_copy_of_the_latest(client, cast, weiwen):
    client.force_login(cast.alice)
    client.post(reverse("library:next_year", args=[weiwen.pk]))
    new = TargetTable.objects.get(project=weiwen, year=2025)
    old = TargetTable.objects.get(project=weiwen, year=2024)
    assert new.status == "draft"
    assert [(i.name, i.annual_text) for i in new.indicators.all()] == [(i.name, i.annual_text) for i in old.indicators.all()]
    html = client.get(reverse("library:years", args=[weiwen.pk])).content.decode()
    assert "新建2026年度目标表" in html and html.count("<tr data-year=") == 3


def test_a_renamed_project_is_offered_and_merged_once_confirmed(client, cast, weiwen):
    renamed = Project.objects.create(unit=weiwen.unit, name="维稳专项经费", type=weiwen.type)
    table = TargetTable.objects.get(project=weiwen, year=2024)
    table.pk, table.project, table.year = None, renamed, 2025
    table.save()
    client.force_login(cast.alice)
    html = client.get(reverse("library:years", args=[renamed.pk])).content.decode()
    assert "确认“维稳专项经费（常）”是同一项目" in html
    assert html.count("<tr data-year=") == 1
    client.post(reverse("library:confirm_project", args=[renamed.pk]), {"earlier": weiwen.pk})
    assert ProjectLink.objects.filter(project=renamed, earlier=weiwen, confirmed_by=cast.alice).exists()
    html = client.get(reverse("library:years", args=[renamed.pk])).content.decode()
    assert html.count("<tr data-year=") == 3 and 'id="same-project"' not in html

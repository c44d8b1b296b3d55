"""新建目标表 (blank, from last year's table) and 项目类型/项目等级/预算科目 from the administrator's lists."""

import re

from django.urls import reverse

import pytest

from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets.forms import seed_choices
from jixiao.web.targets.models import Choice, Project, TargetTable
from jixiao.web.workflow import Status
from tests.web.forms import edit_data


@pytest.fixture
def lists(cast):
    """The administrator's lists as ``setupdemo`` starts them: the demo's 项目类型 and 项目等级."""
    assert seed_choices() == 3 and seed_choices() == 0
    return Choice.objects.all()


def test_list_offers_new_table_to_staff_not_to_reviewers(client, cast):
    client.force_login(cast.alice)
    assert 'id="new-table"' in client.get("/tables/").content.decode()
    client.force_login(cast.rita)
    assert 'id="new-table"' not in client.get("/tables/").content.decode()
    assert client.get("/tables/new/").status_code == 403


def test_blank_table_for_next_year_with_choices(client, cast, lists):
    client.force_login(cast.alice)
    html = client.get("/tables/new/").content.decode()
    assert 'name="year" value="2025"' in html  # the year after the latest stored
    assert re.search(r'<select name="type"[^>]*>.*<option value="其他事业发展性支出">', html, re.S)
    assert '<input type="text" name="subject"' in html  # no 预算科目 list yet: free text
    response = client.post("/tables/new/", {"name": "平安创建宣传经费", "year": 2025, "type": "其他事业发展性支出",
                                            "level": "二级项目", "subject": "2040299 其他公共安全支出"})
    table = TargetTable.objects.get(project__name="平安创建宣传经费")
    assert response.status_code == 302 and response.url == reverse("targets:edit", args=[table.pk])
    assert (table.year, table.status, table.project.unit, table.project.subject) == (
        2025, Status.DRAFT, cast.unit_a, "2040299 其他公共安全支出")
    assert table.indicators.count() == 0
    assert "预算科目：2040299 其他公共安全支出" in client.get(reverse("targets:detail", args=[table.pk])).content.decode()
    entry = AuditEntry.objects.get(table_id=table.pk)
    assert (entry.action, entry.source, entry.user) == ("create", "网页新建", cast.alice)


def test_refusals_are_chinese_and_store_nothing(client, cast, lists):
    client.force_login(cast.alice)
    before = TargetTable.objects.count()
    same = client.post("/tables/new/", {"name": "信访事项经费", "year": 2024})
    assert same.status_code == 400 and "已有“信访事项经费”2024年目标表" in same.content.decode()
    made_up = client.post("/tables/new/", {"name": "新项目", "year": 2025, "type": "随便写的类型"})
    assert made_up.status_code == 400 and "项目类型" in made_up.content.decode()
    assert TargetTable.objects.count() == before


def test_without_lists_the_facts_stay_free_text(client, cast):
    client.force_login(cast.alice)
    html = client.get("/tables/new/").content.decode()
    assert '<input type="text" name="type"' in html and '<input type="text" name="level"' in html
    response = client.post("/tables/new/", {"name": "新项目", "year": 2025, "type": "一般性项目"})
    assert response.status_code == 302 and Project.objects.get(name="新项目").type == "一般性项目"


def test_from_last_year_reuses_the_librarys_next_year(client, cast):
    client.force_login(cast.alice)
    xinfang = Project.objects.get(name="信访事项经费")
    html = client.get("/tables/new/").content.decode()
    action = reverse("library:next_year", args=[xinfang.pk])
    assert f'action="{action}"' in html and "新建2025年目标表" in html
    client.post(action)
    copied = TargetTable.objects.get(project=xinfang, year=2025)
    assert copied.indicators.count() == 20 and copied.status == Status.DRAFT


def test_edit_form_offers_the_list_and_keeps_earlier_free_text(client, cast, lists):
    client.force_login(cast.alice)
    table = TargetTable.objects.get(project__name="信访事项经费")
    Project.objects.filter(pk=table.project_id).update(type="自行填写的类型")
    Choice.objects.create(field="subject", label="2010301 行政运行")
    html = client.get(reverse("targets:edit", args=[table.pk])).content.decode()
    assert '<option value="自行填写的类型" selected>自行填写的类型（原填写）</option>' in html
    assert '<option value="2010301 行政运行">' in html
    table.refresh_from_db()
    data = edit_data(table)
    data["subject"] = "2010301 行政运行"
    assert client.post(reverse("targets:edit", args=[table.pk]), data).status_code == 302  # the old type is kept
    project = Project.objects.get(pk=table.project_id)
    assert (project.type, project.subject) == ("自行填写的类型", "2010301 行政运行")


def test_the_api_follows_the_lists_and_keeps_what_it_does_not_carry(client, cast, lists):
    from tests.web.test_api import Api

    table = TargetTable.objects.get(project__name="信访事项经费")
    Project.objects.filter(pk=table.project_id).update(type="自行填写的类型", subject="2010301 行政运行")
    api = Api(client, cast.alice)
    _, stored = api("get", f"/tables/{table.pk}")
    body = {k: stored[k] for k in ("name", "type", "level", "budget", "period_start", "period_end", "goal_period",
                                   "goal_annual", "version")}
    body["indicators"] = [{"id": i["id"], "category": i["category"], "name": i["name"],
                           "period_target": (i["period_target"] or {}).get("text", ""),
                           "annual_target": (i["annual_target"] or {}).get("text", "")} for i in stored["indicators"]]
    body["goal_annual"] = "经由接口修改的年度目标"
    status, saved = api("put", f"/tables/{table.pk}", body)
    assert status == 200, saved
    project = Project.objects.get(pk=table.project_id)
    assert (project.type, project.subject) == ("自行填写的类型", "2010301 行政运行")  # earlier text and 预算科目 kept
    status, error = api("post", "/tables", {"name": "接口新建", "year": 2025, "type": "随便写的类型", "indicators": []})
    assert status == 422 and "项目类型" in error["message"]

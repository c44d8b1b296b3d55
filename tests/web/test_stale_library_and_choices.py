"""Two administrators on the same 指标库 entry or the same 项目信息选项 (项目类型/等级/预算科目): the
second save of a stale page is refused with 409, naming who saved and when; the typed values stay on
the page; nothing is overwritten."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.accounts.models import Role
from jixiao.web.library.demo import load_demo
from jixiao.web.library.models import Entry
from jixiao.web.targets.models import Choice

from tests.conftest import _user

FIELDS = ("name", "level1", "level2", "category", "definition", "formula", "value_type", "unit", "direction",
          "scoring", "data_source", "source_document")


@pytest.fixture
def admins(cast):
    """adam and amy, both administrators, each in a browser of their own."""
    amy = _user("amy", Role.ADMIN, is_staff=True, is_superuser=True)
    adam_c, amy_c = Client(), Client()
    adam_c.force_login(cast.adam)
    amy_c.force_login(amy)
    return adam_c, amy_c


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="(\d*)"', page).group(1)


def test_stale_library_entry_edit_is_refused_with_who_and_when(admins):
    load_demo()
    adam, amy = admins
    url = reverse("library:edit", args=["C-SL-0002"])
    row = Entry.objects.get(code="C-SL-0002")
    form = {f: getattr(row, f) or "" for f in FIELDS}
    version = hidden(adam.get(url).content.decode(), "version")  # both open the page at version 1
    assert version == hidden(amy.get(url).content.decode(), "version") == "1"
    saved = amy.post(url, {**form, "definition": "Amy 的解释（含线上宣传）。", "version": version})
    assert saved.status_code == 302
    refused = adam.post(url, {**form, "definition": "Adam 的解释。", "version": version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存被拒绝" in html and "Amy" in html and "这个指标库条目（现为第 2 版）" in html
    assert "Adam 的解释。" in html  # what adam typed is still on the page
    row.refresh_from_db()
    assert (row.version, row.definition) == (2, "Amy 的解释（含线上宣传）。")
    assert row.versions.get().changed_by.username == "amy"
    # Reopened, the page is at version 2 and adam's save goes through.
    reopened = hidden(adam.get(url).content.decode(), "version")
    assert adam.post(url, {**form, "definition": "Adam 的解释。", "version": reopened}).status_code == 302
    row.refresh_from_db()
    assert (row.version, row.definition) == (3, "Adam 的解释。")


def test_stale_choice_edit_in_the_admin_is_refused_with_who_and_when(admins):
    adam, amy = admins
    choice = Choice.objects.create(field="type", label="部门职能类", position=1)
    url = reverse("admin:targets_choice_change", args=[choice.pk])
    version = hidden(adam.get(url).content.decode(), "opened_version")
    assert version == hidden(amy.get(url).content.decode(), "opened_version") == "1"
    form = {"field": "type", "position": "1", "_save": "保存"}
    assert amy.post(url, {**form, "label": "部门职能类（常年）", "opened_version": version}).status_code == 302
    refused = adam.post(url, {**form, "label": "部门职能类（一次性）", "opened_version": version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存被拒绝" in html and "Amy 于" in html and "现为第 2 版" in html
    assert 'value="部门职能类（一次性）"' in html  # what adam typed is still in the form
    choice.refresh_from_db()
    assert (choice.label, choice.version, choice.updated_by.username) == ("部门职能类（常年）", 2, "amy")


def test_a_fresh_choice_page_saves_and_records_who(admins):
    adam, _ = admins
    added = adam.post(reverse("admin:targets_choice_add"), {"field": "level", "label": "市级", "position": "2",
                                                            "_save": "保存"})
    assert added.status_code == 302
    choice = Choice.objects.get(label="市级")
    assert (choice.version, choice.updated_by.username) == (1, "adam")
    url = reverse("admin:targets_choice_change", args=[choice.pk])
    version = hidden(adam.get(url).content.decode(), "opened_version")
    assert adam.post(url, {"field": "level", "label": "市级", "position": "5", "opened_version": version,
                           "_save": "保存"}).status_code == 302
    choice.refresh_from_db()
    assert (choice.position, choice.version) == (5, 2)


def test_a_choice_save_that_passed_validation_before_the_other_save_is_refused_too(admins, monkeypatch):
    """Two saves validated at the same moment: the version claimed on writing refuses the second."""
    from django import forms

    from jixiao.web.targets.admin import ChoiceForm

    adam, amy = admins
    choice = Choice.objects.create(field="subject", label="2120199 其他政府办公厅（室）及相关机构事务支出")
    url = reverse("admin:targets_choice_change", args=[choice.pk])
    version = hidden(adam.get(url).content.decode(), "opened_version")
    assert amy.post(url, {"field": "subject", "label": "2129999 其他城乡社区支出", "position": "0",
                          "opened_version": version, "_save": "保存"}).status_code == 302
    checks, check = [], ChoiceForm.clean

    def validated_before_amy_saved(form):
        checks.append(form)
        return forms.ModelForm.clean(form) if len(checks) == 1 else check(form)

    monkeypatch.setattr(ChoiceForm, "clean", validated_before_amy_saved)
    refused = adam.post(url, {"field": "subject", "label": "2040299 其他公安支出", "position": "0",
                              "opened_version": version, "_save": "保存"})
    assert refused.status_code == 409 and len(checks) == 2 and "Amy 于" in refused.content.decode()
    choice.refresh_from_db()
    assert (choice.label, choice.version) == ("2129999 其他城乡社区支出", 2)

"""Two people writing the 情况说明 of one table: a save from a page opened before the other's save is
refused with 409 naming who and when, what was typed stays on the page, and nothing is overwritten."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.accounts.models import Role
from jixiao.web.review import services
from jixiao.web.review.models import Explanation
from jixiao.web.workflow import Status

from tests.conftest import _user


@pytest.fixture
def colleagues(cast):
    """alice and carol, both staff of the unit owning 信访事项经费."""
    carol = _user("carol", Role.STAFF, cast.unit_a)
    alice_c, carol_c = Client(), Client()
    alice_c.force_login(cast.alice)
    carol_c.force_login(carol)
    return alice_c, carol_c


def warning_key(table) -> str:
    [warning] = services.warnings_of(services.findings_of(table))
    return warning.key


def opened(page: str, key: str) -> str:
    return re.search(rf'name="version-{re.escape(key)}" value="(\d+)"', page).group(1)


def explain(client, table, key: str, text: str, version: str, *submit):
    data = {f"explain-{key}": text, f"version-{key}": version, **{name: "1" for name in submit or ("save",)}}
    return client.post(reverse("review:explain", args=[table.pk]), data)


def test_stale_explanation_is_refused_with_who_and_when(colleagues, xinfang):
    alice, carol = colleagues
    key, page_url = warning_key(xinfang), reverse("targets:detail", args=[xinfang.pk])
    assert opened(alice.get(page_url).content.decode(), key) == "0"  # nothing written yet
    assert explain(carol, xinfang, key, "其余资金用于接待场所运行。", "0").status_code == 302
    carol_page = carol.get(page_url).content.decode()
    assert opened(carol_page, key) == "1"
    assert explain(carol, xinfang, key, "其余资金用于接待场所运行和群众接待。", "1").status_code == 302

    refused = explain(alice, xinfang, key, "阿丽斯的说明", "0")  # alice's page is from before carol's saves
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存被拒绝" in html and "Carol" in html and "情况说明（现为第 2 版）" in html
    assert "阿丽斯的说明</textarea>" in html  # what alice typed is still there
    assert f'<a href="{page_url}">重新打开本页</a>' in html  # the table page, not the address the form posted to
    stored = Explanation.objects.get()
    assert (stored.text, stored.version, stored.updated_by.username) == ("其余资金用于接待场所运行和群众接待。", 2, "carol")

    # Reopened, alice sees carol's text and version 2, and her save goes through.
    assert opened(alice.get(page_url).content.decode(), key) == "2"
    assert explain(alice, xinfang, key, "阿丽斯的说明", "2").status_code == 302
    assert Explanation.objects.get().version == 3


def test_a_stale_submit_neither_saves_nor_submits(colleagues, xinfang):
    alice, carol = colleagues
    key = warning_key(xinfang)
    assert explain(carol, xinfang, key, "卡萝尔的说明", "0").status_code == 302
    refused = explain(alice, xinfang, key, "阿丽斯的说明", "0", "submit")
    assert refused.status_code == 409
    xinfang.refresh_from_db()
    assert xinfang.status == Status.DRAFT
    assert Explanation.objects.get().text == "卡萝尔的说明"


def test_clearing_keeps_the_version_so_a_stale_page_cannot_bring_text_back(colleagues, xinfang):
    alice, carol = colleagues
    key = warning_key(xinfang)
    assert explain(carol, xinfang, key, "旧说明", "0").status_code == 302
    assert explain(alice, xinfang, key, "", "1").status_code == 302  # alice clears it
    assert (Explanation.objects.get().text, Explanation.objects.get().version) == ("", 2)
    assert explain(carol, xinfang, key, "旧说明（再改）", "1").status_code == 409
    blocked = services.table_blockers(xinfang)
    assert [p.message for p in blocked] == ["还有 1 个警告没有填写情况说明，请逐条说明后再提交审核。"]


def test_unchanged_text_from_an_old_page_is_not_a_conflict(colleagues, xinfang):
    """Saving the page again with the same text someone else stored meanwhile changes nothing."""
    alice, carol = colleagues
    key = warning_key(xinfang)
    assert explain(carol, xinfang, key, "同样的说明", "0").status_code == 302
    assert explain(alice, xinfang, key, "同样的说明", "0").status_code == 302
    assert Explanation.objects.get().version == 1

"""The 指标库 pages on the demo: the demo library, search, detail, compare, who may do what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.library.demo import load_demo
from jixiao.web.library.models import Entry, EntryVersion


@pytest.fixture
def demo_library(cast):
    load_demo()
    return Entry.objects.all()


def test_the_demo_library_holds_the_core_set_and_the_demo_entries(demo_library):
    central = demo_library.filter(source="central")
    assert central.count() == 41 and set(central.values_list("status", flat=True)) == {"approved"}
    built = demo_library.filter(source="unit")
    assert built.count() == 80 and set(built.values_list("status", flat=True)) == {"proposed"}
    activities = demo_library.get(code="C-SL-0002")
    # Counted from the real 2024 tables only: the sample 2023 years are not.
    assert len(activities.usage) == 9 and {u["year"] for u in activities.usage} == {2024}
    assert "维稳宣传活动次数" in activities.aliases


def test_search_finds_entries_by_words_and_pinyin_initials(client, cast, demo_library):
    client.force_login(cast.bob)  # any unit may browse the library
    html = client.get(reverse("library:list"), {"q": "宣传活动"}).content.decode()
    assert html.index("宣传活动次数") < html.index("宣传活动完成及时率")
    assert "≥4次" in html
    html = client.get(reverse("library:list"), {"q": "yszxl"}).content.decode()
    assert "预算执行率" in html and "宣传活动次数" not in html


def test_filters_by_category_status_and_source(client, cast, demo_library):
    client.force_login(cast.rita)
    html = client.get(reverse("library:list"), {"category": "satisfaction", "source": "central"}).content.decode()
    assert "服务对象满意度" in html and "宣传对象满意度" not in html and "预算执行率" not in html


def test_detail_shows_definition_band_and_usage(client, cast, demo_library):
    client.force_login(cast.alice)
    html = client.get(reverse("library:detail", args=["C-CB-0001"])).content.decode()
    assert "全年执行数÷全年预算数×100%" in html
    assert "本系统整理" in html and "财预〔2020〕10号" in html
    assert "同类项目第10–90百分位 80–91" in html  # nine demo tables: 80, 80, 90 … 95
    assert html.count('<td class="card-title">') == 9  # one usage row per table


def test_compare_puts_entries_side_by_side(client, cast, demo_library):
    client.force_login(cast.alice)
    html = client.get(reverse("library:compare"), {"code": ["C-SL-0002", "U-SX-0001"]}).content.decode()
    assert "宣传活动次数" in html and "宣传活动完成及时率" in html
    assert html.count("<th>计量单位</th>") == 1


def test_a_unit_proposes_and_a_reviewer_approves(client, cast, demo_library):
    client.force_login(cast.alice)
    before = Entry.objects.filter(code__startswith="U-SL-").count()
    response = client.post(reverse("library:propose"), {
        "name": "禁毒宣传进社区次数", "category": "quantity", "level1": "产出指标", "level2": "数量指标",
        "value_type": "quantitative", "unit": "次", "direction": "higher", "definition": "反映禁毒宣传进社区的场次。",
    })  # fmt: skip
    entry = Entry.objects.get(name="禁毒宣传进社区次数")
    assert response.url == reverse("library:detail", args=[entry.code])
    assert entry.code == f"U-SL-{before + 1:04d}" and entry.status == "proposed" and entry.proposed_unit == cast.unit_a
    assert client.post(reverse("library:decide", args=[entry.code]), {"status": "approved"}).status_code == 403
    client.force_login(cast.rita)
    client.post(reverse("library:decide", args=[entry.code]), {"status": "approved", "note": "同意"})
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decision_note) == ("approved", cast.rita, "同意")
    client.post(reverse("library:decide", args=[entry.code]), {"status": "retired"})
    entry.refresh_from_db()
    assert entry.status == "retired"


def test_a_bad_proposal_is_refused_with_the_reason(client, cast, demo_library):
    client.force_login(cast.alice)
    html = client.post(reverse("library:propose"), {
        "name": "x", "category": "quantity", "value_type": "quantitative", "direction": "higher",
        "valid_from": "2025", "valid_to": "2023",
    }).content.decode()  # fmt: skip
    assert "适用年度起（2025）晚于止（2023）" in html
    assert not Entry.objects.filter(name="x").exists()


def test_an_administrator_edit_keeps_the_old_version(client, cast, demo_library):
    client.force_login(cast.adam)
    row = Entry.objects.get(code="C-SL-0002")
    form = {f: getattr(row, f) or "" for f in ("name", "level1", "level2", "category", "definition", "formula",
            "value_type", "unit", "direction", "scoring", "data_source", "source_document")}  # fmt: skip
    form.update(definition="反映年度内开展宣传活动的场次（含线上宣传）。", locked="on")
    client.post(reverse("library:edit", args=["C-SL-0002"]), form)
    row.refresh_from_db()
    assert row.version == 2 and row.locked and "线上" in row.definition
    old = EntryVersion.objects.get(entry=row)
    assert old.version == 1 and "线上" not in old.content["definition"] and old.changed_by == cast.adam
    assert len(row.usage) == 9  # the usage stays
    client.force_login(cast.alice)
    assert client.get(reverse("library:edit", args=["C-SL-0002"])).status_code == 403


def test_suggestions_while_typing_offer_definition_unit_and_typical_target(client, cast, demo_library):
    client.force_login(cast.alice)
    html = client.get(reverse("library:suggest"), {"q": "宣传活动", "target": "row-3"}).content.decode()
    first = html.index('data-code="C-SL-0002"')
    assert first < html.index('data-code="U-SX-0001"')
    assert 'data-unit="次"' in html and 'data-target="≥4次"' in html and "反映年度内组织开展宣传活动" in html
    assert "采用此指标" in html
    assert client.get(reverse("library:suggest"), {"q": "宣"}).content.decode().strip() == ""


def test_pages_need_a_role(client, cast, demo_library):
    from django.contrib.auth.models import User

    nobody = User.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get(reverse("library:list")).status_code == 403
    client.logout()
    assert client.get(reverse("library:list")).status_code == 302

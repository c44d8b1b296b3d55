"""The list's search (project, unit and indicator names), sortable columns, filters kept in the URL."""

from django.db import connection

from jixiao.web.targets import queries
from jixiao.web.targets.models import TargetTable


def names(response) -> list[str]:
    return [t.project.name for t in response.context["page_obj"]]


def test_search_finds_project_unit_and_indicator_names(client, cast):
    client.force_login(cast.rita)
    assert names(client.get("/tables/", {"q": "信访"})) == ["信访事项经费"]
    # an indicator name: only 信访事项经费 has 信访宣传制品单价
    assert names(client.get("/tables/", {"q": "宣传制品单价"})) == ["信访事项经费"]
    # the unit name matches all twelve
    assert client.get("/tables/", {"q": "综合治理办公室"}).context["totals"]["count"] == 12
    # every word must match, in any of the three
    assert names(client.get("/tables/", {"q": "综合治理 宣传制品单价"})) == ["信访事项经费"]
    empty = client.get("/tables/", {"q": "不存在的项目"})
    assert empty.context["totals"]["count"] == 0 and "没有符合条件的项目" in empty.content.decode()


def test_search_is_one_query_function_counted_once_per_table(cast):
    visible = TargetTable.objects.all()
    found = queries.search(visible, "率")  # nearly every table has several 率 indicators
    assert found.count() == len(set(found.values_list("id", flat=True)))  # no duplicate rows from the join


def test_search_stays_within_the_users_unit(client, cast):
    client.force_login(cast.bob)
    assert client.get("/tables/", {"q": "信访"}).context["totals"]["count"] == 0


def test_sort_by_budget_both_ways_and_the_heading_links(client, cast):
    client.force_login(cast.alice)
    budgets = sorted(TargetTable.objects.values_list("budget", flat=True))
    up = client.get("/tables/", {"sort": "budget", "q": "综合治理"})
    assert [t.budget for t in up.context["page_obj"]] == budgets
    html = up.content.decode()
    assert 'aria-sort="ascending"' in html and "sort=-budget" in html and "q=%E7%BB%BC" in html
    down = client.get("/tables/", {"sort": "-budget"})
    assert [t.budget for t in down.context["page_obj"]] == budgets[::-1]
    by_name = client.get("/tables/", {"sort": "name"})
    assert names(by_name) == sorted(names(by_name))
    assert names(client.get("/tables/", {"sort": "nonsense"})) == names(client.get("/tables/"))


def test_filters_sort_and_page_survive_in_the_url(client, cast, monkeypatch):
    from jixiao.web.targets import views

    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    client.force_login(cast.alice)
    first = client.get("/tables/", {"q": "综合治理", "sort": "-budget", "year": 2024})
    html = first.content.decode()
    assert "page=2" in html and "sort=-budget" in html[html.index('class="pager'):]
    second = client.get("/tables/", {"q": "综合治理", "sort": "-budget", "year": 2024, "page": 2})
    budgets = sorted(TargetTable.objects.values_list("budget", flat=True), reverse=True)
    assert [t.budget for t in second.context["page_obj"]] == budgets[5:10]


def test_trigram_indexes_on_postgresql_only(db):
    """Migration 0004: on PostgreSQL the three searched names have trigram indexes; SQLite gets none."""
    from django.db import connection

    wanted = {"project_name_trgm", "unit_name_trgm", "indicator_name_trgm"}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(wanted)])
            found = dict(cursor.fetchall())
            assert set(found) == wanted and all("gin_trgm_ops" in d and "upper" in d.lower() for d in found.values())
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            assert not wanted & {row[0] for row in cursor.fetchall()}


def test_words_found_through_the_indexes_match_the_same_tables_as_a_scan(cast, monkeypatch):
    visible = TargetTable.objects.all()
    for text in ("信访", "宣传制品单价", "综合治理办公室", "综合治理 宣传制品单价", "率", "不存在的项目", "经费 率"):
        monkeypatch.setattr(queries, "TRIGRAM", 100)  # every word scanned
        scanned = sorted(queries.search(visible, text).values_list("id", flat=True))
        monkeypatch.setattr(queries, "TRIGRAM", 1)  # every word through the id lists
        united = sorted(queries.search(visible, text).values_list("id", flat=True))
        assert united == scanned, text
    assert 0 < len(scanned) < visible.count()


def test_a_short_word_without_case_is_scanned_as_it_is_and_others_in_any_case(cast):
    """A word too short for the trigram indexes is scanned; Chinese needs no upper-casing of every
    name (on PostgreSQL about half the scan), a word with letters still matches in any case."""
    assert queries.caseless("信访") and queries.caseless("2024年") and queries.caseless("（一）")
    assert not any(queries.caseless(w) for w in ("ab", "Ａ类", "Ⅱ类", "ⓐ", "ß"))
    visible = TargetTable.objects.all()
    if connection.vendor == "postgresql":  # SQLite's LIKE ignores ASCII case either way
        assert "UPPER" not in str(queries.search(visible, "信访").query)
        assert "UPPER" in str(queries.search(visible, "Ab").query)
    assert [t.project.name for t in queries.search(visible, "信访")] == ["信访事项经费"]
    table = TargetTable.objects.get(project__name="信访事项经费")
    table.project.name = "LED屏信访事项经费"
    table.project.save()
    assert list(queries.search(visible, "le")) == [table] == list(queries.search(visible, "Le"))

"""The edit page: facts, goals, indicator rows, live target check, audit trail."""

from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets.models import Indicator, TargetTable

from .forms import edit_data


def edit(client, table, change=None, **facts):
    data = edit_data(table, change)
    data.update(facts)
    return client.post(reverse("targets:edit", args=[table.pk]), data)


def test_edit_page_shows_rows_with_explained_targets(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("targets:edit", args=[xinfang.pk])).content.decode()
    assert html.count('class="edit-row"') == 20 + 1  # plus the empty row template
    assert "越高越好" in html
    assert 'hx-get="/tables/check-target/"' in html


def test_changing_a_target_reparses_it_and_records_before_after(client, cast, xinfang):
    client.force_login(cast.alice)
    first = xinfang.indicators.first()

    def change(rows):
        rows[0]["annual_target"] = "≥95%"

    response = edit(client, xinfang, change)
    assert response.status_code == 302
    row = Indicator.objects.get(pk=first.pk)
    assert (row.annual_text, row.annual_op, row.annual_value, row.annual_unit) == ("≥95%", ">=", 95, "%")
    assert TargetTable.objects.get(pk=xinfang.pk).version == 2
    entry = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="indicator", action="change")
    assert entry.user == cast.alice
    assert entry.before == {"当年度指标值": first.annual_text}
    assert entry.after == {"当年度指标值": "≥95%"}
    history = client.get(reverse("targets:history", args=[xinfang.pk])).content.decode()
    assert "≥95%" in history and first.annual_text in history and "Alice" in history


def test_facts_and_goals_are_saved_and_audited(client, cast, xinfang):
    client.force_login(cast.alice)
    assert edit(client, xinfang, budget="123456.50", goal_annual="新的年度目标").status_code == 302
    table = TargetTable.objects.get(pk=xinfang.pk)
    assert (table.budget, table.goal_annual) == (123456.5, "新的年度目标")
    entry = AuditEntry.objects.get(table_id=xinfang.pk, object_kind="table", action="change")
    assert entry.after == {"年度预算金额（元）": "123456.5", "年度目标": "新的年度目标"}


def test_add_delete_reorder_and_change_category(client, cast, xinfang):
    client.force_login(cast.alice)
    original = list(xinfang.indicators.all())

    def change(rows):
        rows[1]["DELETE"] = "on"
        rows[2]["ORDER"], rows[3]["ORDER"] = 4, 3
        rows[4]["category"] = "cost"
        rows.append({"id": "", "category": "satisfaction", "name": "新增满意度", "period_target": "",
                     "annual_target": "≥90%", "ORDER": 99})

    assert edit(client, xinfang, change).status_code == 302
    names = list(Indicator.objects.filter(table=xinfang).values_list("name", flat=True))
    # 信访宣传制品数量, now a 成本 row, moves into the table's 成本指标 block (before the two it had
    # preceded on the form); the new 满意度 row joins 服务对象满意度 at the end.
    by_name = [r.name for r in original]
    expected = ([by_name[0], by_name[3], by_name[2]] + by_name[5:13] + [by_name[4]] + by_name[13:] + ["新增满意度"])
    assert names == expected
    moved = Indicator.objects.get(pk=original[4].pk)
    assert (moved.category, moved.level1, moved.level2) == ("cost", "成本指标", "")  # as this table shows 成本
    added = Indicator.objects.get(table=xinfang, name="新增满意度")
    assert (added.level1, added.level2, added.has_period, added.annual_value) == (
        "满意度指标", "服务对象满意度指标", False, 90)
    actions = sorted(AuditEntry.objects.filter(table_id=xinfang.pk, object_kind="indicator").values_list("action", flat=True))
    assert actions.count("create") == 1 and actions.count("delete") == 1
    deleted = AuditEntry.objects.get(table_id=xinfang.pk, action="delete")
    assert deleted.before["三级指标"] == original[1].name


def test_invalid_submission_shows_errors_and_saves_nothing(client, cast, xinfang):
    client.force_login(cast.alice)

    def change(rows):
        rows[0]["name"] = ""
        rows[0]["annual_target"] = "≥1%"

    response = edit(client, xinfang, change, period_start="2025", period_end="2022")
    assert response.status_code == 400
    # Summarised at the top (focus goes there), each linked to its field or row, and beside it.
    problems = [(p.message, p.anchor) for p in response.context["problems"]]
    assert problems == [("到期年度：到期年度不能早于起始年度", "id_period_end"),
                        ("第 1 行指标的三级指标：这个字段是必填项。", "ind-0-row")]
    html = response.content.decode()
    summary = html[html.index('id="form-errors"'):html.index("</div>", html.index('id="form-errors"'))]
    assert "data-focus" in summary and 'role="alert"' in summary
    assert '<a href="#ind-0-row">第 1 行指标的三级指标：这个字段是必填项。</a>' in summary
    assert '<a href="#id_period_end">到期年度：到期年度不能早于起始年度</a>' in summary
    row = html[html.index('id="ind-0-row"'):]
    assert '<p class="field-error">这个字段是必填项。</p>' in row[:row.index("</tr>")]
    assert 'value="≥1%"' in row[:row.index("</tr>")]  # what was typed stays
    assert TargetTable.objects.get(pk=xinfang.pk).version == 1
    assert not AuditEntry.objects.filter(table_id=xinfang.pk, action="change").exists()


def test_live_check_explains_target_with_core_grammar(client, cast):
    client.force_login(cast.alice)
    html = client.get("/tables/check-target/", {"ind-0-annual_target": "≥80%", "ind-0-category": "quality"}).content.decode()
    assert "≥ 80 %，越高越好" in html and "ok" in html
    html = client.get("/tables/check-target/", {"ind-0-period_target": "2024年内"}).content.decode()
    assert "2024年12月31日前完成" in html

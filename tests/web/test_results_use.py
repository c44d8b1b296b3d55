"""结果应用: after a self-evaluation is approved the reviewer accepts or adjusts the grade's consequence
under the unit's rule set (central-2020 for now); it shows on the next year's table of the project and
in the per-unit report (.xlsx)."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.results.models import ResultUse
from jixiao.web.targets.models import TargetTable


@pytest.fixture
def evaluation(xinfang, approve):
    approve(xinfang)
    return SelfEvaluation.objects.create(table=xinfang, total=D("84.50"), grade="良", status="approved")


def decide(client, user, table, **data):
    client.force_login(user)
    return client.post(reverse("results:decide", args=[table.pk]), data)


def test_panel_shows_the_rule_sets_consequence_once_approved(client, cast, evaluation):
    client.force_login(cast.alice)
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status="submitted")
    assert client.get(reverse("results:panel", args=[evaluation.table_id])).content == b""
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status="approved")
    html = client.get(reverse("results:panel", args=[evaluation.table_id])).content.decode()
    assert '对应 <strong id="mapped-use">保障</strong>' in html and "财预〔2020〕10号" in html
    assert "尚未确定结果应用" in html and "确定结果应用</a>" not in html  # staff do not decide
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[evaluation.table_id])).content.decode()
    assert f'hx-get="/results/tables/{evaluation.table_id}/panel/"' in sheet


def test_reviewer_accepts_the_mapped_consequence(client, cast, evaluation):
    response = decide(client, cast.rita, evaluation.table, decision="accept", consequence="保障")
    assert response.status_code == 302
    use = ResultUse.objects.get(evaluation=evaluation)
    assert (use.grade, use.mapped, use.applied, use.decision, use.decided_by) == ("良", "保障", "保障", "accept", cast.rita)
    assert use.rule_set == "中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）"
    html = client.get(reverse("results:panel", args=[evaluation.table_id])).content.decode()
    assert "审核确定：<strong>采纳，保障</strong>" in html and "应用于2025年预算安排" in html


def test_adjusting_needs_a_reason_and_keeps_what_was_typed(client, cast, evaluation):
    response = decide(client, cast.rita, evaluation.table, decision="adjust", consequence="压缩或核减预算",
                      cut_percent="10", reason="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "调整结果应用须说明理由" in html and 'name="cut_percent" value="10"' in html
    assert not ResultUse.objects.exists()
    decide(client, cast.rita, evaluation.table, decision="adjust", consequence="压缩或核减预算", cut_percent="10",
           reason="执行率偏低，宣传制品有结余")
    assert ResultUse.objects.get().applied == "压缩或核减预算 10%"


def test_only_reviewers_decide_and_only_after_approval(client, cast, evaluation):
    assert decide(client, cast.alice, evaluation.table, decision="accept", consequence="保障").status_code == 403
    assert decide(client, cast.bob, evaluation.table, decision="accept", consequence="保障").status_code == 404
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status="submitted")
    assert decide(client, cast.rita, evaluation.table, decision="accept", consequence="保障").status_code == 403
    assert not ResultUse.objects.exists()


def test_the_units_chosen_rule_set_decides_the_consequence(client, cast, evaluation):
    from jixiao.core import rules
    from jixiao.web.rules.models import RuleChoice

    hubei = rules.load("hubei")
    RuleChoice.objects.create(unit=cast.unit_a, rule_set="hubei")
    client.force_login(cast.alice)
    html = client.get(reverse("results:panel", args=[evaluation.table_id])).content.decode()
    assert hubei.official_label in html and f'<strong id="mapped-use">{hubei.results_use_of("良")}</strong>' in html


def test_an_approved_evaluation_keeps_the_rule_set_that_graded_it(client, cast, evaluation):
    from jixiao.core import rules
    from jixiao.web.rules.models import RuleChoice

    central = rules.load("central-2020")
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(rules_name=central.name, rules_text=central.text)
    RuleChoice.objects.create(unit=cast.unit_a, rule_set="hubei")
    client.force_login(cast.alice)
    html = client.get(reverse("results:panel", args=[evaluation.table_id])).content.decode()
    assert central.official_label in html and rules.load("hubei").official_label not in html


def test_next_years_table_shows_last_years_result(client, cast, evaluation):
    following = TargetTable.objects.create(project=evaluation.table.project, year=2025)
    client.force_login(cast.alice)
    html = client.get(reverse("results:carried", args=[following.pk])).content.decode()
    assert "2024年《信访事项经费》绩效自评" in html and "对应 <strong>保障</strong>，审核人员尚未确定" in html
    decide(client, cast.rita, evaluation.table, decision="accept", consequence="保障")
    html = client.get(reverse("results:carried", args=[following.pk])).content.decode()
    assert "等级 <strong>良</strong>" in html and "结果应用 <strong>保障</strong>（审核采纳）" in html
    page = client.get(reverse("targets:detail", args=[following.pk])).content.decode()
    assert f'hx-get="/results/tables/{following.pk}/carried/"' in page
    assert client.get(reverse("results:carried", args=[evaluation.table_id])).content == b""  # no 2023


def test_report_per_unit_and_year_with_xlsx(client, cast, evaluation, xinfang):
    decide(client, cast.rita, evaluation.table, decision="accept", consequence="保障")
    page = client.get(reverse("results:report"), {"unit": cast.unit_a.pk, "year": 2024})
    html = page.content.decode()
    assert "1 个项目，0 个待确定" in html and "采纳：保障" in html
    download = client.get(reverse("results:report"), {"unit": cast.unit_a.pk, "year": 2024, "format": "xlsx"})
    assert download.status_code == 200
    ws = load_workbook(io.BytesIO(download.content)).worksheets[0]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "信访事项经费" in cells and "采纳：保障" in cells and "2025年预算" in cells
    client.force_login(cast.bob)
    assert "信访事项经费" not in client.get(reverse("results:report"), {"year": 2024}).content.decode()


def test_next_years_budget_is_checked_against_the_cut(client, cast, evaluation):
    following = TargetTable.objects.create(project=evaluation.table.project, year=2025, budget=evaluation.table.budget)
    decide(client, cast.rita, evaluation.table, decision="adjust", consequence="压缩或核减预算", cut_percent="20",
           reason="宣传制品单价偏高")
    html = client.get(reverse("results:carried", args=[following.pk])).content.decode()
    last = evaluation.table.budget
    assert f"本年度预算 {last:,.2f} 元，上年度 {last:,.2f} 元：应压缩 20%，即不超过 {last * D('0.8'):,.2f} 元" in html
    TargetTable.objects.filter(pk=following.pk).update(budget=last * D("0.8"))
    assert 'id="carried-budget"' not in client.get(reverse("results:carried", args=[following.pk])).content.decode()


def test_report_of_every_unit_is_one_counted_row_per_unit(client, cast, evaluation):
    decide(client, cast.rita, evaluation.table, decision="accept", consequence="保障")
    page = client.get(reverse("results:report"), {"year": 2024, "unit": 0})
    assert page.status_code == 200 and "信访事项经费" not in page.content.decode()  # no project listed
    [row] = [r for r in page.context["page"].object_list if r["project__unit_id"] == cast.unit_a.pk]
    approved = SelfEvaluation.objects.filter(table__project__unit=cast.unit_a, table__year=2024,
                                             status="approved").count()
    assert (row["evaluations"], row["decided"], row["pending"]) == (approved, 1, approved - 1)

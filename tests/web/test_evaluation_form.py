"""The 绩效自评 form: prefilled from the last monitoring, live scores, weights and budget checks."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport, SelfEvaluation

@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


def ids(table):
    return {r.name: r.pk for r in table.indicators.all()}


def test_prefilled_from_last_monitoring(client, cast, xinfang):
    i = ids(xinfang)
    older = MonitoringReport.objects.create(table=xinfang, cutoff=date(2024, 6, 30), budget=180000)
    MonitoringEntry.objects.create(report=older, indicator_id=i["信访宣传活动次数"], expected="2次")
    last = MonitoringReport.objects.create(table=xinfang, cutoff=date(2024, 7, 31), budget=175000)
    MonitoringEntry.objects.create(report=last, indicator_id=i["信访宣传活动次数"], expected="3次")
    MonitoringEntry.objects.create(report=last, indicator_id=i["引导群众依法上访"], expected_rating="partly")
    client.force_login(cast.alice)
    response = client.get(reverse("monitoring:evaluation", args=[xinfang.pk]))
    html = response.content.decode()
    assert f'name="actual-{i["信访宣传活动次数"]}" value="3次"' in html
    assert '<option value="partly" selected>部分达成</option>' in html
    ev = response.context["evaluation"]
    assert (ev.budget_initial, ev.budget_full_year) == (xinfang.budget, 175000)
    assert not SelfEvaluation.objects.exists()  # nothing stored until saved


def test_preview_scores_as_typed_without_saving(client, cast, xinfang):
    client.force_login(cast.alice)
    i = ids(xinfang)
    response = client.post(reverse("monitoring:evaluation_preview", args=[xinfang.pk]), {
        "budget_full_year": "181000", "spent": "90500", f"actual-{i['信访宣传活动次数']}": "2次",
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    # 2 ÷ 4 × 3.34 = 1.67; budget 90500 ÷ 181000 = 50 % → 5.00; nothing else entered: 6.67 → 差
    assert f'<div id="score-{i["信访宣传活动次数"]}" hx-swap-oob="true">1.67 / 3.34' in html
    assert '<strong id="total">6.67</strong>' in html and '<strong class="grade" id="grade">差</strong>' in html
    assert not SelfEvaluation.objects.exists()


def problems(response) -> list:
    return response.context["problems"]


def test_weights_that_do_not_fit_the_blocks_are_scored_as_written_with_a_finding(client, cast, xinfang):
    """Weights as printed are not refused: scored as written, the mismatch is a finding for the reviewer
    and does not block the submission."""
    client.force_login(cast.alice)
    i = ids(xinfang)
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    benefit = ("维护信访人合法权益", "引导群众依法上访", "促进信访法治建设", "维持合理的信访诉求秩序")
    weights = {f"weight-{pk}": "5" for name, pk in i.items() if name in benefit}
    assert client.post(url, {**weights, "save": "1"}).status_code == 302
    stored = SelfEvaluation.objects.get(table=xinfang).entries.filter(weight__isnull=False)
    assert sorted(e.indicator.name for e in stored) == sorted(benefit)
    page = client.get(url)
    result = page.context["result"]
    assert [f.message for f in result.findings] == [
        "效益指标各指标分值合计为 20 分，应为 30 分；按表内分值计分", "各项分值合计为 90 分（不是 100 分），按表内分值计分"]
    assert {r.weight for r in result.indicators if r.name in benefit} == {D("5.00")}  # as written
    html = page.content.decode()
    assert "效益指标各指标分值合计为 20 分，应为 30 分；按表内分值计分" in html and 'id="scoring-findings"' in html
    assert not any("分值合计" in p.message for p in problems(page))  # not a reason to stop the submission
    assert 'value="5.00"' in html


def test_rating_score_outside_band_is_kept_and_shown_at_its_row(client, cast, xinfang):
    client.force_login(cast.alice)
    pk = ids(xinfang)["引导群众依法上访"]
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    assert client.post(url, {f"rating-{pk}": "met", f"rating_score-{pk}": "5", "save": "1"}).status_code == 302
    page = client.get(url)
    [problem] = [p for p in problems(page) if p.anchor == f"row-{pk}"]
    assert "引导群众依法上访" in problem.message and "6–7.5" in problem.message
    assert f'name="rating_score-{pk}" aria-label="引导群众依法上访 评价得分" value="5.00"' in page.content.decode()


def test_actuals_that_cannot_be_compared_are_saved_and_listed_beside_their_rows(client, cast, xinfang):
    """150人 against a 次 target and a date against ≥90% cannot be scored: the draft keeps everything
    typed, and each problem stands beside its row and in the summary at the top, linked to the row."""
    from .test_evaluation_demo import form_data

    client.force_login(cast.alice)
    i = ids(xinfang)
    count, rate = i["信访宣传活动次数"], i["上访人息诉罢访率"]
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {**form_data(xinfang), f"actual-{count}": "150人", f"actual-{rate}": "2024年11月完成"}
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 200
    assert response.context["heading"].startswith("已保存草稿，但还不能提交审核")
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "draft"
    assert {e.indicator_id: e.actual for e in evaluation.entries.filter(indicator_id__in=[count, rate])} == {
        count: "150人", rate: "2024年11月完成"}
    assert [p.anchor for p in problems(response)] == [f"row-{count}", f"row-{rate}"]
    html = client.get(url).content.decode()  # after a reload, everything typed is still there
    assert f'name="actual-{count}" value="150人"' in html and f'name="actual-{rate}" value="2024年11月完成"' in html
    for p in problems(response):
        assert f'<a href="#{p.anchor}">{p.message}</a>' in html
        box = html[html.index(f'id="problems-{p.anchor}"'):]
        assert p.message in box[:box.index("</div>")]
    # The other indicators are scored as usual meanwhile.
    assert evaluation.entries.get(indicator_id=i["访前法律咨询工作室"]).score == D("3.34")


def test_bad_number_is_not_saved_but_stays_on_the_page(client, cast, xinfang):
    client.force_login(cast.alice)
    pk = ids(xinfang)["信访宣传活动次数"]
    response = client.post(reverse("monitoring:evaluation", args=[xinfang.pk]),
                           {"spent": "五万", f"weight-{pk}": "三", f"actual-{pk}": "4次", "save": "1"})
    assert response.status_code == 400
    assert [(p.message, p.anchor) for p in problems(response)] == [
        ("执行数：「五万」不是非负数字", "spent"), ("指标「信访宣传活动次数」分值：「三」不是非负数字", f"row-{pk}")]
    html = response.content.decode()
    assert 'name="spent" id="spent" value="五万"' in html and 'value="三"' in html and 'value="4次"' in html
    assert not SelfEvaluation.objects.exists()


def test_low_execution_rate_needs_a_reason(client, cast, xinfang):
    from .test_evaluation_demo import form_data

    client.force_login(cast.alice)
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {**form_data(xinfang), "spent": "150000", "submit": "1"}  # 82.87 % < 90 %
    response = client.post(url, data)
    assert response.status_code == 200 and SelfEvaluation.objects.get(table=xinfang).status == "draft"
    assert [(p.message, p.anchor) for p in problems(response)] == [("预算执行率低于 90% 的，须说明原因。", "budget_reason")]
    assert "执行率低于 90% 的原因" in response.content.decode()
    assert client.post(url, {**data, "budget_reason": "年底采购延至次年。"}).status_code == 302
    assert SelfEvaluation.objects.get(table=xinfang).status == "submitted"


def test_rating_without_score_is_saved_and_asks_for_the_score(client, cast, xinfang):
    from .test_evaluation_demo import form_data

    client.force_login(cast.alice)
    pk = ids(xinfang)["维护信访人合法权益"]
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {**form_data(xinfang), f"rating_score-{pk}": "", "submit": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert ("「维护信访人合法权益」请填写评价得分。", f"row-{pk}") in [(p.message, p.anchor) for p in problems(response)]
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "draft" and not evaluation.complete  # saved as typed, not submitted
    entry = evaluation.entries.get(indicator_id=pk)
    assert (entry.rating, entry.rating_score, entry.score) == ("met", None, 0)
    # The 自评表 scores the rest and says what is missing instead of giving the top of the band
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    assert sheet.context["result"].total == D("89.19") - D("7.50")
    assert "即 6–7.5 分，请填写评价得分，暂不计分。" in sheet.content.decode()

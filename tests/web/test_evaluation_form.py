"""The 绩效自评 form: prefilled from the last monitoring, live scores, weights and budget checks."""

from datetime import date
from decimal import Decimal as D

from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringEntry, MonitoringReport, SelfEvaluation


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


def test_weights_that_do_not_sum_are_refused(client, cast, xinfang):
    client.force_login(cast.alice)
    i = ids(xinfang)
    response = client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), {
        **{f"weight-{pk}": "5" for name, pk in i.items() if name in ("维护信访人合法权益", "引导群众依法上访",
                                                                     "促进信访法治建设", "维持合理的信访诉求秩序")},
        "save": "1",
    })
    assert response.status_code == 400
    assert "效益指标各指标分值合计为 20 分，应为 30 分" in response.context["errors"]
    assert not SelfEvaluation.objects.exists()


def test_rating_score_outside_band_names_the_indicator(client, cast, xinfang):
    client.force_login(cast.alice)
    pk = ids(xinfang)["引导群众依法上访"]
    response = client.post(reverse("monitoring:evaluation", args=[xinfang.pk]),
                           {f"rating-{pk}": "met", f"rating_score-{pk}": "5", "save": "1"})
    assert response.status_code == 400
    assert any("引导群众依法上访" in e and "6–7.5" in e for e in response.context["errors"])


def test_low_execution_rate_needs_a_reason(client, cast, xinfang):
    from .test_evaluation_demo import form_data

    client.force_login(cast.alice)
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {**form_data(xinfang), "spent": "150000", "submit": "1"}  # 82.87 % < 90 %
    response = client.post(url, data)
    assert response.status_code == 400
    assert "预算执行率低于 90%，须说明原因。" in response.context["errors"]
    assert client.post(url, {**data, "budget_reason": "年底采购延至次年。"}).status_code == 302
    assert SelfEvaluation.objects.get(table=xinfang).status == "submitted"


def test_rating_without_score_is_saved_and_asks_for_the_score(client, cast, xinfang):
    from .test_evaluation_demo import form_data

    client.force_login(cast.alice)
    pk = ids(xinfang)["维护信访人合法权益"]
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    data = {**form_data(xinfang), f"rating_score-{pk}": "", "submit": "1"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "「维护信访人合法权益」请填写评价得分。" in response.context["errors"]
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    assert evaluation.status == "draft" and not evaluation.complete  # saved as typed, not submitted
    entry = evaluation.entries.get(indicator_id=pk)
    assert (entry.rating, entry.rating_score, entry.score) == ("met", None, 0)
    # The 自评表 scores the rest and says what is missing instead of giving the top of the band
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    assert sheet.context["result"].total == D("89.19") - D("7.50")
    assert "即 6–7.5 分，请填写评价得分，暂不计分。" in sheet.content.decode()

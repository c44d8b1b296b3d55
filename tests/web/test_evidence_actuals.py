"""An indicator linked to 佐证记录 takes its actual from them: monitoring counts up to the cut-off date,
self-evaluation the whole year (count, unit price); the reviewer opens the records from the score."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from jixiao.web.evidence.models import Link, Record
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation


@pytest.fixture
def xinfang(xinfang, approve):
    return approve(xinfang)


def ids(table):
    return {r.name: r.pk for r in table.indicators.all()}


@pytest.fixture
def records(cast, xinfang):
    """Five 宣传活动 in 2024 (three by 31 July), one in 2023, one 培训; two purchases of 宣传制品."""
    p = xinfang.project
    for day in ("2024-02-01", "2024-04-10", "2024-07-31", "2024-09-12", "2024-11-20", "2023-12-30"):
        Record.objects.create(project=p, kind="activity", subtype="宣传活动", day=date.fromisoformat(day),
                              title=f"信访宣传 {day}")
    Record.objects.create(project=p, kind="activity", subtype="培训", day=date(2024, 5, 1), title="业务培训")
    Record.objects.create(project=p, kind="purchase", subtype="制品采购", day=date(2024, 3, 1), title="宣传册",
                          quantity=D(1000), counting_unit="份", amount=D(1100))
    Record.objects.create(project=p, kind="purchase", subtype="制品采购", day=date(2024, 8, 1), title="折页",
                          quantity=D(600), counting_unit="份", amount=D(780))


def link(client, user, indicator_pk, **data):
    client.force_login(user)
    return client.post(reverse("evidence:indicator", args=[indicator_pk]), {"measure": "count", **data})


def test_unit_links_an_indicator_and_sees_the_records_behind_it(client, cast, xinfang, records):
    pk = ids(xinfang)["信访宣传活动次数"]
    client.force_login(cast.alice)
    form = client.get(reverse("monitoring:evaluation", args=[xinfang.pk])).content.decode()
    assert f'href="/evidence/indicators/{pk}/">从佐证记录取值</a>' in form
    rated = ids(xinfang)["引导群众依法上访"]
    assert f'href="/evidence/indicators/{rated}/">从佐证记录取值' not in form
    assert link(client, cast.alice, pk, kind="activity", subtype="宣传活动").status_code == 302
    assert Link.objects.get(indicator_id=pk).describe() == "“宣传活动”记录的记录条数"
    page = client.get(reverse("evidence:indicator", args=[pk]) + "?until=2024-07-31")
    html = page.content.decode()
    assert "<strong>3次</strong>" in html and "2024年“宣传活动”记录的记录条数：共 3 条" in html
    assert [r.title for r in page.context["records"]] == ["信访宣传 2024-02-01", "信访宣传 2024-04-10", "信访宣传 2024-07-31"]


def test_reviewer_and_other_units_cannot_link(client, cast, xinfang):
    pk = ids(xinfang)["信访宣传活动次数"]
    assert link(client, cast.rita, pk, kind="activity").status_code == 403
    assert link(client, cast.bob, pk, kind="activity").status_code == 404
    assert not Link.objects.exists()


def test_monitoring_takes_so_far_from_records_up_to_the_cutoff(client, cast, xinfang, records):
    pk = ids(xinfang)["信访宣传活动次数"]
    link(client, cast.alice, pk, kind="activity", subtype="宣传活动")
    url = reverse("monitoring:report", args=[xinfang.pk])
    html = client.get(url + "?cutoff=2024-07-31").content.decode()
    assert f'name="so_far-{pk}" value="3次" readonly' in html
    assert f'href="/evidence/indicators/{pk}/?until=2024-07-31">取自3条佐证记录' in html
    # What is typed into a linked value is not taken: the records are.
    response = client.post(url, {"cutoff": "2024-07-31", "budget": "181000", f"so_far-{pk}": "9次", "save": "1"})
    assert response.status_code == 302
    entry = MonitoringReport.objects.get(table=xinfang).entries.get(indicator_id=pk)
    assert entry.so_far == "3次"


def test_evaluation_takes_the_years_count_and_unit_price_and_scores_them(client, cast, xinfang, records):
    i = ids(xinfang)
    link(client, cast.alice, i["信访宣传活动次数"], kind="activity", subtype="宣传活动")
    link(client, cast.alice, i["信访宣传制品单价"], kind="purchase", subtype="制品采购", measure="unit_price")
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    html = client.get(url).content.decode()
    # (1100 + 780) ÷ (1000 + 600) = 1.175 → 1.18
    assert f'name="actual-{i["信访宣传活动次数"]}" value="5次" readonly' in html
    assert f'name="actual-{i["信访宣传制品单价"]}" value="1.18元/份" readonly' in html
    assert client.post(url, {"budget_full_year": "181000", "spent": "181000", "save": "1"}).status_code == 302
    stored = {e.indicator.name: e for e in SelfEvaluation.objects.get(table=xinfang).entries.select_related("indicator")}
    assert stored["信访宣传活动次数"].actual == "5次" and stored["信访宣传活动次数"].score == D("3.34")
    assert stored["信访宣传制品单价"].actual == "1.18元/份"


def test_reviewer_opens_the_records_from_the_score(client, cast, xinfang, records):
    pk = ids(xinfang)["信访宣传活动次数"]
    link(client, cast.alice, pk, kind="activity", subtype="宣传活动")
    client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), {"budget_full_year": "181000", "save": "1"})
    client.force_login(cast.rita)
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert f'href="/evidence/indicators/{pk}/">查看佐证记录</a>' in sheet
    page = client.get(reverse("evidence:indicator", args=[pk]))
    assert page.status_code == 200 and len(page.context["records"]) == 5
    assert "保存取值来源" not in page.content.decode()


def test_submitted_evaluation_keeps_its_value_when_records_are_added_later(client, cast, xinfang, records):
    pk = ids(xinfang)["信访宣传活动次数"]
    link(client, cast.alice, pk, kind="activity", subtype="宣传活动")
    client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), {"budget_full_year": "181000", "save": "1"})
    SelfEvaluation.objects.filter(table=xinfang).update(status="submitted")
    Record.objects.create(project=xinfang.project, kind="activity", subtype="宣传活动", day=date(2024, 12, 1), title="补记")
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk]))
    [line] = [s for s in sheet.context["sheet"]["lines"] if s["indicator"] == pk]
    assert line["actual"] == "5次"


def test_approved_monitoring_copy_links_the_value_to_its_records(client, cast, xinfang, records):
    from jixiao.web.monitoring import sheet

    pk = ids(xinfang)["信访宣传活动次数"]
    link(client, cast.alice, pk, kind="activity", subtype="宣传活动")
    client.post(reverse("monitoring:report", args=[xinfang.pk]), {"cutoff": "2024-07-31", "budget": "181000",
                                                                  "save": "1"})
    report = MonitoringReport.objects.get(table=xinfang)
    [line] = [x for x in sheet.frozen_report(report)["report"]["lines"] if x["indicator"] == pk]
    assert (line["so_far"], line["from_records"]) == ("3次", "2024-07-31")
    from jixiao.web.review import services

    MonitoringReport.objects.filter(pk=report.pk).update(status="submitted")
    version = services.approve(MonitoringReport.objects.get(pk=report.pk), cast.rita)
    client.force_login(cast.rita)
    copy = client.get(reverse("review:version", args=[version.pk])).content.decode()
    assert f'href="/evidence/indicators/{pk}/?until=2024-07-31">查看佐证记录' in copy
    html = client.get(reverse("monitoring:report", args=[xinfang.pk]) + "?cutoff=2024-07-31").content.decode()
    assert f'href="/evidence/indicators/{pk}/?until=2024-07-31">取自3条佐证记录' in html


def test_the_public_evaluation_shows_no_way_into_the_records(client, cast, xinfang, records):
    from jixiao.web.review import services

    from .test_evaluation_demo import form_data

    pk = ids(xinfang)["信访宣传活动次数"]
    link(client, cast.alice, pk, kind="activity", subtype="宣传活动")
    assert client.post(reverse("monitoring:evaluation", args=[xinfang.pk]),
                       {**form_data(xinfang), "submit": "1"}).status_code == 302
    evaluation = SelfEvaluation.objects.get(table=xinfang)
    services.approve(evaluation, cast.rita)
    client.force_login(cast.rita)
    sheet = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).content.decode()
    assert f'href="/evidence/indicators/{pk}/">查看佐证记录' in sheet
    client.logout()
    public = client.get(reverse("portal:evaluation", args=[xinfang.pk]))
    assert public.status_code == 200 and "5次" in public.content.decode()
    assert "/evidence/" not in public.content.decode()


def test_linked_actuals_of_a_page_are_totalled_by_the_database(cast, xinfang, records, django_assert_num_queries):
    from jixiao.web.evidence.actuals import linked_actuals

    i = ids(xinfang)
    Link.objects.create(indicator_id=i["信访宣传活动次数"], kind="activity", subtype="宣传活动")
    Link.objects.create(indicator_id=i["信访宣传制品单价"], kind="purchase", subtype="制品采购", measure="unit_price")
    Link.objects.create(indicator_id=i["信访宣传制品数量"], kind="purchase", measure="quantity")  # any subtype
    rows = list(xinfang.indicators.all())
    with django_assert_num_queries(3):  # the table's year; the links; their records' totals
        linked = linked_actuals(rows, date(2024, 7, 31))
    found = {r.name: linked[r.pk] for r in rows if r.pk in linked}
    assert len(found) == 3
    assert (found["信访宣传活动次数"].actual.text, found["信访宣传活动次数"].actual.count) == ("3次", 3)
    assert found["信访宣传制品单价"].actual.text == "1.1元/份"  # 1100 ÷ 1000, the August purchase not yet
    assert found["信访宣传制品数量"].actual.text == "1000份"
    whole_year = linked_actuals(rows)
    assert whole_year[i["信访宣传制品数量"]].actual.explanation == "2024年全部采购记录的数量合计：1,600份"
    assert whole_year[i["信访宣传制品单价"]].actual.count == 2

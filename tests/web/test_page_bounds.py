"""Pages cost a page's worth of queries however many rows lie behind them: 结果应用 of one unit asks
for the unit's rule set once (not once per evaluation), and one unit's 绩效自评 summary is paged with
its grades counted over all its projects."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.monitoring.views import evaluation as evaluation_views
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db


def _evaluate(tables, status="approved"):
    # Without a stored rule set, as a legacy or imported evaluation: each one follows its unit's rule set.
    SelfEvaluation.objects.bulk_create([SelfEvaluation(table=t, total=Decimal(70 + n), grade="良" if n % 2 else "中",
                                                       status=status) for n, t in enumerate(tables)])


def _results_queries(client, cast) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("results:report"), {"year": 2024, "unit": cast.unit_a.pk})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_results_of_one_unit_ask_for_its_rule_set_once(client, cast):
    tables = list(TargetTable.objects.filter(project__unit=cast.unit_a).order_by("pk"))
    client.force_login(cast.rita)
    _evaluate(tables[:2])
    few, html = _results_queries(client, cast)
    assert html.count("<tr") - html.count("<thead") >= 2
    _evaluate(tables[2:])
    many, html = _results_queries(client, cast)
    assert many == few
    assert SelfEvaluation.objects.count() == 12 and "保障" in html


def test_one_units_evaluation_summary_is_paged(client, cast, monkeypatch):
    monkeypatch.setattr(evaluation_views, "PAGE_SIZE", 5)
    tables = list(TargetTable.objects.filter(project__unit=cast.unit_a))
    _evaluate(tables[:7], status="submitted")
    client.force_login(cast.rita)
    seen, sizes = [], []
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("monitoring:evaluation_summary"),
                                  {"year": 2024, "unit": cast.unit_a.pk, "page": number})
        sizes.append(len(queries))
        seen += [row["table"].pk for row in response.context["rows"]]
    assert len(seen) == 12 and sorted(seen) == sorted(t.pk for t in tables)
    names = [TargetTable.objects.get(pk=pk).project.name for pk in seen]
    assert names == sorted(names)
    assert sizes[0] == sizes[1] == sizes[2]  # each page's evaluations come with its tables, not one query a row
    html = response.content.decode()
    assert "共 12 个项目" in html and "第 3 / 3 页" in html
    assert response.context["grades"][:4] == [("优", 0), ("良", 3), ("中", 4), ("差", 0)]


def test_queue_takes_each_tables_latest_submission_and_unrecorded_ones_last(client, cast):
    from datetime import datetime, timedelta, timezone

    from jixiao.web.review.models import Transition

    start = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    first, second, unrecorded = TargetTable.objects.order_by("pk")[:3]
    TargetTable.objects.filter(pk__in=[first.pk, second.pk, unrecorded.pk]).update(status="submitted")
    for table, hours in ((first, 1), (second, 2), (first, 3)):  # the first was submitted again, last
        step = Transition.objects.create(table=table, step="submit", user=cast.alice, subject_kind="table")
        Transition.objects.filter(pk=step.pk).update(at=start + timedelta(hours=hours))
    client.force_login(cast.rita)
    items = client.get(reverse("review:queue")).context["items"]
    assert [i.subject.table.pk for i in items] == [second.pk, first.pk, unrecorded.pk]


@pytest.mark.parametrize("sort", ["unit", "-budget", "budget", "-name"])
def test_list_pages_by_number_from_either_end_are_the_same_rows(client, cast, monkeypatch, sort):
    from jixiao.web.targets import queries, views as target_views

    monkeypatch.setattr(target_views, "PAGE_SIZE", 5)
    TargetTable.objects.filter(pk__in=TargetTable.objects.order_by("pk").values("pk")[:3]).update(budget=None)
    expected = list(TargetTable.objects.filter(year=2024).order_by(*queries.ordering(sort)).values_list("pk", flat=True))
    client.force_login(cast.rita)
    seen = []
    for number in (1, 2, 3):  # the third page is read backwards from the end
        response = client.get(reverse("targets:list"), {"year": 2024, "sort": sort, "page": number})
        seen += [t.pk for t in response.context["page_obj"]]
    assert seen == expected

"""The 审核队列 a page at a time: oldest submission first across tables and evaluations, findings
counted only for the tables on the page."""

from datetime import datetime, timedelta, timezone

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review import services, views
from jixiao.web.review.models import Transition
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db
START = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)


def submit_at(table, hours: int, user) -> None:
    TargetTable.objects.filter(pk=table.pk).update(status="submitted")
    step = Transition.objects.create(table=table, step="submit", user=user, subject_kind="table")
    Transition.objects.filter(pk=step.pk).update(at=START + timedelta(hours=hours))


def test_queue_pages_in_submission_order(client, cast, monkeypatch):
    monkeypatch.setattr(views, "QUEUE_PAGE", 3)
    tables = list(TargetTable.objects.order_by("pk")[:5])
    for hours, table in zip((4, 1, 5, 2, 6), tables):
        submit_at(table, hours, cast.alice)
    approved = TargetTable.objects.order_by("pk")[6]
    TargetTable.objects.filter(pk=approved.pk).update(status="approved")
    SelfEvaluation.objects.create(table=approved, status="submitted", submitted_at=START + timedelta(hours=3))
    client.force_login(cast.rita)

    def page(number):
        response = client.get(reverse("review:queue"), {"page": number})
        assert response.status_code == 200
        return [(i.subject.label, i.subject.table.pk) for i in response.context["items"]], response.content.decode()

    first, html = page(1)
    assert first == [("目标表", tables[1].pk), ("目标表", tables[3].pk), ("绩效自评", approved.pk)]
    assert "第 1 / 2 页（共 6 项）" in html and "page=2" in html
    second, _ = page(2)
    assert second == [("目标表", tables[0].pk), ("目标表", tables[2].pk), ("目标表", tables[4].pk)]


def test_inbox_shows_the_first_few_and_how_many(client, cast, monkeypatch):
    monkeypatch.setattr(views, "INBOX_SHOWN", 2)
    for hours, table in enumerate(TargetTable.objects.order_by("pk")[:5]):
        submit_at(table, hours, cast.alice)
    client.force_login(cast.rita)
    response = client.get(reverse("review:inbox"))
    names = sorted(TargetTable.objects.filter(status="submitted").values_list("project__name", flat=True))
    assert [t.project.name for t in response.context["todo"]] == names[:2]
    html = response.content.decode()
    assert "待审核的目标表（5）" in html and 'id="todo-more"' in html and reverse("review:queue") in html


def test_queue_reviews_a_table_again_only_once_it_changed(client, cast, monkeypatch):
    tables = list(TargetTable.objects.order_by("pk")[:3])
    for hours, table in enumerate(tables):
        submit_at(table, hours, cast.alice)
    reviewed = []
    real = services.findings_of
    monkeypatch.setattr(services, "findings_of", lambda table, rows: reviewed.append(table.pk) or real(table, rows))
    client.force_login(cast.rita)

    def counts():
        return [i.counts for i in client.get(reverse("review:queue")).context["items"]]

    first = counts()
    assert sorted(reviewed) == [t.pk for t in tables] and all(c is not None for c in first)
    reviewed.clear()
    assert counts() == first and reviewed == []
    TargetTable.objects.filter(pk=tables[1].pk).update(version=tables[1].version + 1)
    assert counts() == first and reviewed == [tables[1].pk]

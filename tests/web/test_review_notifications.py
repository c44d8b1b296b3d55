"""What needs my attention: the nav badge, the to-do list and the reviewers' queue."""

from django.urls import reverse

from jixiao.web.review import services
from jixiao.web.review.models import Notification
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


def badge(client) -> str | None:
    page = client.get(reverse("targets:list")).content.decode()
    marker = 'id="attention-badge"'
    return page.split(marker, 1)[1].split(">", 1)[1].split("<", 1)[0] if marker in page else None


def explain_and_submit(table, user):
    services.save_explanations(table, user, {
        f.key: "说明" for f in services.warnings_of(services.findings_of(table))})
    services.submit(table, user)


def test_badges_follow_the_workflow(client, cast, xinfang):
    client.force_login(cast.rita)
    assert badge(client) is None
    explain_and_submit(xinfang, cast.alice)
    assert badge(client) == "1"
    queue = client.get(reverse("review:queue"))
    assert [(i.subject.is_table, i.subject.table.project.name) for i in queue.context["items"]] == [(True, "信访事项经费")]
    assert "警告 1" in queue.content.decode()

    services.add_comment(xinfang, cast.rita, "请补充说明。")
    client.force_login(cast.alice)
    assert badge(client) == "1"  # one new comment
    services.return_table(TargetTable.objects.get(pk=xinfang.pk), cast.rita, "请修改后重新提交。")
    assert badge(client) == "2"  # the returned table and the comment
    inbox = client.get(reverse("review:inbox"))
    assert [t.project.name for t in inbox.context["todo"]] == ["信访事项经费"]
    assert "退回了《信访事项经费》（2024年）：请修改后重新提交。" in inbox.content.decode()

    client.post(reverse("review:read_all"))
    assert badge(client) == "1"  # still returned: it needs resubmitting
    assert not Notification.objects.filter(recipient=cast.alice, read_at__isnull=True).exists()
    client.force_login(cast.bob)
    assert badge(client) is None


def test_queue_lists_only_submitted_tables_of_every_unit(client, cast):
    tables = TargetTable.objects.filter(project__name__in=["信访事项经费", "法学会经费"])
    for t in tables:
        explain_and_submit(t, cast.alice)
    TargetTable.objects.filter(project__name="综合经费").update(status=Status.RETURNED)
    client.force_login(cast.rita)
    items = client.get(reverse("review:queue")).context["items"]
    assert sorted(i.subject.table.project.name for i in items) == ["信访事项经费", "法学会经费"]
    assert all(i.subject.is_table and i.submitted.user == cast.alice for i in items)


def test_findings_appear_beside_the_indicators(client, cast):
    table = TargetTable.objects.get(project__name="扫黑除恶专项斗争工作经费")
    client.force_login(cast.rita)
    page = client.get(reverse("targets:detail", args=[table.pk])).content.decode()
    row = page.split('data-indicator="%d"' % table.indicators.get(name="宣传品单价").pk, 1)[1].split("</tr>", 1)[0]
    assert "错误·" in row and "成本指标应设上限" in row


def test_a_long_queue_shows_99_plus_and_counts_no_further(client, cast, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(services, "BADGE_LIMIT", 3)
    client.force_login(cast.rita)
    tables = TargetTable.objects.order_by("pk")
    TargetTable.objects.filter(pk__in=list(tables.values_list("pk", flat=True)[:3])).update(status=Status.SUBMITTED)
    assert badge(client) == "3"
    TargetTable.objects.filter(pk__in=list(tables.values_list("pk", flat=True)[:5])).update(status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as queries:
        assert badge(client) == "3+"
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "status" in q["sql"]]
    assert counts and all("LIMIT 4" in sql for sql in counts)

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
    assert [t.project.name for t, _, _ in queue.context["rows"]] == ["信访事项经费"]
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
    rows = client.get(reverse("review:queue")).context["rows"]
    assert sorted(t.project.name for t, _, _ in rows) == ["信访事项经费", "法学会经费"]
    assert all(sub.user == cast.alice for _, _, sub in rows)


def test_findings_appear_beside_the_indicators(client, cast):
    table = TargetTable.objects.get(project__name="扫黑除恶专项斗争工作经费")
    client.force_login(cast.rita)
    page = client.get(reverse("targets:detail", args=[table.pk])).content.decode()
    row = page.split('data-indicator="%d"' % table.indicators.get(name="宣传品单价").pk, 1)[1].split("</tr>", 1)[0]
    assert "错误·" in row and "成本指标应设上限" in row

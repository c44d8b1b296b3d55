"""每日提醒: `jixiao digest` mails each user what they have to act on (locmem backend), and /digest/
shows the same."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jixiao.web.dashboards import lifecycle
from jixiao.web.review.models import Notification
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.JIXIAO_SITE_URL = "https://jixiao.example.org"
    settings.DEFAULT_FROM_EMAIL = "jixiao@example.org"
    return mail.outbox


@pytest.fixture
def year(cast):
    for user in (cast.alice, cast.rita):
        user.email = f"{user.username}@example.org"
        user.save()
    lifecycle.play(list(TargetTable.objects.filter(year=2024).order_by("pk")), cast.alice, cast.rita)


def run(*args):
    out = StringIO()
    call_command("digest", *args, stdout=out)
    return out.getvalue()


def test_each_user_gets_what_they_must_act_on(client, cast, year, mailbox):
    out = run("--today", "2026-12-03")
    # adam (administrator) has reviews waiting but no address; bob's unit has nothing.
    assert "已发送每日提醒 2 封；1 人没有待办事项，未发送。" in out
    assert "1 人有待办事项但没有电子邮箱，未发送：adam" in out
    mails = {m.to[0]: m for m in mailbox}
    assert set(mails) == {"alice@example.org", "rita@example.org"}

    rita = mails["rita@example.org"]
    told = Notification.objects.filter(recipient=cast.rita, read_at__isnull=True).count()  # every submission
    assert rita.subject == f"【预算绩效管理系统】每日提醒（12月3日）：待审核 2 项，未读通知 {told} 项"
    assert rita.from_email == "jixiao@example.org"
    waiting = TargetTable.objects.get(project__name="综治中心绩效奖励", year=2024)
    assert f"- 《综治中心绩效奖励》（2024年）目标表（{cast.unit_a.name}）\n  https://jixiao.example.org/tables/{waiting.pk}/" in rita.body
    assert "《中立法律服务社经费》（2024年）运行监控（截至2024-07-31）" in rita.body

    alice = mails["alice@example.org"]
    unread = Notification.objects.filter(recipient=cast.alice, read_at__isnull=True).count()
    assert unread > 20  # the sample year's decisions and comments: only the latest 20 are listed
    assert alice.subject == f"【预算绩效管理系统】每日提醒（12月3日）：已退回待修改 1 项，草稿待提交 3 项，未读通知 {unread} 项"
    assert "【已退回待修改】1 项\n- 《信访事项经费》（2024年）目标表" in alice.body
    assert "《扫黑除恶专项斗争工作经费》（2024年）目标表" in alice.body
    newest = Notification.objects.filter(recipient=cast.alice).order_by("-at", "-pk").first()
    assert "只列出最近 20 条" in alice.body and f"- {newest.text}" in alice.body

    # The page says the same.
    client.force_login(cast.alice)
    page = client.get(reverse("dashboards:digest")).content.decode()
    assert "已退回待修改（1）" in page and "草稿待提交（3）" in page and f"未读通知（{unread}）" in page
    assert f'href="/tables/{TargetTable.objects.get(project__name="信访事项经费", year=2024).pk}/"' in page


def test_nothing_to_do_sends_nothing(client, cast, mailbox):
    TargetTable.objects.update(status="approved")
    cast.rita.email = "rita@example.org"
    cast.rita.save()
    assert "已发送每日提醒 0 封；4 人没有待办事项，未发送。" in run("--today", "2026-12-03")
    assert mailbox == []
    client.force_login(cast.rita)
    assert "今天没有需要您处理的事项" in client.get(reverse("dashboards:digest")).content.decode()


def test_bad_options_say_what_is_wrong(cast, mailbox):
    with pytest.raises(CommandError, match="--today：「3.12.2026」不是 YYYY-MM-DD 格式的日期"):
        run("--today", "3.12.2026")
    with pytest.raises(CommandError, match="没有这些有效用户：nobody"):
        run("--user", "alice", "--user", "nobody")
    assert mailbox == []


def test_one_user_only(cast, mailbox):
    cast.alice.email = "alice@example.org"
    cast.alice.save()
    assert "已发送每日提醒 1 封" in run("--user", "alice", "--today", date(2026, 12, 3).isoformat())
    assert [m.to for m in mailbox] == [["alice@example.org"]]


def test_an_overdue_choice_reaches_its_unit_and_the_reviewers(client, cast, year, mailbox):
    from jixiao.web.accounts.models import Role, Unit
    from jixiao.web.dashboards.digest import digest_for
    from tests.conftest import _user

    unit_c = Unit.objects.create(name="演示单位丙（四川规则）", department=cast.unit_a.department)
    carl = _user("carl", Role.STAFF, unit_c)
    carl.email = "carl@example.org"
    carl.save()
    source = TargetTable.objects.get(project__name="综合经费", year=2024)
    report = lifecycle.play_overdue_choice(source, carl, cast.rita, cast.adam)  # warned 2 August 2024, no choice
    run("--today", "2026-12-03")
    mails = {m.to[0]: m for m in mailbox}
    line = (f"- 《综合经费》（2024年）运行监控（截至2024-07-31）：预警后应于 2024-08-16 前选择处理方式（{unit_c.name}）\n"
            f"  https://jixiao.example.org{reverse('monitoring:report', args=[report.table_id])}?cutoff=2024-07-31")
    for who in ("carl", "rita"):
        assert "逾期未选择处理方式 1 项" in mails[f"{who}@example.org"].subject
        assert f"【逾期未选择处理方式】1 项\n{line}" in mails[f"{who}@example.org"].body
    assert "逾期未选择处理方式" not in mails["alice@example.org"].subject  # not her unit's
    # On the last working day it is not overdue yet.
    [section] = [s for s in digest_for(carl, date(2024, 8, 16)).sections if s.key == "overdue"]
    assert section.count == 0
    client.force_login(carl)
    page = client.get(reverse("dashboards:digest")).content.decode()
    assert "逾期未选择处理方式（1）" in page and f'href="/tables/{report.table_id}/monitoring/?cutoff=2024-07-31"' in page


def test_a_long_section_lists_the_first_items_and_counts_them_all(client, cast, year, monkeypatch):
    from jixiao.web.dashboards import digest
    from jixiao.web.workflow import Status

    submitted = TargetTable.objects.filter(status=Status.SUBMITTED)
    TargetTable.objects.filter(status=Status.DRAFT).update(status=Status.SUBMITTED)
    waiting = submitted.count()
    monkeypatch.setattr(digest, "ITEMS_SHOWN", 2)
    [review] = [s for s in digest.digest_for(cast.rita, date(2026, 12, 3)).sections if s.key == "review"]
    assert len(review.items) == 2 and review.count == waiting + 1 > 3  # and one 运行监控 report
    client.force_login(cast.rita)
    page = client.get(reverse("dashboards:digest")).content.decode()
    assert f"待审核（{waiting + 1}）" in page and f"共 {waiting + 1} 项，只列出前 2 条" in page

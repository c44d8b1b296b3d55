"""每日提醒: what each user has to act on, as a page and as an e-mail (`jixiao digest`, from cron).

The same ``Digest`` is shown on the page and written into the mail, so they never differ. What
counts as 待办 follows the review workflow: reviewers review what is 已提交; unit staff submit their
drafts and rework what was 已退回; both see the 运行监控 warnings whose choice (继续执行/调剂/取消) is
overdue (``queries.overdue_choices``, the chart's numbers). Unread notifications (审核意见, replies, decisions) come last.
Mail goes through Django's mail settings (the console by default, see docs/deployment.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jixiao.web.dashboards import queries
from jixiao.web.review import subjects
from jixiao.web.review.models import Notification
from jixiao.web.targets.access import visible_tables
from jixiao.web.workflow import Status, reads_all

SITE = "预算绩效管理系统"
NOTIFICATIONS_SHOWN = 20
ITEMS_SHOWN = 50  # of a section of tables, reports or overdue choices; the rest are counted


@dataclass
class Item:
    text: str
    url: str  # path on the site
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    total: int | None = None  # when more exist than are listed
    more_url: str = ""  # where the rest are listed (default: 待办事项)

    @property
    def count(self) -> int:
        return self.total if self.total is not None else len(self.items)


@dataclass
class Digest:
    user: object
    day: date
    sections: list[Section] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(s.count for s in self.sections)

    @property
    def subject(self) -> str:
        counts = "，".join(f"{s.title} {s.count} 项" for s in self.sections if s.count)
        return f"【{SITE}】每日提醒（{self.day.month}月{self.day.day}日）：{counts or '没有待办事项'}"


def _items(tables, status) -> Section:
    """Tables and their reports/evaluations in ``status``, each with its page: the first ITEMS_SHOWN
    tables, then reports, by unit and project, and how many there are in all."""
    waiting = tables.filter(status=status)
    out = [Item(f"《{t.project.name}》（{t.year}年）目标表", reverse("targets:detail", args=[t.pk]), t.project.unit.name)
           for t in waiting.select_related("project__unit").order_by("project__unit__name", "project__name", "pk")
           [:ITEMS_SHOWN]]
    reports = sorted(subjects.reports_with_status(tables, status, first=ITEMS_SHOWN),
                     key=lambda s: (s.table.project.name, s.kind))
    out += [Item(f"{s.title}", s.url(), s.table.project.unit.name) for s in reports]
    total = waiting.count() + subjects.count_reports(tables, status)
    return Section("", "", out[:ITEMS_SHOWN], total)


def _section(key: str, title: str, items: Section) -> Section:
    items.key, items.title = key, title
    return items


def digest_for(user, day: date) -> Digest:
    tables = visible_tables(user)
    digest = Digest(user, day)
    if reads_all(user):
        digest.sections.append(_section("review", "待审核", _items(tables, Status.SUBMITTED)))
    else:
        digest.sections.append(_section("returned", "已退回待修改", _items(tables, Status.RETURNED)))
        digest.sections.append(_section("drafts", "草稿待提交", _items(tables, Status.DRAFT)))
    found = queries.overdue(tables, day)
    overdue = [Item(f"《{o.project}》（{o.year}年）运行监控（截至{o.cutoff.isoformat()}）：预警后应于 "
                    f"{o.deadline.isoformat()} 前选择处理方式",
                    f"{reverse('monitoring:report', args=[o.table_id])}?cutoff={o.cutoff.isoformat()}", o.unit)
               for o in found.choices(limit=ITEMS_SHOWN)]
    digest.sections.append(Section("overdue", "逾期未选择处理方式", overdue, sum(n for _, n in found.counts()),
                                   reverse("monitoring:overview")))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-at", "-pk")
    notes = [Item(n.text, reverse("review:notification", args=[n.pk]), f"{timezone.localtime(n.at):%Y-%m-%d %H:%M}")
             for n in unread[:NOTIFICATIONS_SHOWN]]
    digest.sections.append(Section("unread", "未读通知", notes, unread.count()))
    return digest


def mail_of(digest: Digest) -> EmailMessage:
    body = render_to_string("dashboards/digest.txt", {"digest": digest, "site_url": settings.JIXIAO_SITE_URL,
                                                            "site": SITE})
    return EmailMessage(digest.subject, body, settings.DEFAULT_FROM_EMAIL, [digest.user.email])


@dataclass
class Sent:
    sent: list[str] = field(default_factory=list)  # usernames
    nothing: int = 0  # users with nothing to act on
    no_address: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"已发送每日提醒 {len(self.sent)} 封；{self.nothing} 人没有待办事项，未发送。"]
        if self.no_address:
            out.append(f"{len(self.no_address)} 人有待办事项但没有电子邮箱，未发送：{'、'.join(self.no_address)}"
                       "（请在系统管理中填写邮箱）。")
        return out


def send_digests(day: date, users=None) -> Sent:
    """Mail every active user (or ``users``) their digest when it is not empty, over one connection."""
    users = users if users is not None else get_user_model().objects.filter(is_active=True).order_by("username")
    result, messages = Sent(), []
    for user in users:
        digest = digest_for(user, day)
        if digest.empty:
            result.nothing += 1
        elif not user.email:
            result.no_address.append(user.username)
        else:
            messages.append(mail_of(digest))
            result.sent.append(user.username)
    if messages:
        get_connection().send_messages(messages)
    return result

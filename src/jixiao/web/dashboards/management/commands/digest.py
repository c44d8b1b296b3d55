"""`jixiao digest`: mail each user their 每日提醒 (待办, returned items, unread notifications); run from cron."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jixiao.web.dashboards.digest import send_digests


class Command(BaseCommand):
    help = "向每位有待办事项的用户发送每日提醒邮件（待审核、已退回、草稿、未读通知；供定时任务每天调用）"

    def add_arguments(self, parser):
        parser.add_argument("--user", action="append", metavar="用户名", help="只发给这些用户（可重复）")
        parser.add_argument("--today", help="提醒的日期，YYYY-MM-DD（默认：今天）")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today：「{options['today']}」不是 YYYY-MM-DD 格式的日期") from None
        users = None
        if options["user"]:
            users = list(get_user_model().objects.filter(username__in=options["user"], is_active=True))
            missing = sorted(set(options["user"]) - {u.username for u in users})
            if missing:
                raise CommandError(f"没有这些有效用户：{'、'.join(missing)}")
        try:
            result = send_digests(day, users)
        except OSError as e:  # the mail server refused or cannot be reached: nothing was sent
            raise CommandError(f"无法发送邮件：{e}（请检查 JIXIAO_EMAIL_* 设置）") from None
        for line in result.lines():
            self.stdout.write(line)

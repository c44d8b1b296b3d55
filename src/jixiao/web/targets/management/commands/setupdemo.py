"""`make run`'s first step after migrate: demo data once, demo accounts with stable random passwords."""

import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from jixiao.core.io import read_document
from jixiao.core.numbers import money
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.accounts.models import Department, Profile, Role, Unit
from jixiao.web.management import JixiaoCommand
from jixiao.web.targets import importer
from jixiao.web.targets.forms import seed_choices
from jixiao.web.targets.models import TargetTable

DEMO_UNIT = "东莞市东坑镇综合治理办公室"
DEMO_YEAR = 2024
OTHER_UNIT = "演示单位乙（无目标表）"
CHOICE_UNIT = "演示单位丙（四川规则）"  # the sample year gives it one table with an overdue choice after a warning
ACCOUNTS = [
    # username, display name, role, unit
    ("danwei", "综治办填报员", Role.STAFF, DEMO_UNIT),
    ("danwei2", "乙单位填报员", Role.STAFF, OTHER_UNIT),
    ("danwei3", "丙单位填报员", Role.STAFF, CHOICE_UNIT),
    ("shenhe", "财政审核员", Role.REVIEWER, None),
    ("admin", "系统管理员", Role.ADMIN, None),
]


class Command(JixiaoCommand):
    help = "载入演示数据（数据库为空时）并创建各角色的演示账号，打印账号和密码"

    def handle(self, *args, **options):
        if not TargetTable.objects.exists():
            report = importer.import_document(read_document(DEMO_DOCUMENT), source=DEMO_DOCUMENT.name)
            self.stdout.write(f"已载入演示文件 {DEMO_DOCUMENT.name}：{report.summary()}")
        call_command("setupdemo_library", stdout=self.stdout)  # the 指标库 and sample years (library app)
        if made := seed_choices():
            self.stdout.write(f"已按演示项目建立项目类型、项目等级的选项 {made} 个（管理后台“项目信息选项”中维护）")
        self._list_tables()
        path = Path(settings.VAR_DIR) / "demo-accounts.json"
        passwords = json.loads(path.read_text()) if path.exists() else {}
        with transaction.atomic():
            department = Department.objects.get_or_create(name=DEMO_UNIT)[0]
            for username, full_name, role, unit_name in ACCOUNTS:
                unit = Unit.objects.get_or_create(name=unit_name, defaults={"department": department})[0] if unit_name else None
                user = User.objects.filter(username=username).first()
                if user is None:
                    password = passwords.get(username) or secrets.token_urlsafe(9)
                    # example.invalid never delivers: `jixiao digest` prints the demo's mails to the console.
                    user = User.objects.create_user(username, f"{username}@example.invalid", password,
                                                    first_name=full_name,
                                                    is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
                    Profile.objects.create(user=user, role=role, unit=unit)
                    passwords[username] = password
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(passwords, ensure_ascii=False, indent=2))
        path.chmod(0o600)
        # The sample year of review, monitoring and self-evaluation (dashboards app), by the demo accounts.
        call_command("setupdemo_lifecycle", DEMO_UNIT, DEMO_YEAR, "--choice-unit", CHOICE_UNIT, stdout=self.stdout)
        self.stdout.write("\n演示账号（密码保存在 %s）：" % path)
        for username, full_name, role, unit_name in ACCOUNTS:
            where = f"，{unit_name}" if unit_name else ""
            self.stdout.write(f"  {username:<9} 密码 {passwords.get(username, '（已由管理员修改）'):<14} {Role(role).label}{where}")
        self.stdout.write("")

    def _list_tables(self, limit: int = 30) -> None:
        tables = (TargetTable.objects.select_related("project").annotate(indicator_total=Count("indicators"))
                  .order_by("-year", "project__unit__name", "project__name"))
        total = tables.count()
        self.stdout.write(f"\n数据库中共有 {total} 张项目绩效目标表：")
        for t in tables[:limit]:
            budget = "—" if t.budget is None else f"{money(t.budget)} 元"
            self.stdout.write(f"  {t.year}  {t.project.name}（{t.indicator_total} 个指标，预算 {budget}）")
        if total > limit:
            self.stdout.write(f"  …… 另有 {total - limit} 张")

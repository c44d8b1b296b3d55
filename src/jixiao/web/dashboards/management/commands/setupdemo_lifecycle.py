"""`setupdemo`'s last step: a sample year of review, monitoring and self-evaluation on the demo tables."""

from django.core.management.base import BaseCommand

from jixiao.web.dashboards.lifecycle import load_demo


class Command(BaseCommand):
    help = "在演示目标表上生成示例审核流程、运行监控报告和绩效自评（已有时跳过）"

    def add_arguments(self, parser):
        parser.add_argument("unit", help="演示单位名称")
        parser.add_argument("year", type=int, help="预算年度")

    def handle(self, *args, **options):
        for line in load_demo(options["unit"], options["year"]):
            self.stdout.write(line)

"""`setupdemo`'s last step: a sample year of review, monitoring and self-evaluation on the demo tables."""

from django.core.management.base import BaseCommand

from jixiao.web.dashboards.lifecycle import load_demo


class Command(BaseCommand):
    help = "在演示目标表上生成示例审核流程、运行监控报告和绩效自评（已有时跳过）"

    def add_arguments(self, parser):
        parser.add_argument("unit", help="演示单位名称")
        parser.add_argument("year", type=int, help="预算年度")
        parser.add_argument("--choice-unit", default="",
                            help="按四川规则监控的演示单位：复制一张目标表，运行监控预警后逾期未选择处理方式")

    def handle(self, *args, **options):
        for line in load_demo(options["unit"], options["year"], options["choice_unit"]):
            self.stdout.write(line)

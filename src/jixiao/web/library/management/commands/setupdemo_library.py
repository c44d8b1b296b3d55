"""`setupdemo`'s library step: the core set, entries built from the demo tables, sample 2023 years."""


from jixiao.web.library.demo import load_demo
from jixiao.web.management import JixiaoCommand


class Command(JixiaoCommand):
    help = "载入指标库核心集，从演示目标表整理指标库，并生成上一年度示例数据（已有时跳过）"

    def handle(self, *args, **options):
        for line in load_demo():
            self.stdout.write(line)

"""`setupdemo`'s library step: the core set, entries built from the demo tables, sample 2023 years, and
sample 佐证记录 behind some 2024 actuals."""


from jixiao.web.evidence import demo as evidence_demo
from jixiao.web.library.demo import load_demo
from jixiao.web.management import JixiaoCommand


class Command(JixiaoCommand):
    help = "载入指标库核心集，从演示目标表整理指标库，生成上一年度示例数据和佐证记录示例（已有时跳过）"

    def handle(self, *args, **options):
        for line in load_demo() + evidence_demo.load_demo():
            self.stdout.write(line)

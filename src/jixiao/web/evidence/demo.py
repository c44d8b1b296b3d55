"""The demo's 佐证记录: sample work of 2024 for 信访事项经费, and three of its indicators taking their
actuals from it (次数 = count of 宣传活动, 制品数量 = quantity and 制品单价 = amount ÷ quantity of
制品采购). Made up for demonstration, and each record says so; run by `setupdemo`, once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from jixiao.web.evidence.models import Link, Record
from jixiao.web.targets.models import TargetTable

PROJECT, YEAR = "信访事项经费", 2024
NOTE = "示例数据：系统生成，仅供演示"
RECORDS = [
    ("activity", "宣传活动", date(2024, 3, 5), "信访条例宣传进村（社区）", None, "", None),
    ("activity", "宣传活动", date(2024, 5, 15), "“依法信访”主题宣传日", None, "", None),
    ("activity", "宣传活动", date(2024, 7, 20), "信访法治宣传进企业", None, "", None),
    ("activity", "宣传活动", date(2024, 9, 12), "全镇信访宣传集中活动", None, "", None),
    ("activity", "宣传活动", date(2024, 11, 28), "年末信访政策宣讲", None, "", None),
    ("activity", "培训", date(2024, 4, 9), "信访业务骨干培训", Decimal(36), "人", None),
    ("purchase", "制品采购", date(2024, 2, 26), "信访宣传折页、手册（第一批）", Decimal(20000), "份", Decimal(24600)),
    ("purchase", "制品采购", date(2024, 8, 19), "信访宣传折页、手册（第二批）", Decimal(12000), "份", Decimal(15000)),
    ("case", "信访事项", date(2024, 6, 3), "群众反映小区噪音扰民", None, "", None),
    ("case", "调解", date(2024, 6, 18), "邻里宅基地纠纷调解", None, "", None),
    ("case", "法律咨询", date(2024, 10, 8), "劳动报酬法律咨询", None, "", None),
]
LINKS = {  # indicator name → (kind, subtype, measure)
    "信访宣传活动次数": ("activity", "宣传活动", "count"),
    "信访宣传制品数量": ("purchase", "制品采购", "quantity"),
    "信访宣传制品单价": ("purchase", "制品采购", "unit_price"),
}


@transaction.atomic
def load_demo() -> list[str]:
    table = TargetTable.objects.filter(project__name=PROJECT, year=YEAR).select_related("project").first()
    if table is None or Record.objects.filter(project=table.project).exists():
        return []
    for kind, subtype, day, title, quantity, unit, amount in RECORDS:
        Record.objects.create(project=table.project, kind=kind, subtype=subtype, day=day, title=title,
                              quantity=quantity, counting_unit=unit, amount=amount, note=NOTE)
    linked = 0
    for indicator in table.indicators.filter(name__in=LINKS):
        kind, subtype, measure = LINKS[indicator.name]
        Link.objects.get_or_create(indicator=indicator, defaults={"kind": kind, "subtype": subtype, "measure": measure})
        linked += 1
    return [f"佐证记录：《{PROJECT}》{YEAR}年 {len(RECORDS)} 条示例记录，{linked} 个指标从记录取实际完成值"]

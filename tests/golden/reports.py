"""Fixed inputs of the report goldens: one 情况说明 on the demo's review findings, and a filled
运行监控 report of 信访事项经费 at 31 July (a red execution light, yellow and green indicators)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

# The unit's 情况说明 on one warning: (project, rule, indicator, text).
EXPLAINED = ("信访事项经费", "consistency.implied-cost-under-budget", "信访宣传制品单价",
             "其余资金用于访前法律咨询工作室的场地和驻点人员补助。")

CUTOFF = date(2024, 7, 31)
BUDGET, SPENT = Decimal(181000), Decimal(50000)
WHY = {"deviation_cause": "staffing", "deviation_text": "上半年专职人员调离。",
       "corrective_measure": "8月起增配 1 名专职人员。", "likelihood": "possible"}
# indicator → (截至目前完成值, 全年预计完成值, 预计完成情况, explained)
ENTRIES = {
    "信访宣传活动次数": ("2次", "3次", "", True),  # 3 of ≥4: yellow
    "信访宣传制品单价": ("1.2元/份", "1.25元/份", "", False),  # at the cap: green
    "引导群众依法上访": ("", "", "partly", True),  # 部分达成: yellow
    "服务对象满意度": ("85%", "90%", "", False),
}

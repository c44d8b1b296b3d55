"""A fixed, filled 绩效自评 of the demo table 信访事项经费, for the 自评表 and report goldens.

Every kind of line appears: values met, short and over-run (a cost cap), a count typed with a comma,
an indicator marked not applicable, and the three ratings of the qualitative 效益 indicators.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.scoring import Execution, IndicatorInput

TABLE = "信访事项经费"
GOAL_ACTUAL = "全年劝返接送到位，两会期间驻点无非正常上访。"


def _short(name: str) -> str:
    return f"{name}未达标：下半年人手不足；明年增配专人。"


# (实际完成值, 完成情况, 评价得分, not applicable, 偏差原因分析) per indicator, in table order.
ENTRIES = [
    ("1间", None, None, False, ""),  # 访前法律咨询工作室
    ("5次", None, None, False, ""),  # 信访宣传活动次数 ≥4次: over-achieved, capped
    ("1个", None, None, False, ""),  # 驻点信访维稳工作专班
    ("95%", None, None, False, _short("接返工作任务完成率")),
    ("32,000份", None, None, False, ""),  # 信访宣传制品数量, typed with a comma
    ("100%", None, None, False, ""),
    ("", None, None, True, ""),  # 驻点工作任务处理率: not applicable this year
    ("81%", None, None, False, _short("上访人息诉罢访率")),
    ("88%", None, None, False, ""),
    ("100%", None, None, False, ""),
    ("85%", None, None, False, ""),
    ("45%", None, None, False, _short("驻点任务完成及时率")),
    ("90%", None, None, False, ""),
    ("95.5%", None, None, False, ""),  # 预算执行率（%）
    ("1.4元/份", None, None, False, _short("信访宣传制品单价")),  # a cap of 1.25元/份, over-run
    ("", "达成", "7.5", False, ""),  # 维护信访人合法权益
    ("", "达成", "6.5", False, _short("引导群众依法上访")),
    ("", "部分达成", "5.25", False, _short("促进信访法治建设")),
    ("", "未达成", "3", False, _short("维持合理的信访诉求秩序")),
    ("92%", None, None, False, ""),  # 服务对象满意度
]
BUDGET_INITIAL, BUDGET_FULL_YEAR, SPENT = Decimal(181000), Decimal(181000), Decimal(171950)


def inputs() -> list[IndicatorInput]:
    return [
        IndicatorInput(actual=actual or None, rating=rating, rating_score=None if score is None else Decimal(score),
                       not_applicable=na, deviation_analysis=why)
        for actual, rating, score, na, why in ENTRIES
    ]


def execution() -> Execution:
    return Execution(BUDGET_INITIAL, BUDGET_FULL_YEAR, SPENT)

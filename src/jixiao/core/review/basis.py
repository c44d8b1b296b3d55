"""What each review rule rests on, in the words users read: regulations by their official name and
document number; where a check is Jixiao's own, it says 本系统审核口径.

The evidence behind each statement is recorded in docs/domain.md; no mark of it belongs here.
"""

from __future__ import annotations

OWN = "本系统审核口径"

OPINION_34 = "《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）"
MEASURES_88 = "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）"
MEASURES_10 = "《项目支出绩效评价管理办法》（财预〔2020〕10号）"
GUIDE_101 = "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）"
DONGGUAN_FORM = "东莞市财政项目支出绩效目标批复表（2019年）"
LOCAL_MEASURES = "各地预算绩效目标管理办法"

COVERAGE = f"{OPINION_34}：绩效目标应涵盖产出、成本、效益和服务对象满意度"
FORMAL_REVIEW = f"{MEASURES_88}：绩效目标审核包括形式完整性审核"
QUANTIFIED = f"{MEASURES_88}：绩效目标应细化、量化"
MATCHED = f"{MEASURES_88}：绩效目标应与预算资金相应匹配，适当性审核看资金与目标是否匹配"
COST_CONTROL = f"{GUIDE_101}：绩效目标包括成本控制要求"

BLOCKS = f"{COVERAGE}；{FORMAL_REVIEW}"
OUTPUT_CATEGORIES = (
    f"{QUANTIFIED}；{LOCAL_MEASURES}要求目标按数量、质量、成本、时效细化；"
    f"产出指标下须有数量、质量、时效指标为{OWN}"
)
COST = f"{OPINION_34}：绩效目标应涵盖成本；{COST_CONTROL}"
NUMBERS = (
    f"{QUANTIFIED}；{LOCAL_MEASURES}要求能量化的尽量量化，绩效目标表分列指标性质、指标值和度量单位"
)
TIMELINESS = f"{QUANTIFIED}；{LOCAL_MEASURES}要求目标按时间细化；“及时”等表述只是定性描述，为{OWN}"
COST_CEILING = f"{COST_CONTROL}；成本指标按上限（≤）设定为{OWN}"
CATEGORIES = f"{FORMAL_REVIEW}；二级指标按{OPINION_34}所列绩效目标内容分类"
UNREADABLE = f"{QUANTIFIED}；无法识别的指标值按定性处理为{OWN}"
PERIOD = (
    f"{MEASURES_88}：适当性审核；{DONGGUAN_FORM}分列中期滚动目标与年度目标；"
    f"实施周期指标值与当年度指标值的比较为{OWN}"
)
BUDGET_YEAR = f"{MEASURES_88}：年度绩效目标是预算资金在一个预算年度内预期达到的产出和效果"
DUPLICATE = f"{FORMAL_REVIEW}；三级指标不得重复为{OWN}"
QUALITATIVE_SHARE = (
    f"{QUANTIFIED}；{LOCAL_MEASURES}要求能量化的尽量量化，不能量化的以分级定性表述；占比上限为{OWN}，可配置"
)
VAGUE_BENEFIT = (
    f"{LOCAL_MEASURES}要求不能量化的以分级定性表述；“长期”“有效维护”等表述只能按达成、部分达成、"
    f"未达成三档评分，量化建议为{OWN}"
)
EXECUTION_RATE = (
    f"{MEASURES_10}：单位自评中预算执行率原则上占10分；{DONGGUAN_FORM}设“年度预算执行率≥90%”；"
    f"四川省要求预算执行率低于90%时说明原因"
)
RATES = (
    f"{QUANTIFIED}；{LOCAL_MEASURES}要求绩效目标表分列指标性质、指标值和度量单位；"
    f"比率指标以百分比表示、不超过100%、方向与名称一致为{OWN}"
)

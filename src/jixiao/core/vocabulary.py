"""The labels that target tables and self-evaluations print, with the variants real documents use.

One data table for every reader (published text, Excel, PDF, Word, web pages): a label is looked up
here, never spelled out in a reader. ``docs/reading.md`` lists this table; a test keeps the two in
step. Labels are compared after ``normal_label``: whitespace, colons and a trailing money unit or
a leading year removed, full-width brackets made half-width, traditional characters simplified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.core.categories import POINTS_NOTE


@dataclass(frozen=True)
class Label:
    """One field of a table's header block: ``key`` is what the reader fills."""

    key: str
    official: str
    variants: tuple[str, ...] = ()
    meaning: str = ""


# The header block above the indicator grid. Keys: TargetTable attributes, ``period`` (实施周期),
# ``budget`` (年度预算), ``goals.period`` / ``goals.annual``, ``goals`` (the block label itself).
HEADER_LABELS: tuple[Label, ...] = (
    Label("name", "项目名称", ("项目全称", "专项名称", "专项资金名称", "项目(专项)名称", "二级项目名称", "项目名", "项目支出名称"),
          "项目名称"),
    Label("type", "项目类型", ("项目类别", "项目属性", "项目性质"), "项目类型"),
    Label("level", "项目等级", ("项目级次", "项目层级", "项目级别"), "一级/二级项目"),
    Label(
        "department",
        "主管部门",
        ("主管单位", "主管部门及代码", "主管部门名称", "部门名称", "主管部门(单位)", "一级预算单位"),
        "主管部门",
    ),
    Label(
        "unit",
        "用款单位",
        (
            "实施单位", "预算单位", "项目单位", "申报单位", "单位名称", "项目实施单位", "实施单位及代码",
            "用款单位名称", "预算单位名称", "项目实施单位名称", "项目负责单位", "资金使用单位", "预算单位及代码",
            "预算部门",
        ),
        "用款单位（实施单位）",
    ),
    Label("period", "实施周期", ("项目周期", "实施期限", "项目实施周期", "项目期限", "项目实施期限", "执行期限"), "起始年度至到期年度"),
    Label(
        "budget",
        "年度预算金额",
        (
            "预算金额", "年度预算", "年度预算数", "预算数", "预算资金", "年度预算资金", "资金总额", "年度资金总额",
            "项目资金", "项目预算", "项目预算金额", "项目总预算", "项目资金总额", "资金金额", "预算", "年度资金",
            "本年预算", "项目预算数", "项目金额", "申请预算", "年度预算安排", "项目总金额", "本级预算金额",
            "年度本级预算金额",
        ),
        "当年预算，元或万元（标签中的年份即预算年度）",
    ),
    Label(
        "goals.period",
        "实施周期总目标",
        ("中期滚动目标", "中期目标", "长期目标", "实施期目标", "总目标", "项目总目标", "实施周期目标", "长期绩效目标", "中长期目标",
         "实施期绩效目标", "实施周期绩效目标", "中期绩效目标", "中长期绩效目标"),
        "实施周期（中期）总目标",
    ),
    Label(
        "goals.annual",
        "年度目标",
        ("年度绩效目标", "当年目标", "本年度目标", "年度总体目标", "年度目标值", "当年度目标", "年度总目标", "年度具体目标",
         "本年度绩效目标", "当年绩效目标", "当年度绩效目标"),
        "当年度目标（标签中的年份即预算年度）",
    ),
    Label("goals", "总体绩效目标", ("总体目标", "绩效目标", "项目绩效目标", "总体绩效目标"), "目标部分的总标签"),
)

# Titles that start a table. A title names the kind of table; a document may hold several.
TARGET_TITLES = (
    "项目绩效目标表", "项目支出绩效目标表", "部门预算项目绩效目标申报表", "项目支出绩效目标申报表",
    "绩效目标批复表", "项目支出绩效目标批复表", "财政项目支出绩效目标批复表", "绩效目标表", "专项资金绩效目标表",
    "绩效目标申报表", "项目绩效目标申报表", "部门项目支出绩效目标表", "项目绩效目标",
)
SELF_EVALUATION_TITLES = ("项目支出绩效自评表", "绩效目标自评表", "区域绩效目标自评表", "部门整体支出绩效自评表", "绩效自评表", "自评表")

_SPACE = re.compile(r"[\s\u3000]+")
_TRAILING = re.compile(r"[:：]+$")
_MONEY = re.compile(r"[(（]?(万元|元)[)）]?$")
_YEAR = re.compile(r"^(\d{4})\s*年?度?")
# Full-width letters, digits and brackets typed with a Chinese input method → ASCII (the Chinese
# colon, comma and the like are kept: they carry no difference in a label).
_BRACKETS = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "：；，、！？"}
_BRACKETS.update(str.maketrans("【】\u3000", "[] "))
# Traditional forms of the characters these labels use (a few pages are in traditional script).
_TRADITIONAL = str.maketrans(
    "項績標產數質時經濟會態續響滿際實單預週級總額資審評價種類別務計劃權費報覆門據執專範準優員對達進況構農業財設築規維護開發創環節邊區縣鄉鎮廳處廣東這個們與為於無當從後萬億畝輛備應戶調轉雙點線層歲齡醫學勞動險鄰問題體稱屬歸劑衛幣圖書館電車運營機關說證組織導園貧補貼購採獎勵療齊舊確隨錄聯網絡階見視覽訂氣給結約紅綠黃燈測驗檢監內",
    "项绩标产数质时经济会态续响满际实单预周级总额资审评价种类别务计划权费报复门据执专范准优员对达进况构农业财设筑规维护开发创环节边区县乡镇厅处广东这个们与为于无当从后万亿亩辆备应户调转双点线层岁龄医学劳动险邻问题体称属归剂卫币图书馆电车运营机关说证组织导园贫补贴购采奖励疗齐旧确随录联网络阶见视览订气给结约红绿黄灯测验检监内",
)


_TRADITIONAL_CHARS = "".join(chr(c) for c in _TRADITIONAL)


def simplify(text: str) -> str:
    """Traditional characters used in table labels → simplified (other characters untouched)."""
    return text.translate(_TRADITIONAL)


@dataclass(frozen=True)
class Found:
    """A header label recognised: its key, and what the label itself said (year, money unit)."""

    key: str
    year: int | None = None
    money_unit: str | None = None
    value: str = ""  # text after a colon inside the same cell ("项目名称：某某项目")


@lru_cache(maxsize=8192)
def normal_label(text: str) -> str:
    """A label as compared against the table: no spaces or trailing colon, half-width brackets."""
    return _TRAILING.sub("", _SPACE.sub("", simplify(text).translate(_BRACKETS)))


def _index() -> dict[str, str]:
    out: dict[str, str] = {}
    for label in HEADER_LABELS:
        for text in (label.official, *label.variants):
            out.setdefault(normal_label(text), label.key)
    return out


_BY_TEXT = _index()


def _first_characters() -> frozenset[str]:
    first = {normal_label(text)[:1] for label in HEADER_LABELS for text in (label.official, *label.variants)}
    first |= {c for c in _TRADITIONAL_CHARS if simplify(c) in first}
    return frozenset(first | set("0123456789*（(【[ \u3000"))


_FIRST = _first_characters()


def header_label(text: str) -> Found | None:
    """The header field a cell names, or None. '2024年预算金额（万元）' → budget, 2024, 万元."""
    if not text or text[0] not in _FIRST:
        return None  # most cells are values: no label starts as they do (a cheap test, read per row)
    return _header_label(text)


@lru_cache(maxsize=8192)
def _header_label(text: str) -> Found | None:
    if len(text) > 40:
        return _inline(text) if text and len(text) <= 400 else None
    label = normal_label(text)
    if not label:
        return None
    key = _BY_TEXT.get(label)
    if key:
        return Found(key)
    year = money = None
    m = _YEAR.match(label)
    if m and len(label) > m.end():
        year, label = int(m.group(1)), label[m.end():]
        key = _BY_TEXT.get(label) or _BY_TEXT.get("年度" + label)
        if key in ("budget", "goals.annual"):
            return Found(key, year)
    m = _MONEY.search(label)
    if m and m.start() > 0:
        money, label = m.group(1), label[: m.start()]
        key = _BY_TEXT.get(label)
        if key == "budget":
            return Found(key, year, money)
    return _inline(text)


def _inline(text: str) -> Found | None:
    """'项目名称：某某项目' in one cell: the label before the colon, the value after it."""
    for colon in ("：", ":"):
        head, sep, tail = text.partition(colon)
        if sep and head and tail.strip() and len(head) <= 20:
            found = header_label(head)
            if found and not found.value:
                return Found(found.key, found.year, found.money_unit, tail.strip())
    return None


# The columns of an indicator grid. Roles: what a column holds. ``period``/``annual`` hold whole
# targets; ``nature`` + ``value`` + ``unit`` are one target split over three columns.
GRID_LABELS: tuple[Label, ...] = (
    Label("level1", "一级指标", ("一级", "绩效指标分类", "指标类型", "评价指标"), "一级指标"),
    Label("level2", "二级指标", ("二级", "二级指标(长期)", "二级指标(年度)", "二级指标(中期)", "评价内容"), "二级指标"),
    Label(
        "name", "三级指标",
        ("三级", "三级指标名称", "指标名称", "指标内容", "绩效内容", "绩效指标", "具体指标", "三级指标(长期)", "三级指标(年度)", "三级指标(中期)"),
        "三级指标（指标名称）",
    ),
    Label(
        "period", "实施周期指标值",
        ("中期指标值", "长期指标值", "指标值(长期)", "指标值(中期)", "实施期指标值", "中期目标值", "长期目标值", "实施周期目标值"),
        "实施周期（中期、长期）的目标",
    ),
    Label(
        "annual", "当年度指标值",
        (
            "年度指标值", "指标值", "目标值", "指标值(年度)", "年度目标值", "当年预期实现值", "预期实现值", "年度数值",
            "预期指标值", "绩效目标值", "指标值及单位", "年度预期指标值", "预期目标", "指标目标值", "评价标准",
            "绩效指标评价标准",
        ),
        "当年度的目标（整格）；与指标性质、度量单位分列时只是数值",
    ),
    Label("nature", "指标性质", ("指标值类型", "指标方向", "符号", "指标性质(定性/定量)", "运算符号"), "≥、≤、=、定性 等"),
    Label("unit", "度量单位", ("计量单位", "单位", "指标单位"), "度量单位"),
    Label("weight", "权重", ("分值", "权重(%)", "权重分值", "指标权重", "权重占比", "分值(分)"), "权重或分值"),
    Label(
        "actual", "实际完成值",
        ("完成值", "全年实际值", "实际完成指标值", "全年实际完成值", "实际值", "年度实际完成值", "实际完成情况", "完成情况", "实施进度"),
        "自评表：实际完成值（照录）",
    ),
    Label("score", "得分", ("自评得分", "评价得分", "实际得分", "单项指标得分", "自评分"), "自评表：得分"),
    Label(
        "deviation", "偏差原因分析及改进措施",
        ("未完成原因", "未完成原因分析", "偏差原因", "未完成原因和改进措施", "未完成原因及改进措施", "偏差原因分析", "原因分析"),
        "自评表：偏差原因",
    ),
    Label(
        "note", "备注",
        (
            "指标解释", "评(扣)分标准", "评分标准", "绩效标准", "指标标准或依据", "指标方向性", "评价标准确定依据",
            "指标说明", "复核分", "折算得分", "绩效指标描述", "指标值说明", "累计完成率",
        ),
        "读取但不使用的列",
    ),
)

# 一级 labels of older templates, as the category rules know them (the label is kept as written).
LEVEL_ALIASES = {
    "项目完成指标": "产出指标", "项目效益指标": "效益指标", "预期效果指标": "效益指标", "产出目标": "产出指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标", "服务对象或社会公众满意度指标": "服务对象满意度指标",
}

# The 预算执行 block of a self-evaluation, as printed.
EXECUTION_LABELS: tuple[Label, ...] = (
    Label("budget_initial", "年初预算数", ("年初预算", "年初预算数(万元)", "年初预算数(元)")),
    Label("budget_full_year", "全年预算数", ("调整后预算数", "全年预算", "调整后预算", "年度预算数", "预算数", "转移支付预算数",
                                                         "下达额度", "当年下达额度")),
    Label("spent", "全年执行数", ("预算执行数", "执行数", "实际执行数", "全年执行", "转移支付执行数", "实际支出金额",
                                 "当年实际支出金额")),
    Label("rate", "执行率", ("预算执行率", "预算执行进度")),
    Label("weight", "分值", ("权重",)),
    Label("score", "得分", ()),
)

# Heading words for a heading the table above does not list (未完成原因及拟采取的改进措施):
# the first word found decides, so the more specific words come first.
_GRID_WORDS = (
    ("原因", "deviation"), ("折算", "note"), ("得分", "score"), ("实际完成", "actual"), ("实际值", "actual"), ("完成值", "actual"),
    ("权重", "weight"), ("分值", "weight"), ("度量单位", "unit"), ("计量单位", "unit"), ("指标性质", "nature"),
    ("三级指标", "name"), ("二级指标", "level2"), ("一级指标", "level1"), ("指标值", "annual"), ("目标值", "annual"),
)
_SIDE = re.compile(r"\((长期|中期|实施期|年度)\)$")


def _grid_index(labels: tuple[Label, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for label in labels:
        for text in (label.official, *label.variants):
            out.setdefault(normal_label(text), label.key)
    return out


_BY_GRID = _grid_index(GRID_LABELS)
_BY_EXECUTION = _grid_index(EXECUTION_LABELS)
_SCORE_NOTE = re.compile(rf"(?:\((?:%|万元|元)\)|{POINTS_NOTE})$")
_NOTE = re.compile(r"\([^()]{1,8}\)$")


@lru_cache(maxsize=8192)
def grid_label(text: str) -> tuple[str, str | None] | None:
    """The role of an indicator-grid heading and its side ('period'/'annual'/None), or None."""
    label = normal_label(text).lstrip("*★")
    if not label or len(label) > 24:
        return None
    side = None
    m = _SIDE.search(label)
    if m:
        side = "annual" if m.group(1) == "年度" else "period"
    key = _BY_GRID.get(label) or _BY_GRID.get(_SIDE.sub("", label)) or _BY_GRID.get(_SCORE_NOTE.sub("", label))
    if key is None and _NOTE.search(label):  # 单位(文字描述), 权重占比(%): a heading with its gloss
        key = _BY_GRID.get(_NOTE.sub("", label))
    if key is None and len(label) <= 16:
        key = next((k for word, k in _GRID_WORDS if word in label), None)
    if key is None:
        m = _YEAR.match(label)  # 2021年实际实现值 / 预期2022年实现值
        if "实现值" in label or "指标值" in label:
            # a 批复表 prints last year's 实际实现值 beside this year's target: context, not a result
            key = ("note" if m else "actual") if "实际" in label and "预期" not in label else "annual"
        elif m:
            return None
    return (key, side) if key else None


# Results written as a target's whole text, for splitting a row whose cells ran together.
RESULT_WORDS = frozenset(
    "稳步提高 明显提高 有效提升 逐步提高 显著提高 持续提升 有所提高 不断提高 明显改善 逐步改善 有效改善 长期 长期有效 良好 优良 "
    "达标 合格 是 否 有效 提高 改善 完成 按时完成 及时 显著 明显 基本达到 基本完成 已完成 达成预期指标".split()
)


# Words that open an explanation column (指标解释, 指标说明, 绩效标准): where a name ends when the
# cells of a row ran together ('大楼安检巡察次数反映大楼保卫巡检情况200次').
NOTE_OPENINGS = ("反映", "达到")


@lru_cache(maxsize=1)
def grid_label_texts() -> tuple[str, ...]:
    """Every heading of the indicator grid, longest first (and the block label 绩效指标)."""
    texts = {normal_label(t) for label in GRID_LABELS for t in (label.official, *label.variants)}
    texts |= {"绩效指标"}
    return tuple(sorted((t for t in texts if "(" not in t), key=len, reverse=True))


@lru_cache(maxsize=1)
def execution_label_texts() -> tuple[str, ...]:
    """Every heading of the 预算执行 block, longest first."""
    texts = {normal_label(t) for label in EXECUTION_LABELS for t in (label.official, *label.variants)}
    return tuple(sorted((t for t in texts if "(" not in t), key=len, reverse=True))


@lru_cache(maxsize=8192)
def execution_label(text: str) -> str | None:
    label = _SCORE_NOTE.sub("", normal_label(text))
    return _BY_EXECUTION.get(label) or _BY_EXECUTION.get(_NOTE.sub("", label))  # 全年预算数(A), 执行率(B/A)


def markdown() -> str:
    """The vocabulary as docs/reading.md lists it (``python -m jixiao.core.vocabulary``)."""
    lines = ["| 栏目 | 标准写法 | 也认作 | 含义 |", "|---|---|---|---|"]
    for group, labels in (("表头", HEADER_LABELS), ("指标列", GRID_LABELS), ("预算执行", EXECUTION_LABELS)):
        for label in labels:
            variants = "、".join(label.variants) or "—"
            lines.append(f"| {group} | {label.official} | {variants} | {label.meaning or '—'} |")
    lines += ["", "标题（开始一张表）：" + "、".join(TARGET_TITLES + SELF_EVALUATION_TITLES) + "。"]
    lines += ["", "旧式一级指标：" + "、".join(f"{k}（按{v}）" for k, v in LEVEL_ALIASES.items()) + "。"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())

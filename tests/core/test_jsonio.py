"""The core JSON: lossless both ways, and clear errors for malformed input."""

import json

import pytest

from jixiao.core import jsonio
from jixiao.core.io import read_document, read_upload
from jixiao.core.model import ReadError
from jixiao.demo import DEMO_DOCUMENT


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT)


def test_model_json_model_is_identical(demo):
    again = jsonio.loads(jsonio.dumps(demo))
    assert again.tables == demo.tables
    assert [t.warnings for t in again.tables] == [t.warnings for t in demo.tables]


def test_json_model_json_is_lossless(demo):
    first = jsonio.document_to_dict(demo)
    second = jsonio.document_to_dict(jsonio.document_from_dict(json.loads(json.dumps(first))))
    assert first == second


def test_json_shape(demo):
    d = jsonio.document_to_dict(demo)
    t = d["tables"][2]
    assert t["name"] == "横沥检察室补助经费（常）"
    assert t["budget"] == "360000" and t["year"] == 2024
    assert t["goals"]["annual"].startswith("补助监察室6人")
    ind = next(i for i in t["indicators"] if i["name"] == "监察室补助标准")
    assert ind["category"] == "cost" and ind["level1"] == "产出指标"
    assert ind["annual_target"]["text"] == "45000元/人/年"
    assert {"text", "kind", "op", "value", "unit", "direction", "deadline"} <= set(ind["annual_target"])
    assert ind["source"]["line"] == 78


def test_hand_written_json_with_plain_text_targets_is_parsed():
    doc = jsonio.loads(json.dumps({"tables": [{"name": "手写", "budget": 1000, "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "次数", "period_target": "≥4次", "annual_target": {"text": "≥2次"}}
    ]}]}))
    ind = doc.tables[0].indicators[0]
    assert ind.category == "quantity"
    assert ind.period_target.text == "≥4次" and ind.annual_target.text == "≥2次"
    assert str(doc.tables[0].budget) == "1000"


@pytest.mark.parametrize(
    "text, where",
    [
        ('{"tables": [', "x.json:1: JSON 格式错误"),
        ('{"rows": []}', 'x.json:1: JSON 顶层应为'),
        ('{"tables": [{"name": 3}]}', "tables[0].name：应为文字"),
        ('{"tables": [{"budget": "many"}]}', "tables[0].budget：应为数字"),
        ('{"tables": [{"indicators": [{"annual_target": 5}]}]}', "tables[0].indicators[0].annual_target"),
    ],
)
def test_malformed_json_names_the_place(text, where):
    with pytest.raises(ReadError) as err:
        read_upload(text.encode(), "x.json")
    assert where in str(err.value)

"""`jixiao evaluate FILE.json` as a user runs it, on the demo document with actuals added."""

import json
import subprocess
import sys

import pytest

from jixiao.core.io import read_document
from jixiao.core.jsonio import document_to_dict
from jixiao.core.rules import RULES_DIR
from jixiao.demo import DEMO_DOCUMENT
from test_scoring_demo import ENTRIES  # the hand-computed 信访事项经费 actuals and scores

JIXIAO = [sys.executable, "-m", "jixiao.cli"]


def run(*args):
    return subprocess.run([*JIXIAO, *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def demo():
    return document_to_dict(read_document(DEMO_DOCUMENT))


def xinfang(data):
    return next(t for t in data["tables"] if t["name"] == "信访事项经费")


def with_actuals(data):
    """The 信访事项经费 actuals of test_scoring_demo, written as a unit would in the JSON."""
    table = xinfang(data)
    for raw, (actual, score, *_rest) in zip(table["indicators"], ENTRIES):
        if actual in ("达成", "部分达成", "未达成"):
            raw["rating"] = actual
        else:
            raw["actual"] = actual
        if score:
            raw["rating_score"] = score
    table["indicators"][1]["deviation_analysis"] = "场地受限，少办 1 次。"
    table["execution"] = {"budget_initial": "181000", "budget_full_year": "181000", "spent": "150000"}
    return data


def write(tmp_path, data, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def test_scores_the_demo_project(tmp_path, demo):
    result = run("evaluate", write(tmp_path, with_actuals(json.loads(json.dumps(demo)))))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["rules"] == {"name": "central-2020", "version": "2020.1", "title": "中央部门项目支出绩效自评"}
    assert len(out["tables"]) == 12
    t = xinfang(out)
    assert (t["score"], t["grade"], t["complete"]) == ("88.70", "良", True)
    assert {k: t["budget"][k] for k in ("rate", "weight", "score", "status", "needs_reason")} == {
        "rate": "0.8287", "weight": "10.00", "score": "8.29", "status": "partly", "needs_reason": True}
    assert t["budget"]["spent"] == "150000"
    ind = t["indicators"]
    assert [i["score"] for i in ind] == [e[3] for e in ENTRIES]
    assert ind[14] | {"explanation": None} == {
        "name": "信访宣传制品单价", "block": "output", "target": "1.25元/份", "actual": "1.5元/份",
        "rating": None, "weight": "3.33", "score": "2.66", "status": "partly", "missing_reason": None,
        "formula_score": None, "deduction": None, "deduction_reason": None, "needs_deviation_analysis": True, "deviation_analysis": "", "explanation": None}
    assert ind[1]["deviation_analysis"] == "场地受限，少办 1 次。"
    assert ind[16]["rating"] == "partly" and ind[16]["score"] == "5.00"
    assert [b["weight"] for b in t["blocks"]] == ["50.00", "30.00", "10.00"]
    # Tables without actuals are reported as missing, not guessed
    other = out["tables"][0]
    assert other["complete"] is False and {i["status"] for i in other["indicators"]} == {"missing"}
    assert other["score"] == "0.00"


def test_ratio_option(tmp_path, demo):
    path = write(tmp_path, with_actuals(json.loads(json.dumps(demo))))
    out = json.loads(run("evaluate", "--reverse-formula", "ratio", path).stdout)
    assert xinfang(out)["score"] == "88.82"


def test_rating_without_score_is_reported_missing(tmp_path, demo):
    data = with_actuals(json.loads(json.dumps(demo)))
    del xinfang(data)["indicators"][15]["rating_score"]  # 维护信访人合法权益: 达成, score left blank
    result = run("evaluate", write(tmp_path, data))
    assert result.returncode == 0, result.stderr
    t = xinfang(json.loads(result.stdout))
    row = t["indicators"][15]
    assert {k: row[k] for k in ("rating", "score", "status", "missing_reason")} == {
        "rating": "met", "score": "0.00", "status": "missing", "missing_reason": "请填写评价得分"}
    assert "请填写评价得分" in row["explanation"]
    assert (t["score"], t["complete"]) == ("81.20", False)  # 88.70 − 7.50, not the band's top


def test_weights_that_do_not_sum_are_scored_as_written(tmp_path, demo):
    data = with_actuals(json.loads(json.dumps(demo)))
    for raw, w in zip(xinfang(data)["indicators"], ["3"] * 15 + ["7.5"] * 4 + ["10"]):
        raw["weight"] = w
    path = write(tmp_path, data)
    result = run("evaluate", path)
    assert result.returncode == 0, result.stderr
    t = xinfang(json.loads(result.stdout))
    assert t["findings"] == [{"kind": "weights", "message": "产出指标各指标分值合计为 45 分，应为 50 分；按表内分值计分"},
                             {"kind": "total", "message": "各项分值合计为 95 分（不是 100 分），按表内分值计分"}]
    assert [b["weight"] for b in t["blocks"]] == ["45.00", "30.00", "10.00"]
    # Refused under a rule set that says so, with the table's line
    refuse = tmp_path / "refuse.toml"
    refuse.write_text(RULES_DIR.joinpath("central-2020.toml").read_text(encoding="utf-8").replace(
        'weight_mismatch = "finding"', 'weight_mismatch = "refuse"').replace('name = "central-2020"', 'name = "strict"'),
        encoding="utf-8")
    result = run("evaluate", "--rules", str(refuse), path)
    assert result.returncode == 2 and result.stdout == ""
    line = next(n for n, text in enumerate(open(path, encoding="utf-8"), 1) if '"信访事项经费"' in text)
    assert result.stderr == f"{path}:{line}: 项目「信访事项经费」：产出指标各指标分值合计为 45 分，应为 50 分\n"


def test_unit_mismatch_names_indicator_and_line(tmp_path, demo):
    data = with_actuals(json.loads(json.dumps(demo)))
    xinfang(data)["indicators"][1]["actual"] = "3人"
    path = write(tmp_path, data)
    result = run("evaluate", path)
    assert result.returncode == 2
    lines = open(path, encoding="utf-8").read().splitlines()
    table_line = next(n for n, text in enumerate(lines, 1) if '"信访事项经费"' in text)
    line = next(n for n, text in enumerate(lines, 1) if n > table_line and '"信访宣传活动次数"' in text)
    assert result.stderr == (f"{path}:{line}: 项目「信访事项经费」：指标「信访宣传活动次数」："
                             "实际完成值的单位「人」与指标值的单位「次」不一致，无法比较\n")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"tables": [', ":1: JSON 格式错误"),
        ('{"tables": [{"name": "x", "indicators": [{"level1": "产出指标", "level2": "数量指标", '
         '"name": "a", "actual": ["3"]}]}]}', "tables[0].indicators[0].actual：应为文字"),
        ('{"tables": [{"name": "x", "indicators": [], "execution": {"spent": "很多"}}]}',
         "tables[0].execution.spent：应为数字"),
        ('{"tables": [{"name": "x", "indicators": [{"level1": "产出指标", "level2": "数量指标", '
         '"name": "a", "rating": "很好"}]}]}', "完成等级「很好」无效"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("evaluate", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"{path}:")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = run("evaluate", str(tmp_path / "nope.json"))
    assert (result.returncode, result.stderr) == (2, f"{tmp_path / 'nope.json'}: 文件不存在\n")


REAL = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "real"


@pytest.mark.parametrize("fixture", ["43-anhui-self_evaluation.xlsx", "45-sichuan-self_evaluation.docx",
                                     "10-anhui-self_evaluation.txt"])
def test_a_self_evaluation_document_is_scored_directly(fixture):
    """No JSON step: the document is read as `jixiao parse` reads it, then scored."""
    done = run("evaluate", str(REAL / fixture))
    assert done.returncode == 0, done.stderr
    parsed = json.loads(run("parse", "-q", str(REAL / fixture)).stdout)
    [table] = json.loads(done.stdout)["tables"]
    assert [i["actual"] for i in table["indicators"]] == [i["actual"] for i in parsed["tables"][0]["indicators"]]
    if fixture.endswith(".xlsx"):
        assert (table["name"], table["budget"]["spent"], table["budget"]["score"]) == ("临时救助", "30", "10.00")
        assert table["indicators"][0]["actual"] == "21980人"


def test_a_document_that_cannot_be_scored_names_its_line(tmp_path):
    done = run("evaluate", str(REAL / "01-anhui-self_evaluation.txt"))
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"{REAL / '01-anhui-self_evaluation.txt'}:2: 项目「委托业务项目」：项目资金：全年预算数应大于 0")
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"not a zip")
    done = run("evaluate", str(empty))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr

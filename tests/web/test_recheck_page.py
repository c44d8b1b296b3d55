"""The 复核 page: a self-evaluation file with its own scores, recomputed under the chosen rule set,
each row beside its formula score; bad files are refused in Chinese; nothing is stored."""

import json
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.rules import choice

ROW = {"level1": "产出指标", "level2": "数量指标"}
# 宿松县 2020 临时救助 (tests/core/test_recheck.py): two targets missed, yet full marks.
SUSONG = {"tables": [{"name": "临时救助", "published_total": "35", "published_grade": "优",
                      "execution": {"budget_full_year": "30", "spent": "30", "weight": "10", "score": "10"},
                      "indicators": [
    {**ROW, "name": "特困人员救助供养人数(按月平均)", "annual_target": ">=4754人", "actual": "4604人", "weight": "5", "score": "5"},
    {**ROW, "name": "扶贫临时救助人数(按月平均)", "annual_target": ">=7人", "actual": "7人", "weight": "10", "score": "10"},
    {**ROW, "level2": "质量指标", "name": "扶贫临时救助标准", "annual_target": "<=5300元/户", "actual": "5830元/户",
     "weight": "10", "score": "10"},
]}]}


def upload(client, data: bytes, name="susong.json", rules="as-printed"):
    return client.post(reverse("rules:recheck"), {"file": SimpleUploadedFile(name, data), "rule_set": rules})


def test_each_row_beside_its_formula_score(client, cast):
    client.force_login(cast.rita)
    response = upload(client, json.dumps(SUSONG, ensure_ascii=False).encode())
    assert response.status_code == 200
    html = unescape(response.content.decode())
    # 4604 ÷ 4754 × 5 = 4.842 → 4.84 (+0.16); (1 − 530 ÷ 5300) × 10 = 9.00 (+1.00)
    assert "公布得分 5 分，按公式应为 4.84 分，相差 +0.16 分" in html
    assert "未达到指标值（指标值 >=4754人，实际完成值 4604人）却得满分" in html
    assert "公布得分 10 分，按公式应为 9.00 分，相差 +1 分" in html
    # as printed: 4.84 + 10 + 9.00 = 23.84 (budget execution not scored), and 10 scored for it anyway
    assert '<strong class="recomputed-total">23.84</strong>' in html
    assert "按本规则集预算执行率不计分，表内却计 10 分" in html
    assert "评分规则：按表内分值计分" in html
    assert html.count('class="recheck-problem"') == 2


def test_under_another_rule_set_the_weights_are_checked_against_its_blocks(client, cast):
    client.force_login(cast.alice)
    html = upload(client, json.dumps(SUSONG, ensure_ascii=False).encode(), rules="central-2020").content.decode()
    assert "产出指标各指标分值合计为 25 分，应为 50 分；按表内分值计分" in html
    assert "评分规则：中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）" in html


def test_a_real_published_text_self_evaluation(client, cast):
    from pathlib import Path

    path = Path(__file__).parents[1] / "fixtures" / "real" / "01-anhui-self_evaluation.txt"
    client.force_login(cast.rita)
    html = upload(client, path.read_bytes(), name=path.name, rules="central-2020").content.decode()
    assert "委托业务项目" in html and "复核总分" in html
    assert "项目总成本" in html and "公布得分 8 分，按公式应为 9.00 分，相差 -1 分" in html


def test_the_form_defaults_to_the_users_unit_rule_set(client, cast):
    choice.choose(cast.unit_a, "sichuan", cast.adam, None)
    client.force_login(cast.alice)
    html = client.get(reverse("rules:recheck")).content.decode()
    assert '<option value="sichuan" selected>' in html


def test_bad_files_are_refused_in_chinese(client, cast):
    client.force_login(cast.rita)
    response = upload(client, b'{"tables": [', name="bad.json")
    assert response.status_code == 400
    assert "bad.json:1: JSON 格式错误" in response.content.decode()
    response = client.post(reverse("rules:recheck"), {"rule_set": "central-2020"})
    assert response.status_code == 400 and "请选择要复核的绩效自评表文件" in response.content.decode()
    response = upload(client, b"{}", rules="nope")
    assert response.status_code == 400 and "没有这个评分规则" in response.content.decode()

"""The administrator's 评分规则 page: a rule set per department and per unit, audited, stale saves refused."""

import pytest

from jixiao.web.rules import choice
from jixiao.web.rules.models import RuleChange

CENTRAL = "中央部门项目支出绩效自评（财政部 财预〔2020〕10号，2020.1 版）"
SICHUAN = "四川省部门预算项目支出绩效自评（四川省 川财绩〔2025〕10号，2025.1 版）"
HUBEI = "湖北省项目支出绩效自评（湖北省 鄂财绩发〔2020〕3号，2020.1 版）"


def _post(client, kind, pk, name, version="0"):
    return client.post(f"/rules/{kind}/{pk}/", {"rule_set": name, "version": version})


def test_unit_overrides_department_which_overrides_the_default(client, cast):
    assert choice.unit_rules(cast.unit_a).label == CENTRAL
    assert choice.unit_rules(cast.unit_a).source == "默认"
    client.force_login(cast.adam)
    dept = cast.unit_a.department
    assert _post(client, "department", dept.pk, "sichuan").status_code == 302
    assert choice.unit_rules(cast.unit_a).label == SICHUAN
    assert choice.unit_rules(cast.unit_b).source == "主管部门设置"
    assert _post(client, "unit", cast.unit_b.pk, "hubei").status_code == 302
    assert choice.unit_rules(cast.unit_b).label == HUBEI
    assert choice.unit_rules(cast.unit_a).label == SICHUAN
    # Back to following the department.
    assert _post(client, "unit", cast.unit_b.pk, "", version="1").status_code == 302
    assert choice.unit_rules(cast.unit_b).label == SICHUAN


def test_page_in_chinese_with_official_names_and_the_audit_trail(client, cast):
    client.force_login(cast.adam)
    _post(client, "unit", cast.unit_a.pk, "sichuan")
    page = client.get("/rules/").content.decode()
    assert "评分规则设置" in page and SICHUAN in page and "随主管部门" in page
    assert "sichuan" not in page.replace('value="sichuan"', "")  # the id only as a form value
    change = RuleChange.objects.get()
    assert (change.user, change.scope, change.before, change.after) == (
        cast.adam, f"用款单位：{cast.unit_a.name}", "随主管部门", SICHUAN)
    assert f"用款单位：{cast.unit_a.name}" in page.split("修改记录")[-1]


def test_a_stale_save_is_refused_with_409_and_nothing_changes(client, cast):
    client.force_login(cast.adam)
    _post(client, "unit", cast.unit_a.pk, "sichuan")  # now at version 1
    _post(client, "unit", cast.unit_a.pk, "hubei", version="1")  # version 2
    response = _post(client, "unit", cast.unit_a.pk, "transfer", version="1")  # opened before the last save
    assert response.status_code == 409
    assert "保存被拒绝" in response.content.decode()
    assert choice.unit_rules(cast.unit_a).label == HUBEI
    assert RuleChange.objects.count() == 2


def test_two_first_saves_one_wins(client, cast):
    client.force_login(cast.adam)
    assert _post(client, "unit", cast.unit_a.pk, "sichuan").status_code == 302
    assert _post(client, "unit", cast.unit_a.pk, "hubei").status_code == 409  # also opened with no choice stored
    assert choice.unit_rules(cast.unit_a).label == SICHUAN


@pytest.mark.parametrize("user", ["alice", "rita"])
def test_only_administrators_choose(client, cast, user):
    client.force_login(getattr(cast, user))
    assert client.get("/rules/").status_code == 403
    assert _post(client, "unit", cast.unit_a.pk, "sichuan").status_code == 403
    assert choice.unit_rules(cast.unit_a).source == "默认"


def test_an_unknown_rule_set_is_refused_in_chinese(client, cast):
    client.force_login(cast.adam)
    response = _post(client, "unit", cast.unit_a.pk, "../../etc/passwd")
    assert response.status_code == 400
    assert "没有这个评分规则" in response.content.decode()
    assert not RuleChange.objects.exists()

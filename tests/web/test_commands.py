"""`jixiao import` / `jixiao export` / `jixiao setupdemo` as a user runs them."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jixiao.core import jsonio
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets.models import TargetTable

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_twice_reports_created_then_unchanged():
    out, _ = run("import", str(DEMO_DOCUMENT))
    assert "新增 12 张，更新 0 张，未变 0 张" in out
    out, _ = run("import", str(DEMO_DOCUMENT))
    assert "新增 0 张，更新 0 张，未变 12 张" in out
    assert TargetTable.objects.count() == 12


def test_import_bad_file_names_it_and_imports_the_good_ones(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"tables": [{"name": 5}]}', encoding="utf-8")
    with pytest.raises(CommandError) as e:
        run("import", str(bad), str(DEMO_DOCUMENT))
    assert e.value.returncode == 2
    assert TargetTable.objects.count() == 12


def test_export_writes_core_json_of_the_year(tmp_path, capsys):
    run("import", str(DEMO_DOCUMENT))
    call_command("export", "--year", "2024")
    data = json.loads(capsys.readouterr().out)
    assert len(data["tables"]) == 12
    xinfang = next(t for t in data["tables"] if t["name"] == "信访事项经费")
    assert len(xinfang["indicators"]) == 20
    expected = {t.name: jsonio.table_to_dict(t) for t in read_document(DEMO_DOCUMENT).tables}
    assert jsonio.table_from_dict(xinfang) == jsonio.table_from_dict(expected["信访事项经费"])


def test_export_of_unit_and_empty_year(capsys):
    run("import", str(DEMO_DOCUMENT))
    call_command("export", "--year", "2024", "--unit", "东莞市东坑镇综合治理办公室")
    assert len(json.loads(capsys.readouterr().out)["tables"]) == 12
    with pytest.raises(CommandError, match="没有2023年"):
        call_command("export", "--year", "2023")


def test_setupdemo_loads_once_and_keeps_passwords(tmp_var):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    first, _ = run("setupdemo")
    assert "新增 12 张" in first
    # 12 tables of 2024 and, from the 指标库's demo step, 8 sample tables of 2023 (projects running since 2022).
    assert "数据库中共有 20 张项目绩效目标表" in first
    assert "已生成 8 个项目的上一年度示例数据" in first
    assert "2024  信访事项经费（20 个指标，预算 181,000.00 元）" in first
    passwords = json.loads((tmp_var / "demo-accounts.json").read_text())
    assert set(passwords) == {"danwei", "danwei2", "danwei3", "shenhe", "admin"}
    for name, pw in passwords.items():
        assert pw in first
        assert authenticate(RequestFactory().post("/"), username=name, password=pw) is not None
    TargetTable.objects.filter(project__name="信访事项经费").update(goal_annual="保留我")
    second, _ = run("setupdemo")
    assert "新增" not in second and "示例数据" not in second
    assert all(pw in second for pw in passwords.values())
    assert TargetTable.objects.get(project__name="信访事项经费").goal_annual == "保留我"

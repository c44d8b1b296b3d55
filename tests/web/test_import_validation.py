"""Hostile values in an imported document: refused before any write, named, on either database."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from jixiao.core import jsonio
from jixiao.core.io import read_document
from jixiao.core.model import Document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets import importer
from jixiao.web.targets.models import Indicator, Project, TargetTable

UNIT = "东莞市东坑镇综合治理办公室"


@pytest.fixture(scope="module")
def demo_dict():
    return jsonio.document_to_dict(read_document(DEMO_DOCUMENT))


def hostile(demo_dict, change):
    table = json.loads(json.dumps(demo_dict["tables"][0]))
    change(table)
    return json.dumps({"tables": [demo_dict["tables"][1], table]}, ensure_ascii=False)


CASES = {
    # The JSON reader refuses what is not a number at all; core.validate stops the rest.
    "nan": (lambda t: t.update(budget="NaN"), ": tables[1].budget：应为数字，实为 'NaN'"),
    "infinity": (lambda t: t.update(budget="Infinity"), ": tables[1].budget：应为数字，实为 'Infinity'"),
    "snan": (lambda t: t.update(budget="sNaN"), ": tables[1].budget：应为数字，实为 'sNaN'"),
    "negative": (lambda t: t.update(budget="-181000"), "年度预算金额（元）：不能小于 0（实为 -181000）"),
    "23 digits": (lambda t: t.update(budget="12345678901234567890123"), "超出范围：整数部分最多 16 位，小数最多 2 位"),
    "long name": (lambda t: t.update(name="名" * 200_000), "项目名称：长 200,000 个字符，超过上限 300 个字符"),
    "long unit": (lambda t: t.update(unit="单" * 201), "用款单位：长 201 个字符，超过上限 200 个字符"),
    "long indicator": (lambda t: t["indicators"][0].update(name="指" * 301), "第1个指标"),
    "target overflow": (lambda t: t["indicators"][0]["annual_target"].update(value="1e20"), "当年度指标值的数值"),
    "NUL": (lambda t: t["indicators"][1].update(name="a\x00b"), "三级指标：含有数据库无法保存的字符"),
    "year": (lambda t: t.update(year="99999999999"), "预算年度：99999999999 不是有效的年份"),
}


@pytest.mark.parametrize("case", CASES)
def test_jixiao_import_refuses_and_writes_nothing(db, tmp_path, demo_dict, case):
    change, message = CASES[case]
    path = tmp_path / "hostile.json"
    path.write_text(hostile(demo_dict, change))
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    err = str(refused.value)  # `jixiao import` prints it as the one line
    assert refused.value.returncode == 2
    assert err.startswith(str(path)) and message in err and "\n" not in err
    if not message.startswith(":"):  # refused by core.validate, after reading
        assert err.startswith(f"{path} 第2张表《") and err.rstrip().endswith("（该文件未导入任何表）")
    assert not Project.objects.exists() and not TargetTable.objects.exists() and not Indicator.objects.exists()


def test_upload_preview_refuses_a_negative_budget(client, cast, tmp_var, demo_dict):
    client.force_login(cast.alice)
    data = hostile(demo_dict, lambda t: t.update(budget="-5", name="新项目")).encode()
    response = client.post("/tables/upload/", {"document": SimpleUploadedFile("neg.json", data)})
    assert response.status_code == 400
    assert "neg.json 第2张表《新项目》 年度预算金额（元）：不能小于 0（实为 -5）" in response.content.decode()
    assert not Project.objects.filter(name="新项目").exists()
    assert not (tmp_var / "uploads").exists() or not any((tmp_var / "uploads").iterdir())


def test_deeply_nested_json_is_one_line(db, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000)
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    err = str(refused.value)
    assert err.startswith(f"{path}:1: 文件超出限制：JSON 的嵌套层数超过 64 层") and "\n" not in err


TEXT = st.text(st.characters(exclude_categories=()), max_size=40)  # NUL and lone surrogates too | st.text(max_size=400).map(lambda s: s * 3)
NUMBERS = st.decimals(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [Decimal("sNaN"), Decimal("1E+30"), Decimal("-1"), Decimal("0.0000001"), Decimal("9" * 16 + ".99")])


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, unit=TEXT, budget=NUMBERS, value=NUMBERS, indicator=TEXT, target_unit=TEXT,
       year=st.integers(-10, 10**12))
def test_any_value_is_refused_or_stored_never_an_error(db, name, unit, budget, value, indicator, target_unit, year):
    """On either database: prepare refuses with ImportRefused, or store writes it; nothing else."""
    base = _demo_table()
    ind = base.indicators[0]
    ind = replace(ind, name=indicator or "x", annual_target=replace(ind.annual_target, value=value, unit=target_unit))
    t = replace(base, name=name or "x", unit=unit or "u", budget=budget, year=year, indicators=[ind])
    try:
        tables = importer.prepare(Document(tables=[t], file="h.json"))
    except importer.ImportRefused as e:
        assert str(e).startswith("h.json 第1张表《")
        return
    with transaction.atomic():
        importer.store(tables, source="h.json")
        transaction.set_rollback(True)


_DEMO = []


def _demo_table():
    if not _DEMO:
        _DEMO.append(read_document(DEMO_DOCUMENT).tables[0])
    return _DEMO[0]

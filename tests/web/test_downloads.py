"""Downloads of stored target tables: content, read-back equal to what is stored, and who may."""

import io
import json
from dataclasses import replace
from urllib.parse import quote

from openpyxl import load_workbook

from jixiao.core.pdf_reader import read_pdf
from jixiao.core.xlsx_reader import read_xlsx
from jixiao.web.targets import convert
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status
from jixiao.web.targets.queries import core_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bare(table):
    return replace(table, warnings=[], sections=[])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_table_as_xlsx_reads_back_as_stored(client, cast, xinfang):
    client.force_login(cast.alice)
    response = client.get(f"/tables/{xinfang.pk}/download/xlsx/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    name = quote("信访事项经费（2024年）项目绩效目标表.xlsx", safe="")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"table-{xinfang.pk}.xlsx\"; filename*=UTF-8''{name}")
    [table] = read_xlsx(io.BytesIO(_body(response))).tables
    assert _bare(table) == _bare(convert.core_table(xinfang))
    assert len(table.indicators) == 20


def test_table_as_pdf_reads_back_as_stored(client, cast, xinfang):
    client.force_login(cast.rita)  # reviewers read every unit
    response = client.get(f"/tables/{xinfang.pk}/download/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    [table] = read_pdf(io.BytesIO(_body(response))).tables
    assert _bare(table) == _bare(convert.core_table(xinfang))


def test_table_as_json_is_the_core_json(client, cast, xinfang):
    from jixiao.core import jsonio

    client.force_login(cast.alice)
    response = client.get(f"/tables/{xinfang.pk}/download/json/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [table] = jsonio.document_from_dict(json.loads(_body(response))).tables
    assert table == convert.core_table(xinfang)


def test_unit_tables_as_xlsx_with_summary_and_review_status(client, cast):
    TargetTable.objects.filter(project__name="信访事项经费").update(status=Status.APPROVED)
    client.force_login(cast.alice)
    response = client.get(f"/tables/download/xlsx/?year=2024&unit={cast.unit_a.pk}")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert quote("东莞市东坑镇综合治理办公室2024年项目绩效目标表.xlsx", safe="") in response["Content-Disposition"]
    data = _body(response)
    stored = core_tables(TargetTable.objects.filter(year=2024))
    assert [_bare(t) for t in read_xlsx(io.BytesIO(data)).tables] == [_bare(t) for t in stored]
    summary = load_workbook(io.BytesIO(data))["汇总"]
    header = [c.value for c in summary[2]]
    assert header[-1] == "审核状态"
    status = {row[1].value: row[-1].value for row in summary.iter_rows(min_row=3, max_row=14)}
    assert status["信访事项经费"] == "已审核通过" and set(status.values()) == {"已审核通过", "草稿"}
    assert len(status) == 12


def test_unit_tables_as_publication_pdf(client, cast):
    client.force_login(cast.rita)
    response = client.get(f"/tables/download/pdf/?year=2024&unit={cast.unit_a.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    doc = read_pdf(io.BytesIO(_body(response)))
    stored = core_tables(TargetTable.objects.filter(year=2024))
    assert [_bare(t) for t in doc.tables] == [_bare(t) for t in stored]


def test_list_download_follows_the_filters(client, cast):
    client.force_login(cast.alice)
    response = client.get("/tables/download/xlsx/?year=2024&type=其他特定目标类（部门职能类）&status=draft")
    kinds = {t.type for t in read_xlsx(io.BytesIO(_body(response))).tables}
    assert kinds == {"其他特定目标类（部门职能类）"}


def test_other_units_staff_cannot_download(client, cast, xinfang):
    client.force_login(cast.bob)
    for fmt in ("xlsx", "pdf", "json"):
        assert client.get(f"/tables/{xinfang.pk}/download/{fmt}/").status_code == 404
    assert client.get(f"/tables/download/xlsx/?year=2024&unit={cast.unit_a.pk}").status_code == 404
    assert client.get("/tables/download/pdf/?year=2024").status_code == 404  # nothing of bob's unit


def test_anonymous_is_sent_to_login_and_unknown_formats_are_404(client, cast, xinfang):
    assert client.get(f"/tables/{xinfang.pk}/download/xlsx/").status_code == 302
    client.force_login(cast.alice)
    assert client.get(f"/tables/{xinfang.pk}/download/docx/").status_code == 404
    assert client.get("/tables/download/json/?year=2024").status_code == 404
    assert client.get("/tables/download/xlsx/").status_code == 404  # no year


def test_pages_link_the_downloads(client, cast, xinfang):
    client.force_login(cast.alice)
    page = client.get(f"/tables/{xinfang.pk}/").content.decode()
    for fmt in ("xlsx", "pdf", "json"):
        assert f'href="/tables/{xinfang.pk}/download/{fmt}/"' in page
    listing = client.get(f"/tables/?year=2024&unit={cast.unit_a.pk}").content.decode()
    assert f'href="/tables/download/xlsx/?year=2024&amp;unit={cast.unit_a.pk}"' in listing
    assert f'href="/tables/download/pdf/?year=2024&amp;unit={cast.unit_a.pk}"' in listing

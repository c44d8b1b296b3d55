"""The blank official template (.xlsx and .docx): downloaded, filled in as a unit would, uploaded back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as WordDocument
from openpyxl import load_workbook

from jixiao.core.categories import CATEGORY_TABLE
from jixiao.core.io import read_upload
from jixiao.web.targets.models import TargetTable
from tests.conftest import UNIT_A


def download(client, fmt, year=2025) -> bytes:
    response = client.get(f"/tables/template/{fmt}/", {"year": year})
    assert response.status_code == 200
    assert "2025%E5%B9%B4" in response["Content-Disposition"]  # 2025年… as the file's name
    return response.content


def fill_xlsx(data: bytes) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    for row in ws.iter_rows():
        label = row[0].value
        if label == "项目名称":
            row[1].value = "平安创建宣传经费"
        elif label == "用款单位":
            row[1].value = UNIT_A
        elif row[2].value == "数量指标":
            row[3].value, row[4].value, row[5].value = "宣传活动次数", "≥4次", "≥4次"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def fill_docx(data: bytes) -> bytes:
    doc = WordDocument(io.BytesIO(data))
    for row in doc.tables[0].rows:
        cells = row.cells
        if cells[0].text == "项目名称":
            cells[1].text = "平安创建宣传经费"
        elif cells[0].text == "用款单位":
            cells[1].text = UNIT_A
        elif cells[2].text == "数量指标":
            cells[3].text, cells[4].text, cells[5].text = "宣传活动次数", "≥4次", "≥4次"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_blank_excel_template_reads_as_the_table_shape(client, cast):
    client.force_login(cast.alice)
    [table] = read_upload(download(client, "xlsx"), "模板.xlsx").tables
    assert [s.level2 for s in table.sections] == [c.label for c in CATEGORY_TABLE]  # every block, no indicator
    assert (table.name, table.year, table.indicators) == ("", 2025, [])


# Uploaded unfilled: Excel lacks the project's name; a Word table without any 三级指标 is no table yet.
@pytest.mark.parametrize("fmt, fill, unfilled", [("xlsx", fill_xlsx, "缺少项目名称"), ("docx", fill_docx, "没有找到绩效目标表")])
def test_template_downloads_fills_in_and_imports(client, cast, tmp_var, fmt, fill, unfilled):
    client.force_login(cast.alice)
    assert f'id="template-{fmt}"' in client.get("/tables/upload/").content.decode()
    blank = download(client, fmt)
    refused = client.post("/tables/upload/", {"document": SimpleUploadedFile(f"空白.{fmt}", blank)})
    assert refused.status_code == 400 and unfilled in refused.content.decode()

    filled = fill(blank)
    preview = client.post("/tables/upload/", {"document": SimpleUploadedFile(f"填好的.{fmt}", filled)})
    assert preview.status_code == 200 and "确认后将新增 1 张" in preview.content.decode()
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302
    stored = TargetTable.objects.get(project__name="平安创建宣传经费")
    assert stored.year == 2025 and stored.project.unit == cast.unit_a
    [indicator] = stored.indicators.all()
    assert (indicator.level1, indicator.level2, indicator.name, indicator.annual_text) == ("产出指标", "数量指标", "宣传活动次数", "≥4次")
    assert len(stored.sections) == len(CATEGORY_TABLE)


def test_template_year_defaults_to_the_coming_one(client, cast):
    client.force_login(cast.alice)
    response = client.get("/tables/template/xlsx/")
    assert "2025%E5%B9%B4" in response["Content-Disposition"]  # the demo is 2024
    assert client.get("/tables/template/pdf/").status_code == 404

"""Uploading .xlsx and .pdf: the same preview-then-confirm as text; bad files are refused in one line."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.core.io import read_document
from jixiao.core.xlsx import write_xlsx
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets.models import Indicator, TargetTable


@pytest.fixture(scope="module")
def demo():
    return read_document(DEMO_DOCUMENT)


@pytest.fixture
def staff(db, django_user_model):
    from jixiao.web.accounts.models import Department, Profile, Role, Unit

    name = "东莞市东坑镇综合治理办公室"
    unit = Unit.objects.create(name=name, department=Department.objects.create(name=name))
    user = django_user_model.objects.create_user("u", password="x")
    Profile.objects.create(user=user, role=Role.STAFF, unit=unit)
    return user


def _bytes(write, doc) -> bytes:
    buffer = io.BytesIO()
    write(doc, buffer)
    return buffer.getvalue()


@pytest.fixture(params=[".xlsx", ".pdf"])
def exported(request, demo):
    """The demo as exported: .xlsx written here, .pdf the one written once per run (tests/conftest.py)."""
    if request.param == ".pdf":
        return ".pdf", request.getfixturevalue("demo_pdf").read_bytes()
    return ".xlsx", _bytes(write_xlsx, demo)


def test_preview_then_confirm_of_an_exported_file(client, staff, tmp_var, exported):
    suffix, data = exported
    client.force_login(staff)
    upload = SimpleUploadedFile(f"目标表{suffix}", data)
    preview = client.post("/tables/upload/", {"document": upload})
    html = preview.content.decode()
    assert preview.status_code == 200, html
    assert "读到 12 张目标表：确认后将新增 12 张" in html and "信访事项经费" in html
    assert TargetTable.objects.count() == 0
    done = client.post("/tables/upload/", {"confirm": "1"})
    assert done.status_code == 302
    assert TargetTable.objects.count() == 12 and Indicator.objects.count() == 132
    assert TargetTable.objects.filter(source_file=f"目标表{suffix}").count() == 12


def _image_only_pdf(tmp_path) -> bytes:
    from PIL import Image
    from weasyprint import HTML

    Image.new("RGB", (400, 300), "gray").save(tmp_path / "scan.png")
    return HTML(string=f'<img src="{(tmp_path / "scan.png").as_uri()}">').write_pdf()


def _refused(client, name, data):
    response = client.post("/tables/upload/", {"document": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    message = response.content.decode().split('id="upload-error">')[1].split("</div>")[0]
    assert "\n" not in message.strip() and name in message
    assert TargetTable.objects.count() == 0
    return message


def test_bad_files_show_one_line_and_store_nothing(client, staff, tmp_var, tmp_path, demo):
    client.force_login(staff)
    xlsx = _bytes(write_xlsx, demo)
    assert "已损坏" in _refused(client, "坏.xlsx", xlsx[: len(xlsx) // 2])
    assert "另存为 .xlsx" in _refused(client, "旧.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "没有文字层" in _refused(client, "扫描.pdf", _image_only_pdf(tmp_path))
    assert "不是 PDF 文件" in _refused(client, "假.pdf", b"hello")
    assert not (tmp_var / "uploads").exists() or not list((tmp_var / "uploads").iterdir())


def test_too_large_file_is_refused_before_reading(client, staff, tmp_var, monkeypatch, demo, settings):
    from jixiao.core.limits import Limits
    from jixiao.web.targets import uploads

    settings.JIXIAO_LIMITS = Limits(max_file_bytes=1024 * 1024)
    client.force_login(staff)

    monkeypatch.setattr(uploads, "read_upload_isolated", lambda *a: pytest.fail("read although too large"))
    upload = SimpleUploadedFile("大.xlsx", b"\0" * (1024 * 1024 + 1))
    response = client.post("/tables/upload/", {"document": upload})
    assert response.status_code == 400
    assert "文件过大（1.0 MB），超过上限 1 MB，未读取" in response.content.decode()
    assert TargetTable.objects.count() == 0


def _province_table(suffix: str) -> bytes:
    """One table in another province's template (指标性质/指标值/度量单位 split), as .txt, .html or .docx."""
    rows = [["项目名称", "基层综治培训"], ["实施单位", "东莞市东坑镇综合治理办公室"], ["年度预算(万元)", "2024年 18.1"],
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)"],
            ["产出指标", "数量指标", "培训人次", "≥", "500", "人次", "50"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥", "90", "%", "50"]]
    title = "2024年项目支出绩效目标表"
    if suffix == ".txt":
        return "\n".join([title, *(" | ".join(r) for r in rows)]).encode()
    if suffix == ".html":
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<html><body><h3>{title}</h3><table>{body}</table></body></html>".encode()
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph(title)
    table = word.add_table(rows=0, cols=7)
    for r in rows:
        cells = table.add_row().cells
        for n, text in enumerate(r):
            cells[n].text = text
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx"])
def test_another_provinces_template_uploads_in_every_format(client, staff, tmp_var, suffix):
    client.force_login(staff)
    upload = SimpleUploadedFile(f"外省目标表{suffix}", _province_table(suffix))
    preview = client.post("/tables/upload/", {"document": upload})
    html = preview.content.decode()
    assert preview.status_code == 200, html
    assert "读到 1 张目标表：确认后将新增 1 张" in html and "基层综治培训" in html
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302
    table = TargetTable.objects.get()
    assert sorted(Indicator.objects.filter(table=table).values_list("name", "annual_text")) == [
        ("培训人次", "≥500人次"), ("群众知晓率", "≥90%")]


def test_a_stored_tables_reading_notes_name_the_sheet_and_row(client, staff, tmp_var):
    """Provenance kept past the import: the table page shows where in the workbook each note is."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["填表说明：金额单位万元"])
    sheet = book.create_sheet("目标表")
    for row in [["2024年项目支出绩效目标表"], ["项目名称", "基层综治培训"], ["实施单位", "东莞市东坑镇综合治理办公室"],
                ["项目属性", "延续项目", "多出的一格"],
                ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                ["产出指标", "数量指标", "培训人次", "≥", "500", "人次"]]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(staff)
    preview = client.post("/tables/upload/", {"document": SimpleUploadedFile("外省.xlsx", buffer.getvalue())})
    assert "工作表“目标表”第4行：" in preview.content.decode(), preview.content.decode()
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302
    page = client.get(f"/tables/{TargetTable.objects.get().pk}/").content.decode()
    assert "工作表“目标表”第4行：“项目属性”后多出的单元格未使用：多出的一格" in page

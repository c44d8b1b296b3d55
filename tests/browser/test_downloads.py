"""In real Chromium: staff opens a table and downloads its Excel and PDF; both read back."""

import pdfplumber
import pytest

from jixiao.core.pdf_reader import read_pdf
from jixiao.core.xlsx_reader import read_xlsx

from .conftest import log_in


@pytest.fixture
def alice(transactional_db, tmp_var):
    from django.contrib.auth.models import User

    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets import importer

    importer.import_document(read_document(DEMO_DOCUMENT), source="demo")
    user = User.objects.create_user("alice", password="alice-pw", first_name="张三")
    Profile.objects.create(user=user, role=Role.STAFF, unit=Unit.objects.get())
    return user


def _download(page, selector, tmp_path):
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_staff_downloads_excel_and_pdf_of_a_table(page, live_server, alice, tmp_path):
    from playwright.sync_api import expect

    log_in(page, live_server.url, "alice", "alice-pw")
    page.click("text=信访事项经费")
    expect(page.locator("#table-downloads")).to_be_visible()

    xlsx = _download(page, "#download-xlsx", tmp_path)
    assert xlsx.name == "信访事项经费（2024年）项目绩效目标表.xlsx"
    [table] = read_xlsx(xlsx).tables
    assert table.name == "信访事项经费" and len(table.indicators) == 20

    pdf = _download(page, "#download-pdf", tmp_path)
    assert pdf.suffix == ".pdf" and pdf.name.startswith("信访事项经费")
    with pdfplumber.open(pdf) as doc:
        text = "".join("".join(p.extract_text().split()) for p in doc.pages)
    for name in ("信访事项经费", "东莞市东坑镇综合治理办公室", "信访宣传活动次数", "服务对象满意度"):
        assert name in text
    assert read_pdf(pdf).tables[0].indicators == table.indicators

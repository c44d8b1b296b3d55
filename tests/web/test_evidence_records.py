"""佐证记录: the unit records work with attachments (checked by content, size-limited, private on disk);
reviewers read; other units see nothing."""

import io
import stat
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from jixiao.web.evidence.models import Attachment, Record


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def form(xinfang):
    return {"project": xinfang.project_id, "kind": "activity", "subtype": "宣传活动", "day": "2024-03-15",
            "title": "信访条例宣传进村居", "quantity": "", "counting_unit": "", "amount": "", "note": ""}


def test_staff_records_an_activity_with_a_photo_stored_privately(client, cast, form, tmp_var):
    client.force_login(cast.alice)
    photo = SimpleUploadedFile("现场照片.jpg", jpeg(), content_type="image/jpeg")
    response = client.post(reverse("evidence:new"), {**form, "files": [photo]})
    record = Record.objects.get()
    assert response.status_code == 302 and response.url == reverse("evidence:detail", args=[record.pk])
    assert (record.kind, record.subtype, record.day, record.created_by) == ("activity", "宣传活动", date(2024, 3, 15), cast.alice)
    [attachment] = record.attachments.all()
    assert (attachment.name, attachment.content_type) == ("现场照片.jpg", "image/jpeg")
    path = tmp_var / "evidence" / attachment.stored_as
    assert path.read_bytes()[:2] == b"\xff\xd8"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    page = client.get(reverse("evidence:detail", args=[record.pk])).content.decode()
    assert "信访条例宣传进村居" in page and "现场照片.jpg" in page


def test_file_is_judged_by_content_not_name_and_nothing_is_saved(client, cast, form, tmp_var):
    client.force_login(cast.alice)
    fake = SimpleUploadedFile("签到表.jpg", b"MZ\x90\x00 not a picture at all", content_type="image/jpeg")
    response = client.post(reverse("evidence:new"), {**form, "files": [fake]})
    assert response.status_code == 400
    assert "附件“签到表.jpg”的内容不是照片（JPG、PNG、WebP）、PDF、Excel（.xlsx）或 Word（.docx）文件" in response.content.decode()
    assert not Record.objects.exists() and not Attachment.objects.exists()
    assert not any((tmp_var / "evidence").glob("*"))


def test_a_pdf_named_txt_is_accepted_as_pdf(client, cast, form, tmp_var):
    client.force_login(cast.alice)
    pdf = SimpleUploadedFile("发票.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    client.post(reverse("evidence:new"), {**form, "kind": "purchase", "subtype": "制品采购", "quantity": "1,200",
                                          "counting_unit": "份", "amount": "1500", "files": [pdf]})
    record = Record.objects.get()
    assert (str(record.quantity), str(record.amount)) == ("1200.00", "1500.00")
    assert record.attachments.get().content_type == "application/pdf"


def test_attachment_over_the_size_limit_is_refused(client, cast, form, tmp_var, settings):
    settings.EVIDENCE_MAX_MB = 1
    client.force_login(cast.alice)
    big = SimpleUploadedFile("大照片.jpg", jpeg() + b"\0" * (1024 * 1024))
    response = client.post(reverse("evidence:new"), {**form, "files": [big]})
    assert response.status_code == 400 and "超过 1 MB 的上限" in response.content.decode()
    assert not Record.objects.exists()


def test_purchase_needs_quantity_and_amount(client, cast, form):
    client.force_login(cast.alice)
    response = client.post(reverse("evidence:new"), {**form, "kind": "purchase", "subtype": "制品采购", "amount": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "金额“abc”不是数字" in html
    response = client.post(reverse("evidence:new"), {**form, "kind": "purchase", "subtype": "制品采购", "amount": "300"})
    assert "采购记录须填写数量和金额" in response.content.decode()
    assert not Record.objects.exists()


@pytest.fixture
def record(cast, xinfang, tmp_var):
    from jixiao.web.evidence import files

    r = Record.objects.create(project=xinfang.project, kind="case", subtype="信访事项", day=date(2024, 5, 6),
                              title="群众反映噪音扰民", created_by=cast.alice)
    stored = files.store(files.check("受理登记.jpg", jpeg()))
    Attachment.objects.create(record=r, name="受理登记.jpg", content_type="image/jpeg", size=10, stored_as=stored)
    return r


def test_reviewer_reads_records_and_attachments_but_cannot_change_them(client, cast, record):
    client.force_login(cast.rita)
    assert "群众反映噪音扰民" in client.get(reverse("evidence:list") + "?year=2024").content.decode()
    attachment = record.attachments.get()
    download = client.get(reverse("evidence:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert b"".join(download.streaming_content)[:2] == b"\xff\xd8"
    assert client.get(reverse("evidence:edit", args=[record.pk])).status_code == 403
    assert client.post(reverse("evidence:delete", args=[record.pk])).status_code == 403
    assert Record.objects.filter(pk=record.pk).exists()


def test_other_units_staff_see_nothing(client, cast, record):
    client.force_login(cast.bob)
    assert "群众反映噪音扰民" not in client.get(reverse("evidence:list") + "?year=2024").content.decode()
    assert client.get(reverse("evidence:detail", args=[record.pk])).status_code == 404
    assert client.get(reverse("evidence:attachment", args=[record.attachments.get().pk])).status_code == 404
    from jixiao.web.targets.models import Project

    Project.objects.create(unit=cast.unit_b, name="另一单位的项目")
    refused = client.post(reverse("evidence:new"), {"project": record.project_id, "kind": "case", "subtype": "调解",
                                                    "day": "2024-05-07", "title": "x"})
    assert refused.status_code == 400 and "选择一个有效的选项" in refused.content.decode()
    assert Record.objects.count() == 1


def test_deleting_a_record_removes_its_files(client, cast, record, tmp_var):
    stored = tmp_var / "evidence" / record.attachments.get().stored_as
    assert stored.exists()
    client.force_login(cast.alice)
    assert client.post(reverse("evidence:delete", args=[record.pk])).status_code == 302
    assert not Record.objects.exists() and not stored.exists()


def test_only_the_records_link_is_marked_in_the_menu(client, cast):
    client.force_login(cast.alice)
    html = client.get(reverse("evidence:list")).content.decode()
    assert html.count('class="active"') == 1 and 'class="active">佐证记录</a>' in html

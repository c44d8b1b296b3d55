"""Upload: preview without writing, then confirm; refusals for other units and unreadable files."""

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets.models import Indicator, TargetTable


def demo_file(name="demo.txt"):
    return SimpleUploadedFile(name, DEMO_DOCUMENT.read_bytes())


def test_preview_then_confirm_stores_the_demo(client, db, tmp_var, django_user_model):
    from jixiao.web.accounts.models import Department, Profile, Role, Unit

    unit = Unit.objects.create(name="东莞市东坑镇综合治理办公室", department=Department.objects.create(name="东莞市东坑镇综合治理办公室"))
    user = django_user_model.objects.create_user("u", password="x")
    Profile.objects.create(user=user, role=Role.STAFF, unit=unit)
    client.force_login(user)
    preview = client.post("/tables/upload/", {"document": demo_file()})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "读到 12 张目标表：确认后将新增 12 张" in html and "信访事项经费" in html
    assert TargetTable.objects.count() == 0 and AuditEntry.objects.count() == 0
    done = client.post("/tables/upload/", {"confirm": "1"})
    assert done.status_code == 302 and done.url == "/tables/?year=2024"
    assert TargetTable.objects.count() == 12 and Indicator.objects.count() == 132
    assert AuditEntry.objects.filter(action="create", user=user).count() == 12
    assert not list((tmp_var / "uploads").iterdir())


def test_reupload_previews_as_unchanged(client, cast, tmp_var):
    client.force_login(cast.alice)
    html = client.post("/tables/upload/", {"document": demo_file()}).content.decode()
    assert "新增 0 张、更新 0 张，12 张与已保存的相同" in html


def test_other_units_document_is_refused(client, cast, tmp_var):
    client.force_login(cast.bob)
    response = client.post("/tables/upload/", {"document": demo_file()})
    assert response.status_code == 400
    assert "您只能导入本单位" in response.content.decode()
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302  # nothing pending
    assert TargetTable.objects.filter(project__unit=cast.unit_b).count() == 0


def test_unreadable_file_names_the_problem(client, cast, tmp_var):
    client.force_login(cast.alice)
    response = client.post("/tables/upload/", {"document": SimpleUploadedFile("x.json", b'{"tables": 3}')})
    assert response.status_code == 400
    assert "x.json" in response.content.decode()


def test_cancel_discards_pending_upload(client, cast, tmp_var):
    client.force_login(cast.alice)
    client.post("/tables/upload/", {"document": demo_file()})
    assert len(list((tmp_var / "uploads").iterdir())) == 1
    client.post("/tables/upload/cancel/")
    assert not list((tmp_var / "uploads").iterdir())

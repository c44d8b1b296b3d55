"""jixiao backup → jixiao restore: the demo after a full lifecycle comes back exactly — every row of
every model and every export, byte for byte — and bad archives or non-empty databases are refused."""

import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from jixiao.web.backup import archive
from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.review.models import ApprovedVersion, Comment, Notification, Reply

from .test_evaluation_demo import form_data
from .test_review_workflow import explain_all

CUTOFF = "2024-07-31"


def post(client, name, args, data=None):
    response = client.post(reverse(name, args=args), data or {})
    assert response.status_code == 302, response.content.decode()[:1500]


def lifecycle(client, cast, table):
    """Submit, return with a comment on an indicator, reply, fix, resubmit, approve; a 运行监控 report
    and a 绩效自评, each approved; a real login (the login record)."""
    alice, rita = Client(), Client()
    alice.force_login(cast.alice)
    rita.force_login(cast.rita)
    indicator = table.indicators.get(name="信访宣传活动次数")
    post(alice, "review:explain", [table.pk], {**explain_all(table), "submit": "1"})
    post(rita, "review:return", [table.pk], {"text": "活动次数请核实。", "indicator": indicator.pk})
    post(alice, "review:reply", [Comment.objects.get().pk], {"text": "已核实，按 4 次安排。"})
    post(alice, "review:explain", [table.pk], {**explain_all(table), "submit": "1"})
    post(rita, "review:approve", [table.pk], {"text": "同意。"})
    post(alice, "monitoring:report", [table.pk], {"cutoff": CUTOFF, "budget": "181000", "spent": "120000",
                                                 f"expected-{indicator.pk}": "4次", "submit": "1"})
    post(rita, "review:monitoring_approve", [MonitoringReport.objects.get().pk])
    post(alice, "monitoring:evaluation", [table.pk], {**form_data(table), "submit": "1"})
    post(rita, "review:evaluation_approve", [SelfEvaluation.objects.get().pk], {"text": "同意。"})
    assert client.post("/accounts/login/", {"username": "bob", "password": "pw-bob"}).status_code == 302
    assert ApprovedVersion.objects.count() == 3 and Reply.objects.count() == 1 and Notification.objects.exists()


def every_row() -> dict[str, list[dict]]:
    return {archive.label(m): list(m._base_manager.order_by("pk").values()) for m in archive.backed_up_models()}


def exports(table) -> dict[str, bytes]:
    reader = Client()
    reader.force_login(User.objects.get(username="rita"))
    urls = {f"table.{f}": reverse("documents:table", args=[table.pk, f]) for f in ("xlsx", "pdf", "json")}
    urls |= {f"list.{f}": reverse("documents:tables", args=[f]) + "?year=2024" for f in ("xlsx", "pdf")}
    urls |= {f"evaluation.{f}": reverse("documents:evaluation", args=[table.pk, f]) for f in ("xlsx", "pdf", "docx")}
    files = {}
    for name, url in urls.items():
        response = reader.get(url)
        assert response.status_code == 200, name
        files[name] = b"".join(response.streaming_content) if response.streaming else response.content
    return files


WRITTEN_AT = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:")


def members(data: bytes) -> dict[str, bytes]:
    """An .xlsx/.docx by member, bytes as written, except the time of writing the package records."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {m: WRITTEN_AT.sub(rb"<dcterms:\1\2></dcterms:", package.read(m)) for m in package.namelist()}


def comparable(files: dict[str, bytes]) -> dict:
    return {name: members(data) if data[:2] == b"PK" else data for name, data in files.items()}


def test_every_model_is_backed_up_or_left_out_with_a_reason():
    from django.apps import apps

    tables = {archive.label(m) for m in apps.get_models(include_auto_created=True) if not m._meta.proxy}
    assert tables == {archive.label(m) for m in archive.backed_up_models()} | set(archive.EXCLUDED)
    assert {"targets.indicator", "audit.auditentry", "review.notification", "monitoring.evaluationentry",
            "auth.user_groups", "axes.accesslog", "contenttypes.contenttype"} <= tables - set(archive.EXCLUDED)
    # Files are archived from archive.FILE_FOLDERS (attachments of 佐证记录), not from FileFields.
    assert not [f for m in apps.get_models() for f in m._meta.fields if isinstance(f, models.FileField)]


def test_backup_then_restore_into_a_fresh_database_reproduces_everything(client, cast, xinfang, tmp_path, capsys):
    lifecycle(client, cast, xinfang)
    files = exports(xinfang)  # first: logging in to download changes last_login
    rows = every_row()
    path = tmp_path / "jixiao.zip"
    call_command("backup", str(path))
    assert capsys.readouterr().out.startswith(f"已备份到 {path}：")

    flush()
    assert not User.objects.exists()
    call_command("restore", str(path))
    assert capsys.readouterr().out.startswith(f"已从 {path} 恢复 ")

    assert every_row() == rows
    assert comparable(exports(xinfang)) == comparable(files)
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    counts = {m["model"]: m["rows"] for m in manifest["models"]}
    assert counts["targets.targettable"] == 12 and counts["targets.indicator"] == 132
    assert counts == {name: len(r) for name, r in rows.items()}
    assert counts["review.approvedversion"] == 3 and counts["axes.accesslog"] >= 1
    # New rows after the restore get new ids, not restored ones (PostgreSQL sequences moved on).
    user = User.objects.create_user("after-restore")
    assert user.pk > max(r["id"] for r in rows["auth.user"])


def flush():
    """Empty every table as a new, migrated database is (inside the test's transaction)."""
    if connection.vendor == "postgresql":  # TRUNCATE refuses while deferred foreign-key checks are pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--noinput")


def refused(path, capsys, message):
    with pytest.raises(SystemExit) as stop:
        call_command("restore", str(path))
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.rstrip().endswith("（未恢复任何数据）") and err.count("\n") == 1, err


def test_restore_refuses_a_database_that_holds_data(cast, tmp_path, capsys):
    path = tmp_path / "b.zip"
    call_command("backup", str(path))
    refused(path, capsys, "目标数据库不是空的")


def test_restore_refuses_a_damaged_or_foreign_archive(db, tmp_path, capsys):
    path = tmp_path / "b.zip"
    call_command("backup", str(path))
    flush()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "tampered.zip", "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "data/auth.permission.jsonl":
                data = data.replace(b"Can add", b"Can eat")
            target.writestr(member, data)
    refused(tmp_path / "tampered.zip", capsys, "data/auth.permission.jsonl 的校验和不符")
    (tmp_path / "text.zip").write_text("not a zip")
    refused(tmp_path / "text.zip", capsys, "不是有效的备份文件")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as other:
        other.writestr("readme.txt", "hello")
    refused(tmp_path / "other.zip", capsys, "不是 Jixiao 备份文件")
    refused(tmp_path / "missing.zip", capsys, "文件不存在")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "older.zip", "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["targets"].append("0099_future")
                data = json.dumps(manifest).encode()
            target.writestr(member, data)
    refused(tmp_path / "older.zip", capsys, "备份与本数据库的结构版本不同（备份有而本库没有：targets.0099_future）")
    assert not User.objects.exists()


def test_backup_never_overwrites(db, tmp_path, capsys):
    path = tmp_path / "b.zip"
    path.write_text("keep")
    with pytest.raises(SystemExit):
        call_command("backup", str(path))
    assert "文件已存在，未覆盖" in capsys.readouterr().err and path.read_text() == "keep"
    with pytest.raises(SystemExit):
        call_command("backup", str(tmp_path / "no-such-folder" / "b.zip"))
    assert capsys.readouterr().err == f"{tmp_path / 'no-such-folder' / 'b.zip'}: 无法写入备份（目录不存在）\n"


def test_attachments_of_evidence_records_are_backed_up_and_restored(cast, xinfang, tmp_var, tmp_path, capsys):
    import stat
    from datetime import date

    from jixiao.web.evidence import files
    from jixiao.web.evidence.models import Attachment, Record

    record = Record.objects.create(project=xinfang.project, kind="activity", subtype="宣传活动",
                                   day=date(2024, 3, 5), title="信访宣传")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    stored = files.store(files.check("签到表.pdf", pdf))
    Attachment.objects.create(record=record, name="签到表.pdf", content_type="application/pdf", size=len(pdf),
                              stored_as=stored)
    path = tmp_path / "jixiao.zip"
    call_command("backup", str(path))
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    assert [f["file"] for f in manifest["files"]] == [f"files/evidence/{stored}"]

    flush()
    files.path_of(stored).unlink()
    call_command("restore", str(path))
    restored = files.path_of(stored)
    assert Attachment.objects.get().stored_as == stored and restored.read_bytes() == pdf
    assert stat.S_IMODE(restored.stat().st_mode) == 0o600
    capsys.readouterr()

    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"%%EOF", b"%%EOX") if item.filename.startswith("files/") else data)
    flush()
    refused(damaged, capsys, f"files/evidence/{stored} 的校验和不符")

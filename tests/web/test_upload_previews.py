"""Unconfirmed upload previews: private to the server, gone after a day (on each upload and by command)."""

import os
import stat
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from jixiao.demo import DEMO_DOCUMENT


def upload(client):
    return client.post("/tables/upload/", {"document": SimpleUploadedFile("demo.txt", DEMO_DOCUMENT.read_bytes())})


def age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_preview_file_is_private(client, cast, tmp_var):
    client.force_login(cast.alice)
    assert upload(client).status_code == 200
    folder = tmp_var / "uploads"
    (preview,) = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(preview.stat().st_mode) == 0o600
    assert preview.read_bytes() == DEMO_DOCUMENT.read_bytes()


def test_each_upload_removes_previews_older_than_a_day(client, cast, tmp_var):
    folder = tmp_var / "uploads"
    folder.mkdir()
    (folder / "abandoned").write_bytes(b"x")
    (folder / "recent").write_bytes(b"y")
    age(folder / "abandoned", 25)
    age(folder / "recent", 23)
    client.force_login(cast.alice)
    upload(client)
    names = {p.name for p in folder.iterdir()}
    assert "abandoned" not in names and "recent" in names and len(names) == 2


def test_clearuploads_command_for_cron(cast, tmp_var, capsys):
    folder = tmp_var / "uploads"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / name).write_bytes(b"x")
        age(folder / name, 30)
    (folder / "c").write_bytes(b"x")
    call_command("clearuploads")
    assert capsys.readouterr().out.strip() == "已删除 2 个过期的上传预览文件"
    assert [p.name for p in folder.iterdir()] == ["c"]

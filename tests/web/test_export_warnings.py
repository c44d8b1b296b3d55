"""Warnings that point into the file a table was read from ("第231行…") stay with the stored table's
page and never travel with its exports, snapshots or diffs."""

import json

from django.core.management import call_command
from django.urls import reverse


def test_download_and_export_carry_no_source_file_warnings(client, cast, xinfang, tmp_path):
    assert any(w["line"] == 231 for w in xinfang.warnings)  # read from the demo text
    client.force_login(cast.alice)
    page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert "读取时的提示" in page and "第231行：" in page
    download = json.loads(client.get(reverse("documents:table", args=[xinfang.pk, "json"])).content)
    assert download["tables"][0]["warnings"] == []
    out = tmp_path / "2024.json"
    call_command("export", year=2024, output=str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported["tables"]) == 12 and all(t["warnings"] == [] for t in exported["tables"])

"""One archive holding everything the database holds, and its exact restoration into an empty one.

The archive is a .zip: ``manifest.json`` (format, time, database, applied migrations, and for each
model its file, row count and SHA-256) and ``data/<app>.<model>.jsonl``, each model written by
Django's JSON Lines serializer with its primary keys, so every reference survives. The model list
comes from the app registry: a model added later is backed up without anyone remembering to. Files
the rows refer to (attachments under ``var/evidence/``) go in as ``files/<folder>/<name>``, checked
and restored (private) with the rows.
Restoring checks every checksum and the schema first, refuses a database that holds any data, then
loads every row in one transaction (SQLite or PostgreSQL, whichever the archive came from).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timezone
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from jixiao.private_files import write_private

FORMAT, VERSION = "jixiao-backup", 1
MANIFEST = "manifest.json"
BATCH = 1000

# Left out on purpose, with the reason shown in the manifest.
EXCLUDED = {
    "sessions.session": "登录会话不备份：备份被盗时不应能冒用会话；恢复后各用户重新登录即可",
    "jobs.job": "后台任务不备份：其结果文件不在备份中，恢复后重新运行即可",
    "django_tasks_database.dbtaskresult": "后台任务队列不备份（同上）",
}
# Rows that ``migrate`` itself creates in a new database; restoring replaces them with the archive's.
MIGRATE_CREATES = (Permission, ContentType)
# Folders under var/ whose files the rows refer to (attachments of 佐证记录): archived with the rows
# as ``files/<folder>/<name>``, each with its size and checksum in the manifest.
FILE_FOLDERS = ("evidence",)


class BackupError(Exception):
    """The archive or the target database cannot be used; the message says why, in Chinese."""


def label(model) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every model with its own table (many-to-many link tables included), minus EXCLUDED."""
    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and label(m) not in EXCLUDED]


def _fields(model) -> list[str]:
    # Link tables are their own entries, so a model's many-to-many fields are not repeated inline.
    return [f.name for f in model._meta.local_fields if not f.primary_key]


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class _Hashing(io.RawIOBase):
    """Counts and hashes what goes through to the zip entry."""

    def __init__(self, raw):
        self.raw, self.sha, self.size = raw, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.sha.update(b)
        self.size += len(b)
        return self.raw.write(b)


class _ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's JSON keeps milliseconds only, as JavaScript does)."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


class _Serializer(jsonl.Serializer):
    def end_object(self, obj):
        # One json.dumps per row runs the C encoder; json.dump to a stream encodes in Python, 3× slower.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


def write_backup(path) -> dict:
    """Write the archive; returns its manifest. Reads in one transaction, so it is one moment's state."""
    manifest = {"format": FORMAT, "version": VERSION, "created": datetime.now(timezone.utc).isoformat(),
                "database": connection.vendor, "migrations": {}, "models": [], "excluded": EXCLUDED}
    with transaction.atomic(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        manifest["migrations"] = applied_migrations()
        for model in backed_up_models():
            name = f"data/{label(model)}.jsonl"
            member = zipfile.ZipInfo(name, datetime.now().timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member, "w", force_zip64=True) as raw:
                sink = _Hashing(raw)
                text = io.TextIOWrapper(io.BufferedWriter(sink, 1 << 16), encoding="utf-8", newline="\n")
                rows = _Counted(model._base_manager.order_by("pk").iterator(chunk_size=BATCH))
                _Serializer().serialize(rows, stream=text, fields=_fields(model), cls=_ExactEncoder)
                text.flush()
                text.detach()
            manifest["models"].append({"model": label(model), "file": name, "rows": rows.count,
                                       "bytes": sink.size, "sha256": sink.sha.hexdigest()})
        manifest["files"] = [_write_file(archive, folder, path) for folder, path in _var_files()]
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def _var_files() -> Iterator[tuple[str, Path]]:
    for folder in FILE_FOLDERS:
        base = Path(settings.VAR_DIR) / folder
        if base.is_dir():
            yield from ((folder, path) for path in sorted(base.iterdir()) if path.is_file())


def _write_file(archive: zipfile.ZipFile, folder: str, path: Path) -> dict:
    data = path.read_bytes()
    name = f"files/{folder}/{path.name}"
    archive.writestr(name, data)
    return {"file": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _file_target(entry: dict) -> Path:
    """Where an archived file goes back to; only a plain name inside one of FILE_FOLDERS."""
    parts = str(entry.get("file", "")).split("/")
    if len(parts) != 3 or parts[0] != "files" or parts[1] not in FILE_FOLDERS or parts[2] in ("", ".", ".."):
        raise BackupError(f"备份文件中的附件路径无效：{entry.get('file')}")
    return Path(settings.VAR_DIR) / parts[1] / parts[2]


class _Counted:
    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("不是 Jixiao 备份文件（缺少 manifest.json）") from None
    except ValueError:
        raise BackupError("备份文件的 manifest.json 已损坏") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("不是 Jixiao 备份文件（manifest.json 格式不符）")
    if manifest.get("version") != VERSION:
        raise BackupError(f"备份文件格式版本 {manifest.get('version')} 不受支持（本系统读取版本 {VERSION}）")
    return manifest


def verify(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every file present with the size and checksum the manifest gives."""
    for entry in manifest["models"] + manifest.get("files", []):
        try:
            with archive.open(entry["file"]) as fh:
                sha, size = hashlib.sha256(), 0
                while chunk := fh.read(1 << 20):
                    sha.update(chunk)
                    size += len(chunk)
        except KeyError:
            raise BackupError(f"备份文件不完整：缺少 {entry['file']}") from None
        except (zipfile.BadZipFile, OSError) as e:  # CRC error, truncated member
            raise BackupError(f"备份文件已损坏：{entry['file']} 无法读取（{e.__class__.__name__}）") from None
        if sha.hexdigest() != entry["sha256"] or size != entry["bytes"]:
            raise BackupError(f"备份文件已损坏：{entry['file']} 的校验和不符")


def _check_schema(manifest: dict) -> None:
    here = applied_migrations()
    if manifest["migrations"] != here:
        missing = sorted(f"{a}.{n}" for a, names in manifest["migrations"].items() for n in names
                         if n not in here.get(a, []))
        extra = sorted(f"{a}.{n}" for a, names in here.items() for n in names
                       if n not in manifest["migrations"].get(a, []))
        detail = "；".join(filter(None, [missing and "备份有而本库没有：" + "、".join(missing[:5]),
                                         extra and "本库有而备份没有：" + "、".join(extra[:5])]))
        raise BackupError(f"备份与本数据库的结构版本不同（{detail}）：请用与备份相同版本的 Jixiao 恢复，"
                          "恢复后再升级；新数据库请先运行 jixiao migrate")
    known = {label(m) for m in backed_up_models()}
    unknown = [e["model"] for e in manifest["models"] if e["model"] not in known]
    if unknown:
        raise BackupError(f"备份中有本系统没有的数据表：{'、'.join(unknown)}")


def _check_empty() -> None:
    for model in backed_up_models():
        if model in MIGRATE_CREATES:
            continue
        if model._base_manager.exists():
            raise BackupError(f"目标数据库不是空的（{model._meta.verbose_name}已有数据）："
                              "恢复只写入新建并已 migrate 的空数据库")


@contextmanager
def _stored_times_kept(model_list) -> Iterator[None]:
    """auto_now / auto_now_add would stamp restored rows with the time of the restore."""
    changed = []
    for model in model_list:
        for f in model._meta.local_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                changed.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in changed:
            f.auto_now, f.auto_now_add = now, now_add


def _rows(archive: zipfile.ZipFile, entry: dict) -> Iterator[models.Model]:
    with archive.open(entry["file"]) as raw:
        for obj in serializers.deserialize("jsonl", io.TextIOWrapper(raw, encoding="utf-8")):
            yield obj.object


def restore(path) -> dict:
    """Load the archive at ``path`` into this (empty, migrated) database; returns its manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError("文件不存在") from None
    except (zipfile.BadZipFile, OSError):
        raise BackupError("不是有效的备份文件（无法作为 zip 打开）") from None
    with archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        _check_schema(manifest)
        by_label = {label(m): m for m in backed_up_models()}
        model_list = [by_label[e["model"]] for e in manifest["models"]]
        targets = [(entry, _file_target(entry)) for entry in manifest.get("files", [])]
        written = []
        try:
            with transaction.atomic(), _stored_times_kept(model_list):
                _load(archive, manifest, model_list)
                for entry, target in targets:
                    write_private(target, archive.read(entry["file"]))
                    written.append(target)
        except BaseException:
            for target in written:
                target.unlink(missing_ok=True)
            raise
        ContentType.objects.clear_cache()
    return manifest


def _load(archive: zipfile.ZipFile, manifest: dict, model_list) -> None:
    """Every row of the archive into this (empty) database, inside the caller's transaction."""
    if connection.vendor == "postgresql":  # rows refer to each other in any order until commit
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    _check_empty()
    for model in MIGRATE_CREATES:  # Permission first: it refers to ContentType
        model._base_manager.all().delete()
    for entry, model in zip(manifest["models"], model_list):
        batch = []
        for obj in _rows(archive, entry):
            batch.append(obj)
            if len(batch) >= BATCH:
                model._base_manager.bulk_create(batch)
                batch = []
        model._base_manager.bulk_create(batch)
    _reset_sequences(model_list)


def _reset_sequences(model_list) -> None:
    """PostgreSQL hands out ids from sequences; move them past the restored rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

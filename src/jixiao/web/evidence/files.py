"""Attachments of 佐证记录 on disk: checked by content (not by name), limited in size, and stored under
``var/evidence/`` readable by the server's user only (``jixiao.private_files``).

Stored names are random; the name the user gave is kept in the database and used for downloads only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings

from jixiao.private_files import private_dir, write_private

# What units attach: photos, scanned or signed sheets, and the office files sign-in lists come in.
ACCEPTED = {
    "image/jpeg": ("jpg", "照片"),
    "image/png": ("png", "图片"),
    "image/webp": ("webp", "图片"),
    "application/pdf": ("pdf", "PDF 文件"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", "Excel 文件"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "Word 文件"),
}
ACCEPTED_TEXT = "照片（JPG、PNG、WebP）、PDF、Excel（.xlsx）或 Word（.docx）文件"


class AttachmentRefused(ValueError):
    """Why a file cannot be attached, in Chinese, naming the file."""


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str
    data: bytes


def folder() -> Path:
    return private_dir(Path(settings.VAR_DIR) / "evidence")


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def check(name: str, data: bytes) -> Checked:
    """The file if it may be attached; raises AttachmentRefused saying why not."""
    name = Path(name or "附件").name[:200]
    if not data:
        raise AttachmentRefused(f"附件“{name}”是空文件")
    if len(data) > max_bytes():
        raise AttachmentRefused(f"附件“{name}”有 {len(data) / 1024 / 1024:.1f} MB，超过 {settings.EVIDENCE_MAX_MB} MB 的上限")
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ACCEPTED:
        raise AttachmentRefused(f"附件“{name}”的内容不是{ACCEPTED_TEXT}（按文件内容判断，与扩展名无关）")
    return Checked(name, kind.mime, data)


def store(checked: Checked) -> str:
    """Write the file; returns the name it is stored under."""
    stored_as = f"{uuid.uuid4().hex}.{ACCEPTED[checked.content_type][0]}"
    write_private(folder() / stored_as, checked.data)
    return stored_as


def path_of(stored_as: str) -> Path:
    return folder() / Path(stored_as).name


def remove(stored_as: str) -> None:
    path_of(stored_as).unlink(missing_ok=True)

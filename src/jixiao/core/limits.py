"""Limits on what a reader takes in, checked before the work."""

from __future__ import annotations

import os

from jixiao.core.model import ReadError

MAX_FILE_BYTES = int(os.environ.get("JIXIAO_MAX_FILE_MB", "50")) * 1024 * 1024


def read_source(source) -> bytes:
    """All bytes of a path (size-checked before reading) or of an open binary file."""
    if isinstance(source, (str, os.PathLike)):
        check_size(source)
        with open(source, "rb") as fh:
            return fh.read()
    return source.read()


def check_size(path, max_bytes: int | None = None) -> None:
    """Refuse a file over the limit before reading any of it."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    size = os.stat(path).st_size
    if size > limit:
        raise ReadError(
            f"文件过大（{size / 1048576:.1f} MB），超过上限 {limit / 1048576:.0f} MB，未读取",
            os.fspath(path),
        )

"""File responses: content types and Chinese file names (RFC 5987 ``filename*=``)."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

from django.http import HttpResponse

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII name for old clients and the real (Chinese) name as filename*."""
    safe = re.sub(r'[\\/:*?"<>|\r\n]', "_", filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(safe, safe='')}"


def attachment(write, fmt: str, filename: str, fallback: str) -> HttpResponse:
    """Call ``write(buffer)`` and answer with the bytes as a download named ``filename``.``fmt``."""
    buffer = io.BytesIO()
    write(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = disposition(f"{filename}.{fmt}", f"{fallback}.{fmt}")
    return response

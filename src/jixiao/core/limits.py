"""Limits on what a reader takes in, checked before the work.

The core takes them as a parameter (``Limits``, defaults below); the web settings and the command
line build them from the environment (``SETTINGS`` names the variable of each field).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from jixiao.core.model import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one document may hold. Each field is one setting (see ``SETTINGS``)."""

    max_file_bytes: int = 50 * MB


DEFAULT = Limits()

# field → (environment variable, unit it is given in, smallest allowed, meaning)
SETTINGS: dict[str, tuple[str, int, int, str]] = {
    "max_file_bytes": ("JIXIAO_MAX_FILE_MB", MB, 1, "文件大小上限（MB）"),
}


def limits_from(values: dict[str, int]) -> Limits:
    """Limits from setting values in their units ({'JIXIAO_MAX_FILE_MB': 20} → 20 MB)."""
    fields = {name: values[env] * unit for name, (env, unit, _, _) in SETTINGS.items() if env in values}
    return Limits(**fields)


def read_source(source, limits: Limits = DEFAULT) -> bytes:
    """All bytes of a path (size-checked before reading) or of an open binary file."""
    if isinstance(source, (str, os.PathLike)):
        check_size(source, limits)
        with open(source, "rb") as fh:
            return fh.read()
    data = source.read(limits.max_file_bytes + 1)
    check_length(len(data), limits, getattr(source, "name", None))
    return data


def check_size(path, limits: Limits = DEFAULT) -> None:
    """Refuse a file over the limit before reading any of it."""
    check_length(os.stat(path).st_size, limits, os.fspath(path))


def check_length(size: int, limits: Limits, file: str | None) -> None:
    limit = limits.max_file_bytes
    if size > limit:
        raise ReadError(f"文件过大（{size / MB:.1f} MB），超过上限 {limit / MB:.0f} MB，未读取", file)

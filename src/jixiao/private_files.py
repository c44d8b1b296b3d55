"""Files under ``var/`` (secret key, SQLite database, uploads): readable by the server's user only.

Folders are 0700 and files 0600 whatever the umask, including ones an older version left readable.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

FOLDER_MODE, FILE_MODE = 0o700, 0o600


def private_dir(path: str | os.PathLike) -> Path:
    path = Path(path)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != FOLDER_MODE:
        path.chmod(FOLDER_MODE)
    return path


def private_file(path: str | os.PathLike) -> Path:
    """Create the file empty if missing (so whoever opens it later finds it 0600), else tighten it."""
    path = Path(path)
    private_dir(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    if path.stat().st_mode & 0o777 != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def write_private(path: str | os.PathLike, data: bytes) -> Path:
    path = private_file(path)
    path.write_bytes(data)
    return path


def remove_older_than(folder: str | os.PathLike, seconds: float, now: float | None = None) -> int:
    """Delete the plain files in ``folder`` last modified more than ``seconds`` ago; returns how many."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    limit = (time.time() if now is None else now) - seconds
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by another request
            continue
    return removed

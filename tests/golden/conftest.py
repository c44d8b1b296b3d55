"""Golden files: each export of the demo is compared with the expected text under ``files/``.

After an intended change, rewrite them with ``JIXIAO_REGOLD=1 .venv/bin/python -m pytest tests/golden``
and review the diff (``git diff tests/golden/files``) before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

FILES = Path(__file__).with_name("files")
REGOLD = os.environ.get("JIXIAO_REGOLD") == "1"


class Golden:
    def check(self, name: str, actual: str) -> None:
        path = FILES / name
        if REGOLD:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path.name}: run JIXIAO_REGOLD=1 .venv/bin/python -m pytest tests/golden")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"golden/{name}", "now", lineterm="")
            shown = "\n".join(list(diff)[:80])
            pytest.fail(f"{name} differs from its golden file (if intended: JIXIAO_REGOLD=1 .venv/bin/python -m "
                        f"pytest tests/golden, then review git diff):\n{shown}", pytrace=False)


@pytest.fixture(scope="session")
def golden() -> Golden:
    return Golden()

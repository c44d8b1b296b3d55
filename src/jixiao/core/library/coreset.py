"""The core set: common indicators in the structure of 财预〔2021〕101号, shipped as core_set.json.

The file's ``about`` names the official source; every entry's ``text_source`` says that its
definition, formula, scoring and data source were written by Jixiao (本系统整理), not quoted.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from .jsonform import library_from_dict
from .library import Library

CORE_SET_FILE = "core_set.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(files(__package__).joinpath(CORE_SET_FILE).read_text(encoding="utf-8"))


def core_set_about() -> dict[str, str]:
    """{"name", "basis", "note"}: what the core set is and which official document it follows."""
    return dict(_data()["about"])


def core_set() -> Library:
    return library_from_dict(_data(), CORE_SET_FILE)

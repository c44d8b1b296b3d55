"""The readers' limits from the environment: read here, for the web settings and the command line.

The core never reads the environment; it takes a ``Limits`` (see ``jixiao.core.limits``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from jixiao.core.limits import SETTINGS, Limits, limits_from


class LimitSettingError(ValueError):
    """A limit variable has a value that is not a whole number in range; the message says which."""


def limits_from_environment(environ: Mapping[str, str] | None = None) -> Limits:
    environ = os.environ if environ is None else environ
    values: dict[str, int] = {}
    for name, _unit, minimum, meaning in SETTINGS.values():
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or number < minimum:
            raise LimitSettingError(f"环境变量 {name} 的值“{raw}”无效：应为不小于 {minimum} 的整数（{meaning}）")
        values[name] = number
    return limits_from(values)

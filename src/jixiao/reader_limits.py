"""The readers' limits from the environment: read here, for the web settings and the command line.

The core never reads the environment; it takes a ``Limits`` (see ``jixiao.core.limits``). Each
variable is typed and checked by ``jixiao.environment`` like every other setting.
"""

from __future__ import annotations

from collections.abc import Mapping

from jixiao import environment
from jixiao.core.limits import SETTINGS, Limits, limits_from


class LimitSettingError(environment.SettingError):
    """A limit variable has a value that is not a whole number in range; the message says which."""


def limits_from_environment(environ: Mapping[str, str] | None = None) -> Limits:
    values: dict[str, int] = {}
    for name, _unit, minimum, _meaning in SETTINGS.values():
        try:
            values[name] = environment.integer(name, 0, minimum=minimum, env=environ)
        except environment.SettingError as e:
            raise LimitSettingError(str(e)) from None
    return limits_from({name: value for name, value in values.items() if value})

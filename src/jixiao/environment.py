"""Jixiao's settings from the environment: each one typed, with one clear error for a bad value.

Only the settings modules call these (the web settings, and the command line for what it needs
without Django); nothing else reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


class SettingError(ValueError):
    """An environment variable has a value Jixiao cannot use; the message says which and why."""


def _raw(name: str, env: Mapping[str, str] | None) -> str | None:
    value = (os.environ if env is None else env).get(name)
    return None if value is None or not value.strip() else value.strip()


def _bad(name: str, value: str, expected: str) -> SettingError:
    return SettingError(f"环境变量 {name} 的值“{value}”无效：应为 {expected}")


def text(name: str, default: str = "", env: Mapping[str, str] | None = None) -> str:
    value = _raw(name, env)
    return default if value is None else value


def integer(name: str, default: int, *, minimum: int = 0, maximum: int | None = None,
            env: Mapping[str, str] | None = None) -> int:
    value = _raw(name, env)
    if value is None:
        return default
    bounds = f"{minimum} 至 {maximum} 之间的整数" if maximum is not None else f"不小于 {minimum} 的整数"
    try:
        number = int(value)
    except ValueError:
        raise _bad(name, value, bounds) from None
    if number < minimum or (maximum is not None and number > maximum):
        raise _bad(name, value, bounds)
    return number


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def boolean(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, env)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise _bad(name, value, "1 或 0")


def choice(name: str, choices: tuple[str, ...], default: str, env: Mapping[str, str] | None = None) -> str:
    value = _raw(name, env)
    if value is None:
        return default
    if value not in choices:
        raise _bad(name, value, " 或 ".join(choices))
    return value


def names(name: str, env: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list (host names and the like), blanks dropped."""
    value = _raw(name, env) or ""
    return [part.strip() for part in value.split(",") if part.strip()]


def required(name: str, purpose: str, env: Mapping[str, str] | None = None) -> str:
    value = _raw(name, env)
    if value is None:
        raise SettingError(f"缺少环境变量 {name}：{purpose}")
    return value

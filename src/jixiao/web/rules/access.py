"""Who may do what with rule sets: administrators choose them; everyone signed in may 复核."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.web.accounts.models import Role, role_of


def can_choose(user) -> bool:
    return role_of(user) == Role.ADMIN


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("没有权限")


def can_recheck(user) -> bool:
    return role_of(user) is not None

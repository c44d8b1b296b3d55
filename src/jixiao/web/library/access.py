"""Who may do what with the 指标库: the one place these rules live.

Everyone signed in with a role browses and searches it; unit staff propose entries; finance
reviewers (and administrators) approve and retire them; administrators edit entries and count the
stored tables into the library.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.web.accounts.models import Role, role_of
from jixiao.web.workflow import acts_for_a_unit, reads_all


def can_browse(user) -> bool:
    return role_of(user) is not None


def can_propose(user) -> bool:
    return acts_for_a_unit(user)


def can_decide(user) -> bool:
    return reads_all(user)


def can_edit(user) -> bool:
    return role_of(user) == Role.ADMIN


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("没有权限")

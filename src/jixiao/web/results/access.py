"""Who may see and decide 结果应用: the one place these rules live.

Whoever may read the evaluated table reads its 结果应用 (the unit's staff, reviewers, administrators);
finance reviewers and administrators decide it, once the self-evaluation is approved.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.web.accounts.models import Role, role_of
from jixiao.web.workflow import Status


def can_decide(user, evaluation) -> bool:
    return role_of(user) in (Role.REVIEWER, Role.ADMIN) and evaluation.status == Status.APPROVED


def check_decide(user, evaluation) -> None:
    if role_of(user) not in (Role.REVIEWER, Role.ADMIN):
        raise PermissionDenied("只有财政审核人员可以确定结果应用")
    if evaluation.status != Status.APPROVED:
        raise PermissionDenied("绩效自评审核通过后才能确定结果应用")

"""Who may read and fill in monitoring reports and self-evaluations: the one place these rules live.

Reading follows the target table (own unit for staff, every unit for reviewers and administrators,
404 otherwise). Writing (and submitting) is for the unit's own staff (and administrators), and only
while the report or evaluation is a 草稿 or 已退回: submitted ones are with the reviewers
(``review.access``), approved ones locked. Reviewers never change the values.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.monitoring.models import EDITABLE, ReportStatus
from jixiao.web.targets.access import get_table_for_user, visible_tables

__all__ = ["can_fill", "check_fill", "get_table_for_user", "units_for", "visible_tables"]


def can_fill(user, table, record=None) -> bool:
    """May ``user`` enter or change ``record`` (a MonitoringReport or SelfEvaluation, or None: a new one)?"""
    if record is not None and record.status not in EDITABLE:
        return False
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    unit = unit_of(user)
    return role == Role.STAFF and unit is not None and table.project.unit_id == unit.id


def check_fill(user, table, record=None) -> None:
    if not can_fill(user, table, record):
        if record is not None and record.status not in EDITABLE:
            raise PermissionDenied(locked_reason(record))
        raise PermissionDenied("您无权填报这张目标表的监控或自评")


def locked_reason(record) -> str:
    if record.status == ReportStatus.APPROVED:
        return "已审核通过，内容已锁定"
    return "已提交审核，审核期间不能修改"


def units_for(user):
    """Units whose overview the user may open."""
    from jixiao.web.accounts.models import Unit

    return Unit.objects.filter(id__in=visible_tables(user).values("project__unit_id")).order_by("name")

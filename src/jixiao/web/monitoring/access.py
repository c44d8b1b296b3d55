"""Who may read and fill in monitoring reports and self-evaluations: the one place these rules live.

Reading follows the target table (own unit for staff, every unit for reviewers and administrators,
404 otherwise). Writing is for the unit's own staff (and administrators), and only while the report
or evaluation is a 草稿: a submitted one is locked until the review workflow takes it over.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.monitoring.models import ReportStatus
from jixiao.web.targets.access import get_table_for_user, visible_tables

__all__ = ["can_fill", "check_fill", "get_table_for_user", "units_for", "visible_tables"]


def can_fill(user, table, record=None) -> bool:
    """May ``user`` enter or change ``record`` (a MonitoringReport or SelfEvaluation, or None: a new one)?"""
    if record is not None and record.status != ReportStatus.DRAFT:
        return False
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    unit = unit_of(user)
    return role == Role.STAFF and unit is not None and table.project.unit_id == unit.id


def check_fill(user, table, record=None) -> None:
    if not can_fill(user, table, record):
        if record is not None and record.status != ReportStatus.DRAFT:
            raise PermissionDenied("已提交，不能再修改")
        raise PermissionDenied("您无权填报这张目标表的监控或自评")


def units_for(user):
    """Units whose overview the user may open."""
    from jixiao.web.accounts.models import Unit

    return Unit.objects.filter(id__in=visible_tables(user).values("project__unit_id")).order_by("name")

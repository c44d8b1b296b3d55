"""Who may read and fill in monitoring reports and self-evaluations: the one place these rules live.

Reading follows the target table (``targets.access``: own unit for staff, every unit for reviewers
and administrators, 404 otherwise). Writing (and submitting) is for the unit that owns the table
(``workflow.owns``), only while the report or evaluation may be changed (``Reviewed.is_editable``),
and only on a table that has been approved: monitoring and evaluation measure the approved targets.
Reviewers never change the values.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef

from jixiao.web.accounts.models import Unit
from jixiao.web.review.models import ApprovedVersion, Kind
from jixiao.web.targets.access import get_table_for_user, visible_tables
from jixiao.web.workflow import Status, owns

__all__ = ["can_fill", "check_fill", "get_table_for_user", "not_approved_reason", "units_for", "visible_tables"]

WHAT_NEXT = {
    Status.DRAFT: "请先提交目标表审核，审核通过后再填报。",
    Status.SUBMITTED: "目标表正在审核中，审核通过后即可填报。",
    Status.RETURNED: "目标表已被退回，请按审核意见修改并重新提交，审核通过后再填报。",
}


def not_approved_reason(table) -> str:
    """Why ``table`` cannot be monitored or evaluated yet ('' once a version of it has been approved)."""
    if table.status == Status.APPROVED or ApprovedVersion.objects.filter(table=table, subject_kind=Kind.TABLE).exists():
        return ""
    return (f"《{table.project.name}》（{table.year}年）项目绩效目标表尚未审核通过，不能填报运行监控和绩效自评："
            f"二者都以审核通过的绩效目标为准。{WHAT_NEXT.get(table.status, '')}")


def can_fill(user, table, record=None) -> bool:
    """May ``user`` enter or change ``record`` (a MonitoringReport or SelfEvaluation, or None: a new one)?"""
    if record is not None and not record.is_editable:
        return False
    return owns(user, table.project.unit_id)


def check_fill(user, table, record=None) -> None:
    if record is not None and not record.is_editable:
        raise PermissionDenied(record.locked_reason)
    if not owns(user, table.project.unit_id):
        raise PermissionDenied("您无权填报这张目标表的监控或自评")


def units_for(user):
    """Units whose overview the user may open."""
    # EXISTS per unit (one index probe each) rather than collecting the units of every visible table.
    tables = visible_tables(user).order_by().filter(project__unit=OuterRef("pk")).values("pk")
    return Unit.objects.filter(Exists(tables)).order_by("name")

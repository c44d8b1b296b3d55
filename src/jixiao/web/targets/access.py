"""Who may see and change target tables: the one place these rules live.

Unit staff read and edit their own unit's tables (editing only while 草稿 or 已退回); finance
reviewers and administrators read every unit; reviewers never edit. A table outside the user's
reach is answered with 404, so guessing ids reveals nothing; a visible but read-only table with 403.
Ownership and the workflow's lock are ``workflow``'s, shared with the other access modules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from jixiao.web.accounts.models import unit_of
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status, acts_for_a_unit, owns, reads_all


def visible_tables(user) -> QuerySet[TargetTable]:
    if reads_all(user) or acts_for_a_unit(user):  # staff of a unit (administrators read all)
        return tables_in_scope(unit_filter(user))
    return TargetTable.objects.none()


def tables_in_scope(scope: int | None) -> QuerySet[TargetTable]:
    """The tables of a ``unit_filter`` scope without its user (a background recount): every unit's
    for None, one unit's for its id, none for -1 (staff attached to no unit)."""
    qs = TargetTable.objects.select_related("project__unit__department")
    if scope is None:
        return qs
    return qs.filter(project__unit_id=scope) if scope >= 0 else qs.none()


def owned_tables(user) -> QuerySet[TargetTable]:
    """The tables the user acts for (edits, copies to a new year): the own unit's; every unit's for an administrator."""
    if not acts_for_a_unit(user):
        return TargetTable.objects.none()
    if reads_all(user):  # an administrator
        return TargetTable.objects.all()
    return TargetTable.objects.filter(project__unit_id=unit_of(user).id)


def unit_filter(user) -> int | None:
    """The one unit id a user is confined to (staff), None when the user reads all units."""
    if reads_all(user):
        return None
    unit = unit_of(user)
    return unit.id if unit is not None else -1


def can_edit(user, table: TargetTable) -> bool:
    return table.is_editable and owns(user, table.project.unit_id)


def deletion_refusal(table: TargetTable) -> str | None:
    """Why the table may not be deleted, or None. Only a draft with no history beyond editing goes:
    anything submitted, monitored or evaluated is part of the record and stays."""
    if table.status != Status.DRAFT:
        return "只有草稿状态的目标表可以删除"
    if table.transitions.exists():
        return "这张目标表已提交过审核，不能删除"
    if table.monitoring_reports.exists() or hasattr(table, "self_evaluation"):
        return "这张目标表已有运行监控或绩效自评记录，不能删除"
    return None


def can_delete(user, table: TargetTable) -> bool:
    return can_edit(user, table) and deletion_refusal(table) is None


def can_import(user) -> bool:
    return acts_for_a_unit(user)


NOT_VISIBLE = "没有这张目标表，或您无权查看"


def can_create(user) -> bool:
    """新建目标表: who may import may create (a unit's staff for their unit, administrators for any)."""
    return can_import(user)


def get_table_for_user(user, pk: int) -> TargetTable:
    try:
        return visible_tables(user).get(pk=pk)
    except TargetTable.DoesNotExist:
        raise Http404(NOT_VISIBLE) from None


def get_rw_table_for_user(user, pk: int) -> TargetTable:
    table = get_table_for_user(user, pk)
    if not can_edit(user, table):
        raise PermissionDenied(table.locked_reason or "您无权修改这张目标表")
    return table

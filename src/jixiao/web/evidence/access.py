"""Who may read and record 佐证记录: the one place these rules live.

Records follow their project's unit: the unit's own staff (and administrators) record, change and
delete them and link indicators to them (``workflow.owns``); finance reviewers read every unit's
(``workflow.reads_all``). Anything outside the user's reach is a 404, so guessing ids reveals nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from jixiao.web.accounts.models import Role, role_of, unit_of
from jixiao.web.evidence.models import Attachment, Record
from jixiao.web.targets.models import Project
from jixiao.web.workflow import acts_for_a_unit, owns, reads_all


def visible_projects(user) -> QuerySet[Project]:
    qs = Project.objects.select_related("unit")
    if reads_all(user):
        return qs
    if acts_for_a_unit(user):  # staff of a unit (administrators read all, above)
        return qs.filter(unit_id=unit_of(user).id)
    return qs.none()


def own_projects(user) -> QuerySet[Project]:
    """Projects whose records the user may add: those of units the user acts for."""
    if role_of(user) == Role.ADMIN:
        return Project.objects.select_related("unit")
    if acts_for_a_unit(user):  # staff of a unit
        return Project.objects.select_related("unit").filter(unit_id=unit_of(user).id)
    return Project.objects.none()


def visible_records(user) -> QuerySet[Record]:
    return Record.objects.select_related("project__unit").filter(project__in=visible_projects(user))


def can_record(user, project: Project) -> bool:
    return owns(user, project.unit_id)


def get_record(user, pk: int, write: bool = False) -> Record:
    try:
        record = visible_records(user).get(pk=pk)
    except Record.DoesNotExist:
        raise Http404("没有这条佐证记录，或您无权查看") from None
    if write and not can_record(user, record.project):
        raise PermissionDenied("只有本单位人员可以修改本单位的佐证记录")
    return record


def get_attachment(user, pk: int) -> Attachment:
    try:
        return Attachment.objects.select_related("record").get(pk=pk, record__in=visible_records(user))
    except Attachment.DoesNotExist:
        raise Http404("没有这个附件，或您无权查看") from None

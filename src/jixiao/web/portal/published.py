"""What the 公开 portal shows: the one rule, used by every portal page and download.

A target table is public while it is 已审核通过 and not withheld (``Withholding``); its
self-evaluation is public while that is 已审核通过 and the table is not withheld. An approved record
is locked, so what is shown is exactly what was approved; a record reopened for a new version leaves
the portal until it is approved again. Nothing else of the workflow (comments, findings, 情况说明,
who did what) is ever read here.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from jixiao.web.audit import record
from jixiao.web.audit.models import Action, ObjectKind
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.portal.models import Withholding
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

PUBLIC, WITHHELD = "公开", "不予公开（涉密）"


def public_tables() -> QuerySet[TargetTable]:
    """Tables with something public: the table itself, or its self-evaluation."""
    # EXISTS rather than joins: an OR across a join would make the database read every table.
    evaluated = SelfEvaluation.objects.filter(table=OuterRef("pk"), status=Status.APPROVED)
    withheld = Withholding.objects.filter(table=OuterRef("pk"))
    return (TargetTable.objects.filter(~Exists(withheld)).filter(Q(status=Status.APPROVED) | Exists(evaluated))
            .select_related("project__unit__department"))


def public_evaluations() -> QuerySet[SelfEvaluation]:
    return SelfEvaluation.objects.filter(status=Status.APPROVED, table__withholding__isnull=True)


def public_evaluation(table: TargetTable) -> SelfEvaluation | None:
    return public_evaluations().filter(table=table).first()


def get_public_table(pk: int) -> TargetTable:
    table = public_tables().filter(pk=pk, status=Status.APPROVED).first()
    if table is None:
        raise Http404("没有这张已公开的目标表")
    return table


def get_public_evaluation(pk: int) -> tuple[TargetTable, SelfEvaluation]:
    """The table ``pk`` and its public self-evaluation; 404 when either is not public."""
    table = public_tables().filter(pk=pk).first()
    evaluation = public_evaluation(table) if table is not None else None
    if evaluation is None:
        raise Http404("没有这份已公开的绩效自评")
    return table, evaluation


def _audit(withholding_table: TargetTable, user, before: dict, after: dict, source: str) -> None:
    record.save([record.entry(withholding_table.pk, ObjectKind.TABLE, Action.CHANGE, user=user,
                              obj_id=withholding_table.pk, label=withholding_table.project.name,
                              before=before, after=after, version=withholding_table.version, source=source)])


def withhold(table: TargetTable, reason: str, user) -> Withholding:
    """Take ``table`` off the portal (or change why), with the reason kept in its 修改记录."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("请填写不予公开的理由")
    with transaction.atomic():
        current = Withholding.objects.select_for_update().filter(table=table).first()
        before = {"公开": WITHHELD, "不予公开理由": current.reason} if current else {"公开": PUBLIC, "不予公开理由": ""}
        withholding, _ = Withholding.objects.update_or_create(table=table, defaults={"reason": reason, "by": user})
        _audit(table, user, before, {"公开": WITHHELD, "不予公开理由": reason}, "不予公开")
    return withholding


def release(table: TargetTable, user) -> None:
    """Publish a withheld table again (it shows once approved)."""
    with transaction.atomic():
        current = Withholding.objects.select_for_update().filter(table=table).first()
        if current is None:
            return
        current.delete()
        _audit(table, user, {"公开": WITHHELD, "不予公开理由": current.reason},
               {"公开": PUBLIC, "不予公开理由": ""}, "恢复公开")

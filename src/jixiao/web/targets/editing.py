"""Saving the edit page: facts, goals and indicator rows, with the version check and audit trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.core.targets import parse_target
from jixiao.web.audit import record
from jixiao.web.audit.models import Action, ObjectKind
from jixiao.web.targets import blocks, convert
from jixiao.web.targets.access import deletion_refusal
from jixiao.web.targets.models import TARGET_PREFIXES, Indicator, TargetTable
from jixiao.web.workflow import EDITABLE


WEB_EDIT = "网页编辑"  # the audit trail's source of a change made on the edit page


class StaleVersion(Exception):
    """Someone saved the table after this form was opened."""

    def __init__(self, table: TargetTable):
        super().__init__("stale")
        self.table = table


def _target(text: str, category: str | None):
    text = (text or "").strip()
    return parse_target(text, category or None) if text else None


def _facts(table: TargetTable) -> dict:
    snap = convert.table_snapshot(convert.core_table(table, []))
    snap.pop("绩效指标")
    snap["预算科目"] = table.project.subject  # kept by the web only (the official table does not print it)
    return snap


def _snapshot(row: Indicator) -> dict:
    return {**convert.indicator_snapshot(row), "顺序": row.position}


def save_edit(table: TargetTable, facts: dict, rows: list[dict], deleted_ids: set[int], user) -> TargetTable:
    """Apply one submission of the edit page. ``rows`` are the kept indicator rows, in order.

    Raises StaleVersion when ``facts['version']`` is no longer the stored version, and
    PermissionDenied when the table was submitted or approved meanwhile; nothing is written then.
    """
    source = WEB_EDIT
    with transaction.atomic():
        claimed = TargetTable.objects.filter(
            pk=table.pk, version=facts["version"], status__in=EDITABLE
        ).update(version=F("version") + 1, updated_at=timezone.now(), updated_by=user)
        if not claimed:
            current = TargetTable.objects.select_related("updated_by").get(pk=table.pk)
            reason = current.locked_reason
            if reason:  # submitted or approved while the form was open
                raise PermissionDenied(f"“{current.project.name}”{reason}，本次修改未保存")
            raise StaleVersion(current)
        table = TargetTable.objects.select_related("project__unit__department").get(pk=table.pk)
        entries = []
        before = _facts(table)
        project = table.project
        for key in ("name", "type", "level", "subject", "period_start", "period_end"):
            value = facts.get(key)
            setattr(project, key, value if value is not None else ("" if key in ("name", "type", "level", "subject") else None))
        project.save()
        table.budget, table.goal_period, table.goal_annual = facts["budget"], facts["goal_period"], facts["goal_annual"]
        table.save(update_fields=["budget", "goal_period", "goal_annual"])
        entries.append(record.entry(table.pk, ObjectKind.TABLE, Action.CHANGE, user=user, obj_id=table.pk,
                                    label=project.name, before=before, after=_facts(table),
                                    version=table.version, source=source))

        existing = {r.id: r for r in table.indicators.all()}
        for rid in deleted_ids & existing.keys():
            row = existing.pop(rid)
            entries.append(record.entry(table.pk, ObjectKind.INDICATOR, Action.DELETE, user=user, obj_id=rid,
                                        label=row.name, before=_snapshot(row), version=table.version, source=source))
            row.delete()
        kept_ids = [r["id"] for r in rows if r.get("id") in existing]
        untouched = [r for rid, r in existing.items() if rid not in kept_ids]  # rows not on the form stay, last
        stored_rows = list(existing.values())
        known = blocks.table_labels(stored_rows)
        placed = []
        for data in rows:
            row, category = existing.get(data.get("id")), data["category"] or ""
            placed.append(blocks.Placed(data, row, category, *blocks.labels(category, row, known)))
        position = 0
        for p in blocks.arrange(placed, stored_rows):
            position += 1
            data, row, category = p.data, p.stored, p.category
            fields = {"name": data["name"], "category": category, "position": position,
                      "level1": p.level1, "level2": p.level2,
                      "entry_code": data.get("entry_code") or "", "entry_version": data.get("entry_version")}
            for prefix in TARGET_PREFIXES:
                text = (data[f"{prefix}_target"] or "").strip()
                if row is None or getattr(row, f"{prefix}_text") != text or row.category != category \
                        or getattr(row, f"has_{prefix}") != bool(text):
                    fields.update(convert.target_columns(prefix, _target(text, category)))
            if row is None:
                row = Indicator(table=table, **fields)
                row.save()
                entries.append(record.entry(table.pk, ObjectKind.INDICATOR, Action.CREATE, user=user, obj_id=row.id,
                                            label=row.name, after=_snapshot(row), version=table.version, source=source))
                continue
            before_row = _snapshot(row)
            for k, v in fields.items():
                setattr(row, k, v)
            row.save()
            entries.append(record.entry(table.pk, ObjectKind.INDICATOR, Action.CHANGE, user=user, obj_id=row.id,
                                        label=row.name, before=before_row, after=_snapshot(row),
                                        version=table.version, source=source))
        for row in untouched:
            position += 1
            Indicator.objects.filter(pk=row.pk).update(position=position)
        record.save(entries)
    return table


def delete_table(table: TargetTable, user) -> None:
    """Delete a draft table and its indicators; the audit trail keeps what it held."""
    with transaction.atomic():
        table = TargetTable.objects.select_for_update().select_related("project__unit__department").get(pk=table.pk)
        reason = deletion_refusal(table)
        if reason:
            raise PermissionDenied(reason)
        snapshot = convert.table_snapshot(convert.core_table(table, list(table.indicators.all())))
        record.save([record.entry(table.pk, ObjectKind.TABLE, Action.DELETE, user=user, obj_id=table.pk,
                                  label=table.project.name, before=snapshot, version=table.version,
                                  source="网页删除")])
        table.delete()

"""Writing audit entries. Callers pass plain dicts (field → value) of what was there before and after."""

from __future__ import annotations

from jixiao.web import bulk
from jixiao.web.audit.models import Action, AuditEntry, ObjectKind


def _diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    if before is None or after is None:
        return before, after
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def entry(table_id, kind, action, *, user=None, obj_id=None, label="", before=None, after=None,
          version=None, source="") -> AuditEntry | None:
    """An unsaved entry, or None when a change changed nothing."""
    if action == Action.CHANGE:
        before, after = _diff(before, after)
        if not before and not after:
            return None
    return AuditEntry(
        table_id=table_id, object_kind=kind, object_id=obj_id, object_label=label[:300],
        action=action, user=user if user and user.is_authenticated else None,
        before=before, after=after, version=version, source=source[:100],
    )


def save(entries) -> None:
    bulk.insert(AuditEntry, (bulk.values_of(e) for e in entries if e is not None))


__all__ = ["Action", "ObjectKind", "entry", "save"]

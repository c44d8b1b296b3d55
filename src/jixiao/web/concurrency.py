"""No lost updates: a save names the version it was opened at, and a first save creates one row.

A stale save (someone saved after the page was opened) and a first save that another request beat
(the unique constraint says so) both raise ``StaleSave`` carrying what is stored now, so the view
answers 409 with who saved and when, and shows the typed values again. Nothing is overwritten.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Model

from jixiao.core.numbers import parse_int


class StaleSave(Exception):
    def __init__(self, current: Model):
        super().__init__("stale")
        self.current = current  # has updated_by, updated_at, version


def _current(model, **lookup) -> Model:
    return model._base_manager.select_related("updated_by").get(**lookup)


def create_once(obj: Model, **lookup) -> None:
    """Insert ``obj``; when a concurrent request inserted the row that ``lookup`` finds first, raise."""
    try:
        with transaction.atomic():
            obj.save(force_insert=True)
    except IntegrityError:
        raise StaleSave(_current(type(obj), **lookup)) from None


def next_version(obj: Model, opened_at: int | None) -> int:
    """Claim the next version of the stored ``obj`` if it is still at ``opened_at`` (None: no check)."""
    model = type(obj)
    rows = model._base_manager.filter(pk=obj.pk)
    if opened_at is not None:
        rows = rows.filter(version=opened_at)
    if not rows.update(version=F("version") + 1):
        raise StaleSave(_current(model, pk=obj.pk))
    return model._base_manager.values_list("version", flat=True).get(pk=obj.pk)


def opened_version(post) -> int | None:
    """The version a form says it was opened at (hidden field ``version``); None when it does not say."""
    return parse_int(post.get("version"))


def stored(obj: Model, opened_at: int | None, **unique) -> None:
    """Before writing ``obj`` (in the caller's transaction): create it once, or claim its next version."""
    if obj.pk is None:
        create_once(obj, **unique)
    else:
        obj.version = next_version(obj, opened_at)

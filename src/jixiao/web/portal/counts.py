"""How many tables the 公开 portal lists, per year and unit, counted once and kept in the shared
cache until the next workflow step or withholding: so a page of a province's portal reads one page
of tables, not every public table.

The key holds a stamp read through primary keys alone (the latest workflow step, the latest table,
the withholdings), so every approval, return, new version or withholding counts afresh in every
server process; ``MAX_AGE`` bounds what changes outside the workflow (a restore, the admin) leave.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max

from jixiao.web.portal import published
from jixiao.web.portal.models import Withholding
from jixiao.web.review.models import Transition
from jixiao.web.targets.models import TargetTable

MAX_AGE = 600  # seconds


def _stamp() -> str:
    step = Transition.objects.aggregate(m=Max("pk"))["m"]
    table = TargetTable.objects.aggregate(m=Max("pk"))["m"]
    held = Withholding.objects.aggregate(n=Count("pk"), m=Max("pk"), at=Max("at"))
    return f"{step}-{table}-{held['n']}-{held['m']}-{held['at'] and held['at'].timestamp()}"


def per_unit() -> dict[int, list[tuple[int, int, int]]]:
    """year → [(unit id, department id, public tables)] in list order (department, then unit name)."""
    return cache.get_or_set(f"portal-units-{_stamp()}", _count_per_unit, MAX_AGE)


def _count_per_unit() -> dict[int, list[tuple[int, int, int]]]:
    counted = defaultdict(list)
    unit, department = "project__unit_id", "project__unit__department_id"
    rows = (published.public_tables().values_list("year", unit, department).annotate(n=Count("pk"))
            .order_by("project__unit__department__name", "project__unit__name"))
    for year, *row in rows:
        counted[year].append(tuple(row))
    return dict(counted)


class Listing:
    """The year's public tables in list order (department, unit, project), for a Paginator: the count
    comes from ``per_unit``, and a slice reads only the tables of the units it spans."""

    def __init__(self, tables, units: list[tuple[int, int, int]]):
        self.tables = tables  # the year's public tables, already filtered like ``units``
        self.units = units

    def count(self) -> int:
        return sum(n for _, _, n in self.units)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list:
        start, stop = part.start or 0, part.stop
        wanted, before, skip = [], 0, 0
        for unit, _, n in self.units:
            if before + n > start and before < stop:
                if not wanted:
                    skip = start - before
                wanted.append(unit)
            before += n
        if not wanted:
            return []
        order = ("project__unit__department__name", "project__unit__name", "project__name", "id")
        rows = self.tables.filter(project__unit__in=wanted).order_by(*order)
        return list(rows[skip:skip + stop - start])

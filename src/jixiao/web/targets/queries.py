"""Loading stored tables as core tables in bulk (export, downloads)."""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum

from jixiao.web.targets import convert
from jixiao.web.targets.models import Indicator, TargetTable

# More choices than this (units, projects) are searched by name on the server instead of listed in a drop-down.
PICKER_LIMIT = 30


def listable(choices) -> list | None:
    """The choices (a queryset of objects or value rows) when few enough to list in a drop-down, else None."""
    few = list(choices[:PICKER_LIMIT + 1])
    return few if len(few) <= PICKER_LIMIT else None


def core_tables(tables) -> list:
    """Core tables for a TargetTable queryset, in project order, with two queries per 1000 tables."""
    tables = list(tables.select_related("project__unit__department").order_by("project__unit__name", "project__name"))
    rows = defaultdict(list)
    for i in range(0, len(tables), 1000):
        ids = [t.id for t in tables[i:i + 1000]]
        for r in Indicator.objects.filter(table_id__in=ids).order_by("table_id", "position"):
            rows[r.table_id].append(r)
    return [convert.core_table(t, rows[t.id]) for t in tables]


def tables_of(year: int, unit_name: str | None = None):
    qs = TargetTable.objects.filter(year=year)
    if unit_name:
        qs = qs.filter(project__unit__name=unit_name)
    return qs


def distinct_values(qs: QuerySet, field: str) -> list:
    """The distinct non-empty values of an indexed column, largest first, one index probe each.

    A plain DISTINCT reads every row; this "loose index scan" costs one query per value, which is
    cheaper whenever values are few (budget years, 项目类型) and rows are many.
    """
    values, below = [], None
    while True:
        rest = qs if below is None else qs.filter(**{f"{field}__lt": below})
        value = rest.aggregate(v=Max(field))["v"]
        if value is None or value == "":
            return values
        values.append(value)
        below = value


TRIGRAM = 3  # characters a word needs for the trigram indexes to find it
SEARCH_WORDS = 5  # more words only narrow what five already found, each one more join


def search(tables: QuerySet, text: str) -> QuerySet:
    """Tables whose project name, unit name or an indicator name contains every word of ``text``.

    The same ``icontains`` on every database; on PostgreSQL trigram indexes on those three names
    (migration 0004, pg_trgm) answer a word of TRIGRAM characters or more without reading every row
    (``containing``); a shorter word, and SQLite, scan.
    """
    for word in text.split()[:SEARCH_WORDS]:
        tables = containing(tables, word, ("project__name", "project__unit__name"), indicators=True)
    return tables


def containing(tables: QuerySet, word: str, names: tuple[str, ...], indicators: bool = False) -> QuerySet:
    """``tables`` with ``word`` in one of ``names`` (a table's lookups, none across a list: 'project__name')
    or, with ``indicators``, in one of their indicators' names.

    A word of TRIGRAM characters or more is found in each name apart, through its trigram index on
    PostgreSQL, and the ids united: an OR across the joined names would test every table instead."""
    if len(word) >= TRIGRAM:
        found = [TargetTable.objects.filter(**{f"{name}__icontains": word}).order_by().values("pk") for name in names]
        if indicators:
            found.append(Indicator.objects.filter(name__icontains=word).order_by().values("table_id"))
        return tables.filter(pk__in=found[0].union(*found[1:]))
    lookup = "contains" if caseless(word) else "icontains"  # the scan then upper-cases no name
    anywhere = reduce(or_, (Q(**{f"{name}__{lookup}": word}) for name in names))
    if indicators:
        anywhere |= Exists(Indicator.objects.filter(table_id=OuterRef("pk"), **{f"name__{lookup}": word}))
    return tables.filter(anywhere)


def caseless(word: str) -> bool:
    """True when no character of ``word`` has another case (Chinese characters, digits, most
    punctuation): found in a name as it is, it is found in any case."""
    return all(c.upper() == c == c.lower() for c in word)


# The list's sortable columns: URL key → (column heading, ordering). Ties are broken by unit and
# project, then id, so a page boundary never splits equal rows at random.
SORTS = {
    "name": ("项目名称", "project__name"),
    "unit": ("用款单位", "project__unit__name"),
    "type": ("项目类型", "project__type"),
    "budget": ("年度预算（元）", "budget"),
    "status": ("状态", "status"),
    "updated": ("最后修改", "updated_at"),
}
DEFAULT_SORT = "unit"


def sort_field(sort: str) -> tuple[str, bool]:
    """(the field the list is sorted by first, descending?) for a list's ``sort`` parameter."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        return SORTS[DEFAULT_SORT][1], False
    return SORTS[key][1], sort.startswith("-")


def ordering(sort: str) -> list:
    """``order_by`` arguments for a list's ``sort`` parameter ('budget', '-budget'; unknown → default)."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, sort = DEFAULT_SORT, DEFAULT_SORT
    field = SORTS[key][1]
    first = F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
    return [first, "project__unit__name", "project__name", "id"]


NARROW_FROM = 1000  # rows OFFSET would skip from which a deep page is found through the sort column's index
# Sorts by a column of another table with few distinct values (a province's ~1,000 units, a few 项目类型):
# a deep page is found by counting the rows of each value, in the list's order. That count reads every
# row once (~35 ms at 100,000 tables), as much as OFFSET skipping GROUPED_FROM rows.
GROUPED = {"project__unit__name", "project__type"}
GROUPED_FROM = 20_000


def list_totals(tables: QuerySet, field: str, descending: bool, searched: bool) -> tuple[dict, list | None]:
    """A list's totals ({'count', 'budget'}) and, when a search narrowed it and it is sorted by one of
    GROUPED, the rows of each value of that column in the list's order, for ``FromNearerEnd``.

    Unsearched, the totals read an index alone and the first pages need no count per value. Searched,
    the count repeats the search whatever it does; counting per value in that same query (~12 ms more
    than the plain count for 8,000 matches of 100,000 tables) spares the first page sorting every match
    (~33 ms); a search matching most tables costs about the same either way (±10 %)."""
    if not (searched and field in GROUPED):
        # COUNT(*) rather than COUNT(id): the year/status index includes the budget, so this reads the index alone.
        return tables.aggregate(count=Count("*"), budget=Sum("budget")), None
    groups = list(_value_counts(tables, field, descending).annotate(budget=Sum("budget")))
    budgets = [b for _, _, b in groups if b is not None]
    totals = {"count": sum(n for _, n, _ in groups), "budget": sum(budgets) if budgets else None}
    return totals, [(value, n) for value, n, _ in groups]


class FromNearerEnd:
    """Ordered rows (a queryset with a total order) cut by OFFSET from whichever end is nearer, for a
    Paginator: the last page of 100,000 rows reads 50 rows in reverse order instead of skipping 99,950.

    When the list is sorted by a column of the table itself, or by one of GROUPED (``lead``: the field and
    whether descending), a deep page is found through that column's values first (``_narrowed``): the
    ties (unit and project names) are sorted for the rows of the page alone, not for every row before it."""

    def __init__(self, rows: QuerySet, count: int, lead: tuple[str, bool] | None = None, groups: list | None = None):
        self.rows, self.total = rows, count
        self.lead = lead if lead and ("__" not in lead[0] or lead[0] in GROUPED) else None
        self.groups = groups  # (value, rows) of the lead column, in the list's order, when counted already

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, part: slice):
        """The rows, read only when iterated (a page shown by cursor never reads them)."""
        start, stop = part.start or 0, min(part.stop, self.total)
        if start >= stop:
            return []
        skipped = min(start, self.total - stop)  # by OFFSET from the nearer end
        counted = self.groups is not None and self.lead is not None
        if counted or self.lead and skipped >= (GROUPED_FROM if self.lead[0] in GROUPED else NARROW_FROM):
            return _Later(lambda: _narrowed(self.rows, *self.lead, start, stop, self.groups))
        if start > self.total - stop:
            return _Backwards(self.rows.reverse()[self.total - stop:self.total - start])
        return self.rows[start:stop]


def _narrowed(rows: QuerySet, field: str, descending: bool, start: int, stop: int, groups: list | None = None) -> QuerySet:
    """``rows[start:stop]`` of rows sorted by ``field`` (nulls last), then by ties: the values of ``field``
    at ``start`` and at ``stop - 1`` are found first, and only the rows between them are sorted."""
    if field in GROUPED:
        if groups is None:
            groups = _value_counts(rows, field, descending)
        first, last, before, valued = _values_in_groups(groups, start, stop)
    else:
        first, last, before, valued = _values_by_index(rows, field, descending, start, stop)
    null = Q(**{f"{field}__isnull": True})
    if first is None:
        return rows.filter(null)[start - valued:stop - valued]
    from_first = Q(**{f"{field}__{'lte' if descending else 'gte'}": first})
    to_last = null if last is None else Q(**{f"{field}__{'gte' if descending else 'lte'}": last})
    return rows.filter(from_first & to_last if last is not None else from_first | to_last)[start - before:stop - before]


def _values_by_index(rows: QuerySet, field: str, descending: bool, start: int, stop: int) -> tuple:
    """(value at ``start``, value at ``stop - 1``, rows before the first value, rows with a value),
    read from the column's index; a value is None past the valued rows (or for a row deleted meanwhile)."""
    known = rows.filter(**{f"{field}__isnull": False})
    valued = known.count()
    by_value = known.order_by(f"-{field}" if descending else field).values_list(field, flat=True)

    def value_at(n: int):
        return next(iter(by_value[n:n + 1]), None) if n < valued else None

    first, last = value_at(start), value_at(stop - 1)
    if first is None:
        return None, None, valued, valued
    before = known.filter(**{f"{field}__{'gt' if descending else 'lt'}": first}).count()
    return first, last, before, valued


def _value_counts(rows: QuerySet, field: str, descending: bool) -> QuerySet:
    """(value, rows) for each value of ``field``, in the list's order (the database orders the values,
    so its collation decides, as it does for the rows)."""
    order = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return rows.order_by().values_list(field).annotate(n=Count("*")).order_by(order)


def _values_in_groups(groups, start: int, stop: int) -> tuple:
    """As ``_values_by_index``, from the rows of each value in the list's order."""
    first = last = None
    before = valued = seen = 0
    for value, n, *_ in groups:
        if seen <= start < seen + n:
            first, before = value, seen
        if seen <= stop - 1 < seen + n:
            last = value
        seen += n
        valued += n if value is not None else 0
    return first, last, before, valued


class _Later:
    """Rows read only when iterated."""

    def __init__(self, read):
        self.read = read

    def __iter__(self):
        return iter(self.read())


class _Backwards:
    def __init__(self, rows: QuerySet):
        self.rows = rows

    def __iter__(self):
        return reversed(list(self.rows))

    def __len__(self) -> int:
        return len(self.rows)

"""The one pagination helper of every list (templates/fragments/pagination.html renders the page).

Most lists are small and numbered (`paginate`, `?page=`). Lists that may hold a million rows use
`keyset_paginate` (`?after=` / `?before=` cursors, templates/fragments/keyset_pagination.html):
each page continues from the last row of the one before through the index of the list order, so
page 40,000 costs what page 1 costs, and no row is skipped or repeated when rows are added meanwhile.
Their totals are counted only up to a cap (`capped_count`: "mehr als 1.000").
"""

import base64
import binascii
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, F, Func, IntegerField, Value
from django.db.models.expressions import RawSQL

PAGE_SIZE = 25
COUNT_CAP = 1000


def paginate(request, items, per_page: int = PAGE_SIZE, *, count: int | None = None) -> Page:
    """The page named by `?page=` (the last page for a number too high, the first for nonsense).
    `count`: the number of `items` when the caller knows it already (no COUNT query)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def capped_count(queryset, cap: int | None = None) -> tuple[int, bool]:
    """(count, capped): the exact number of rows up to `cap` (COUNT_CAP), else (cap, True) — at
    most `cap` + 1 rows are read."""
    cap = cap or COUNT_CAP
    n = queryset.order_by()[: cap + 1].count()
    return (cap, True) if n > cap else (n, False)


def capped_count_column(queryset, cap: int | None = None) -> RawSQL:
    """`capped_count` as a column: annotate the rows of a list with it and the list and its total
    come in one query (the count is uncorrelated, PostgreSQL runs it once). Read it back with
    `capped_total`."""
    cap = cap or COUNT_CAP
    sql, params = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
    count = f"SELECT COUNT(*) FROM ({sql}) capped"  # noqa: S608  # nosec B608 -- our QuerySet's SQL, values passed apart
    return RawSQL(count, params, output_field=IntegerField())  # noqa: S611  # nosec B611 -- the SQL above


def capped_total(rows, name: str, cap: int | None = None) -> tuple[int, bool]:
    """(count, capped) from the `capped_count_column` named `name` of the rows (none: (0, False))."""
    cap = cap or COUNT_CAP
    n = getattr(rows[0], name) if rows else 0
    return (cap, True) if n > cap else (n, False)


def keyset_cursor(values) -> str:
    """The opaque `?after=` / `?before=` value for a row with these order-key values."""
    return base64.urlsafe_b64encode(json.dumps([str(v) for v in values]).encode()).decode().rstrip("=")


def _decode(cursor: str | None, size: int) -> list[str] | None:
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != size or not all(isinstance(v, str) for v in values):
        return None
    return values


class RowComparison(Func):
    """`(a, b, c) > (x, y, z)`: PostgreSQL reads it as one range of an index on (a, b, c)."""

    output_field = BooleanField()

    def __init__(self, left, operator: str, right):
        self.operator, self.width = operator, len(left)
        super().__init__(*left, *right)

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        left, right = ", ".join(parts[: self.width]), ", ".join(parts[self.width :])
        return f"({left}) {self.operator} ({right})", params


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True
    counted: tuple[int, bool] = (0, False)
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_next(self):
        return bool(self.next_cursor)

    @property
    def has_previous(self):
        return bool(self.previous_cursor)

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def keyset_paginate(request, queryset, *, order: tuple[str, ...], per_page: int = PAGE_SIZE) -> KeysetPage:
    """The page after `?after=` (or before `?before=`) in `order` — field names ending with a unique
    one (the primary key), all ascending or all descending (`-name`: an index on the fields serves
    both directions). A cursor that cannot be read starts at the first page. The key values are
    compared as strings cast to each field's type by PostgreSQL."""
    descending = order[0].startswith("-")
    if any(name.startswith("-") != descending for name in order):
        raise ValueError("keyset order: all fields ascending or all descending")
    names = tuple(name.removeprefix("-") for name in order)
    forward, backward = ("<", ">") if descending else (">", "<")
    reverse = names if descending else tuple(f"-{name}" for name in names)
    model_fields = [queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name) for name in names]
    key = [F(name) for name in names]

    def bound(values):
        return [Value(value, output_field=f) for value, f in zip(values, model_fields, strict=True)]

    def checked(values):
        try:
            return [f.to_python(v) for v, f in zip(values, model_fields, strict=True)] if values else None
        except ValidationError:
            return None

    after = checked(_decode(request.GET.get("after"), len(names)))
    before = None if after else checked(_decode(request.GET.get("before"), len(names)))
    if before:
        rows = list(queryset.filter(RowComparison(key, backward, bound(before))).order_by(*reverse)[: per_page + 1])
        if len(rows) > per_page:
            rows, more_before, more_after = rows[:per_page][::-1], True, True
        else:
            before = None  # back at the start: the first page, full
    if not before:
        qs = queryset.filter(RowComparison(key, forward, bound(after))) if after else queryset
        rows = list(qs.order_by(*order)[: per_page + 1])
        more_after = len(rows) > per_page
        rows = rows[:per_page]
        more_before = bool(after)

    def cursor(row):
        return keyset_cursor([getattr(row, name) for name in names])

    return KeysetPage(
        object_list=rows,
        next_cursor=cursor(rows[-1]) if rows and more_after else "",
        previous_cursor=cursor(rows[0]) if rows and more_before else "",
        is_first=not more_before,
    )

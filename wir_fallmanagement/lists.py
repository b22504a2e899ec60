"""Staff lists that remember and sort (one place for every list, next to the FilterSets).

- `remembered(request, key)`: a list's filters, sort order and page stay in the session. Opening
  the bare list URL (the navigation) brings back the last view by a redirect to its query string;
  `?reset=1` ("Filter zurücksetzen") forgets it. The page is kept as it is in the URL: `?page=` of
  numbered lists, the `?after=` / `?before=` cursor of keyset lists (a cursor names the row the page
  starts after, so the remembered page stays valid while rows are added).
- `register_export`: the lists that can be exported (cases/exports.py writes them), registered by
  each app in its `AppConfig.ready()`.
- `SortOrder`: `?sort=<column>` or `?sort=-<column>` for the columns a list allows; anything else
  is the default order. Each column orders by indexed fields with the primary key last, so the
  order is stable across pages. A keyset list (the client list) offers only columns whose fields
  are one index, so the chosen order is also the keyset (`ListRows.keyset`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponseRedirect, QueryDict

SESSION_KEY = "wir_lists"
RESET = "reset"
MAX_QUERY = 2000  # longer query strings are not kept (nothing a filter form produces)


def remembered(request, key: str) -> HttpResponseRedirect | None:
    """A redirect to the remembered view of list `key`, or None after remembering this one."""
    saved = request.session.get(SESSION_KEY, {})
    if RESET in request.GET:
        saved.pop(key, None)
        request.session[SESSION_KEY] = saved
        return HttpResponseRedirect(request.path)
    query = request.GET.urlencode()
    if not query:
        if saved.get(key):
            return HttpResponseRedirect(f"{request.path}?{saved[key]}")
        return None
    if len(query) <= MAX_QUERY and saved.get(key) != query:
        saved[key] = query
        request.session[SESSION_KEY] = saved
    return None


PAGE_PARAMS = ("page", "after", "before")  # the position in a list, not a filter


def is_filtered(params: QueryDict) -> bool:
    return any(value for name, value in params.items() if name not in PAGE_PARAMS)


@dataclass(frozen=True)
class Column:
    key: str
    href: str
    aria_sort: str  # "ascending", "descending" or "none"


class SortOrder:
    """`columns` maps a column's name to the fields it orders by ascending (the primary key last);
    descending reverses every field. `default` "" means no column: the caller's own order (the
    rank of a search)."""

    PARAM = "sort"

    def __init__(self, params: QueryDict, columns: dict[str, tuple[str, ...]], default: str):
        self.params, self.columns = params, columns
        value = params.get(self.PARAM, "")
        name = value.removeprefix("-")
        if name not in columns:
            value = default
            name = default.removeprefix("-")
        self.value, self.name, self.descending = value, name, value.startswith("-")

    def order_by(self) -> list[str]:
        if not self.name:
            return []
        fields = self.columns[self.name]
        if not self.descending:
            return list(fields)
        return [f.removeprefix("-") if f.startswith("-") else f"-{f}" for f in fields]

    def apply(self, queryset):
        return queryset.order_by(*self.order_by())

    @property
    def links(self) -> dict[str, Column]:
        """Per column: the link that sorts by it (ascending first, then the other way) and its aria-sort."""
        result = {}
        for name in self.columns:
            current = name == self.name
            target = f"-{name}" if current and not self.descending else name
            params = self.params.copy()
            for name_of_position in PAGE_PARAMS:  # a new order starts at its beginning
                params.pop(name_of_position, None)
            params[self.PARAM] = target
            aria = ("descending" if self.descending else "ascending") if current else "none"
            result[name] = Column(key=name, href=f"?{params.urlencode()}", aria_sort=aria)
        return result


@dataclass(frozen=True)
class ListRows:
    """What a list shows: its FilterSet (for the form), its sort order and the ordered rows. The list
    view pages through `queryset`; the export writes all of it. `keyset`: the order of the keyset
    pages (`pagination.keyset_paginate`) when the list is too long to number; `found`: (count,
    capped) when the rows are already a capped set (the ranked hits of a search)."""

    filterset: object
    sort: SortOrder | None
    queryset: object
    keyset: tuple[str, ...] | None = None
    found: tuple[int, bool] | None = None


@dataclass(frozen=True)
class ExportableList:
    """A staff list that can be exported. `rows(user, params)` is the function the list view uses
    (so the file has the page's rows); `resource` its `…ExportResource`; `client_field` the rows'
    path to their client for the access log (None: no clients in it)."""

    name: str  # in the URL: /exports/<name>/
    filename: str  # the file is called <filename>-<date>.<csv|xlsx>
    rows: Callable[..., ListRows]
    resource: type
    client_field: str | None = "pk"


EXPORTABLE: dict[str, ExportableList] = {}


def register_export(*exportables: ExportableList) -> None:
    for exportable in exportables:
        EXPORTABLE[exportable.name] = exportable

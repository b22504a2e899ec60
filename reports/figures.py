"""The whole team's figures for a month, quarter or year, counted once and then kept exactly as
long as they are right.

Counting the whole team at 1,000,000 clients takes many seconds (see bench/reports.py), so the
result is stored in `FiguresSnapshot` together with the database snapshot it was counted from
(`pg_current_snapshot()`, taken before the first count). A statement trigger on every table the
figures read (migration reports/0003) notes each transaction that writes to one of them in
`FiguresChange` -- whatever the path: ORM, bulk, raw SQL, history restore, erasure, Art. 18
restriction, TRUNCATE. A stored snapshot is used only while every noted transaction was already
visible to its snapshot and it was counted today (follow-ups "overdue" depend on the day);
otherwise the figures are counted afresh, on the page or by the task worker
(`reports.refresh_figures`), and stored again. So the page never shows an out-of-date number:
it shows stored figures only when they equal a fresh count, with the time they were counted.

The same holds for a caseworker's own figures and a narrowed view (one municipality or
caseworker): each scope is stored under its own key (`scope_key`). A free date range is always
counted live.
"""

import calendar
import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language

from accounts.models import Role, User
from cases.models import Municipality

from .models import FiguresSnapshot
from .statistics import Period, Scope, Section, Table, compute, measure_table

#: An advisory lock key: held shared while figures are counted, exclusively to forget changes.
COUNTING_LOCK = 0x5245504F  # "REPO"

_STORED_SQL = """
SELECT s.tables, s.computed_at, NOT EXISTS (
    SELECT 1 FROM reports_figureschange c
    WHERE (c.transaction_id >= pg_snapshot_xmin(s.snapshot::pg_snapshot)::text::bigint
           AND NOT pg_visible_in_snapshot(c.transaction_id::text::xid8, s.snapshot::pg_snapshot))
       OR c.transaction_id = pg_current_xact_id_if_assigned()::text::bigint
  ) AS current
FROM reports_figuressnapshot s
WHERE s.first = %s AND s.last = %s AND s.language = %s AND s.scope = %s AND s.computed_on = %s
"""


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):  # kept a Decimal (DjangoJSONEncoder would make it a string)
            return {"decimal": str(o)}
        return super().default(o)


def _value(value):
    return Decimal(value["decimal"]) if isinstance(value, dict) else value


def encode(sections: list[Section]) -> list:
    """The sections as JSON values, Decimals kept as Decimals (see `decode`)."""
    return json.loads(
        _Encoder().encode(
            [
                {
                    "title": section.title,
                    "tables": [
                        {**table.__dict__, "counts": sorted(table.counts), "rows": table.rows}
                        for table in section.tables
                    ],
                }
                for section in sections
            ]
        )
    )


def decode(stored: list) -> list[Section]:
    return [
        Section(
            section["title"],
            [
                Table(
                    **{
                        **table,
                        "counts": set(table["counts"]),
                        "rows": [(label, [_value(v) for v in values]) for label, values in table["rows"]],
                    }
                )
                for table in section["tables"]
            ],
        )
        for section in stored
    ]


def is_standard(period: Period) -> bool:
    """A whole month, quarter or year (the periods worth keeping; a free range is counted live)."""
    last_day = calendar.monthrange(period.last.year, period.last.month)[1]
    months = (period.last.month - period.first.month) + 1
    return (
        period.first.day == 1
        and period.last.day == last_day
        and period.first.year == period.last.year
        and (months == 1 or months == 12 or (months == 3 and period.first.month % 3 == 1))
    )


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def scope_key(scope: Scope) -> str:
    """Whose figures, as stored: "team" (team lead and administration count the same people),
    "own:<user>" for a caseworker's caseload, narrowed by " cw:<user>" and " mun:<municipality>"."""
    parts = ["team" if scope.user.sees_all_cases else f"own:{scope.user.pk}"]
    if scope.caseworker is not None:
        parts.append(f"cw:{scope.caseworker.pk}")
    if scope.municipality is not None:
        parts.append(f"mun:{scope.municipality.pk}")
    return " ".join(parts)


def scope_of(key: str, period: Period) -> Scope | None:
    """The Scope a stored key stands for (None if its people or places no longer exist)."""
    fields, user = {}, User(role=Role.TEAMLEAD)  # not saved: the team lead's view, all cases
    for part in key.split():
        kind, _sep, pk = part.partition(":")
        if kind == "own":
            user = User.objects.filter(pk=pk, role=Role.CASEWORKER, is_active=True).first()
        elif kind == "cw":
            fields["caseworker"] = User.objects.filter(pk=pk).first()
        elif kind == "mun":
            fields["municipality"] = Municipality.objects.filter(pk=pk).first()
    if user is None or None in fields.values():
        return None
    return Scope(user=user, period=period, **fields)


def _stored(scope: Scope) -> tuple[list, datetime.datetime, bool] | None:
    """The stored figures of `scope` counted today: (tables, when, still equal to a fresh count)."""
    period = scope.period
    with connection.cursor() as cursor:
        cursor.execute(_STORED_SQL, [period.first, period.last, _language(), scope_key(scope), timezone.localdate()])
        return cursor.fetchone()


def stored(scope: Scope) -> tuple[list[Section], datetime.datetime] | None:
    """The stored figures of `scope` and when they were counted, if they still equal a fresh
    count; else None."""
    row = _stored(scope)
    if row is None or not row[2]:
        return None
    tables, computed_at, _current = row
    return decode(json.loads(tables) if isinstance(tables, str) else tables), computed_at


def _todays(sections: list[Section]) -> list[Section]:
    """The places of the measures are today's, whenever the rest was counted."""
    for section in sections:
        section.tables = [measure_table() if table.key == "measures" else table for table in section.tables]
    return sections


def count_and_store(scope: Scope) -> list[Section]:
    """Count `scope`'s figures; keep them if they are for a whole month, quarter or year."""
    if not is_standard(scope.period):
        return compute(scope)
    # No savepoint: nothing here is caught and retried (one transaction with the counting's own).
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            # The snapshot before the first count; the shared lock keeps forget_changes() away.
            cursor.execute("SELECT pg_current_snapshot()::text, pg_advisory_xact_lock_shared(%s)", [COUNTING_LOCK])
            snapshot = cursor.fetchone()[0]
        sections = compute(scope)
        FiguresSnapshot.objects.bulk_create(
            [
                FiguresSnapshot(
                    first=scope.period.first,
                    last=scope.period.last,
                    language=_language(),
                    scope=scope_key(scope),
                    snapshot=snapshot,
                    computed_at=timezone.now(),
                    computed_on=timezone.localdate(),
                    tables=encode(sections),
                )
            ],
            update_conflicts=True,
            unique_fields=["first", "last", "language", "scope"],
            update_fields=["snapshot", "computed_at", "computed_on", "tables"],
        )
    return sections


def figures(scope: Scope) -> tuple[list[Section], datetime.datetime | None]:
    """`scope`'s figures and when they were counted (None: just now) -- always equal to a fresh
    count (the yearly report and everything else that leaves the system)."""
    if is_standard(scope.period):
        kept = stored(scope)
        if kept is not None:
            sections, computed_at = kept
            return _todays(sections), computed_at
    return count_and_store(scope), None


@dataclass
class Shown:
    """What the statistics page shows: the figures, when they were counted (None: for this
    request) and whether the counted data has changed since (then the page says so)."""

    sections: list[Section]
    counted_at: datetime.datetime | None = None
    changed_since: bool = False


def for_page(scope: Scope, *, recount: bool = False) -> Shown:
    """The statistics page's figures. Like `figures`, but when the counted data changed after the
    whole team's figures were counted, figures younger than WIR_FIGURES_RECENT_MINUTES are
    shown with their time and a note that they changed (the worker counts again every ten
    minutes; "Jetzt neu zählen" -- `recount` -- counts for this request). Never silently: the
    page states which it is."""
    if is_standard(scope.period) and not recount:
        row = _stored(scope)
        recent = timezone.now() - datetime.timedelta(minutes=settings.WIR_FIGURES_RECENT_MINUTES)
        if row is not None and (row[2] or row[1] >= recent):
            tables, computed_at, current = row
            sections = decode(json.loads(tables) if isinstance(tables, str) else tables)
            return Shown(_todays(sections), computed_at, changed_since=not current)
    return Shown(count_and_store(scope))


def refresh(*, today: datetime.date | None = None) -> int:
    """Count figures again where they are out of date (the task worker does this every ten
    minutes): the whole team's of this year and last year, and every other figures of these years
    that were counted today or yesterday (someone looks at them; after midnight they are ready
    again before the first visit). Then forget the changes no stored snapshot
    needs any more. Returns how many were counted."""
    today = today or timezone.localdate()
    viewed = FiguresSnapshot.objects.filter(
        computed_on__gte=today - datetime.timedelta(days=1),
        language=settings.LANGUAGE_CODE,
        first__year__gte=today.year - 1,
    ).values_list("first", "last", "scope")
    wanted = set(viewed)
    wanted.update((year.first, year.last, "team") for year in (Period.year(today.year), Period.year(today.year - 1)))
    counted = 0
    with translation.override(settings.LANGUAGE_CODE):
        for first, last, key in sorted(wanted):
            scope = scope_of(key, Period(first, last, label=""))
            if scope is not None and stored(scope) is None:
                count_and_store(scope)
                counted += 1
    forget_changes()
    return counted


def forget_changes() -> None:
    """Delete the noted changes every stored snapshot already includes (a snapshot counted later
    includes them too). Not while figures are being counted: a count in progress may have taken
    its snapshot before such a change, so the lock waits for nobody and tries again next time."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [COUNTING_LOCK])
        if cursor.fetchone()[0]:
            cursor.execute(
                "DELETE FROM reports_figureschange c WHERE NOT EXISTS (SELECT 1 FROM reports_figuressnapshot s "
                "WHERE NOT pg_visible_in_snapshot(c.transaction_id::text::xid8, s.snapshot::pg_snapshot))"
            )

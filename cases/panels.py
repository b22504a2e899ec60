"""The panels of the cases app on the staff dashboard (registered in CasesConfig.ready()).

The dashboard leads with counts and keeps every list short (PANEL_ROWS rows, then a link or
"… und weitere"). Every count is read from an index or from OpenCaseCount (kept by triggers),
so the dashboard costs the same with a thousand or a million clients."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.utils import timezone

from wir_fallmanagement.extensions import Panel
from wir_fallmanagement.pagination import capped_count_column, capped_total

from .models import Case, Client, Consent, FollowUp, OpenCaseCount

EXPIRY_WINDOW = datetime.timedelta(days=30)
EXPIRED_SHOWN = datetime.timedelta(days=90)
PANEL_ROWS = 5
# "mehr als 200": a caseworker's follow-ups due within a week counted up to this (as their own list,
# cases/filters.py OWN_CLIENTS_COUNT_CAP); more than that is a list to work through, not to count.
FOLLOWUP_COUNT_CAP = 200


def _open_counts(user):
    """({status: n}, rows per caseworker for team leads) from the trigger-kept counts."""
    counts = OpenCaseCount.objects.filter(n__gt=0)
    if not user.sees_all_cases:
        counts = counts.filter(caseworker=user)
    rows = list(counts.values("caseworker_id", "caseworker__full_name", "status", "n"))
    by_status = dict.fromkeys((Case.Status.INTAKE, Case.Status.ACTIVE, Case.Status.DORMANT), 0)
    per_caseworker = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        entry = per_caseworker.setdefault(
            row["caseworker_id"],
            {"id": row["caseworker_id"], "name": row["caseworker__full_name"], "n": 0, "intake": 0},
        )
        entry["n"] += row["n"]
        if row["status"] == Case.Status.INTAKE:
            entry["intake"] += row["n"]
    by_caseworker = sorted(per_caseworker.values(), key=lambda e: e["name"] or "") if user.sees_all_cases else []
    return by_status, by_caseworker


def _capped_followup_counts(overdue: int, counted: int) -> dict:
    """(n, capped) for the overdue follow-ups and those due this week, from the first
    FOLLOWUP_COUNT_CAP + 1 in due order of which `overdue` are overdue; the week's None when even the
    overdue ones are more than the cap (its number is then unknown)."""
    cap = FOLLOWUP_COUNT_CAP
    if counted <= cap:
        return {"overdue": (overdue, False), "week": (counted - overdue, False)}
    if overdue > cap:
        return {"overdue": (cap, True), "week": None}
    return {"overdue": (overdue, False), "week": (cap - overdue, True)}


def _mine(user, field="pk"):
    """For a caseworker: the rows of clients with an open case of theirs (an index probe per row)."""
    return Exists(Case.objects.open().filter(client=OuterRef(field), caseworker=user))


def dashboard_panels(request):
    user = request.user
    if not user.is_back_office:
        return []
    today = timezone.localdate()
    week = today + datetime.timedelta(days=7)
    by_status, by_caseworker = _open_counts(user)

    followups = FollowUp.objects.open().visible_to(user).filter(owner=user, due_on__lte=week)
    # Counted in the query that reads the first rows (one uncorrelated subquery, run once) over the
    # first FOLLOWUP_COUNT_CAP + 1 in due order: the overdue ones come first, so their number is
    # exact up to the cap, and each is checked against the user's cases one by one (index probes)
    # instead of all their cases being read. (Due dates are counted: never empty, in the index.)
    counted = FollowUp.objects.open().visible_to(user, one_by_one=True).filter(owner=user, due_on__lte=week)
    first = counted.order_by("due_on", "pk").values("due_on")[: FOLLOWUP_COUNT_CAP + 1]
    sql, params = first.query.sql_with_params()
    counting = f"SELECT ARRAY[count(*) FILTER (WHERE due_on < %s), count(*)] FROM ({sql}) first"  # noqa: S608  # nosec B608 -- our QuerySet's SQL, values passed apart
    both = RawSQL(counting, [today, *params], output_field=ArrayField(BigIntegerField()))  # noqa: S611  # nosec B611
    due = list(followups.annotate(n=both).select_related("client").order_by("due_on", "pk")[: 2 * PANEL_ROWS])
    overdue_n, counted_n = due[0].n if due else (0, 0)
    followup_counts = _capped_followup_counts(overdue_n, counted_n)

    permits = Client.objects.filter(
        residence_valid_until__gte=today - EXPIRED_SHOWN, residence_valid_until__lte=today + EXPIRY_WINDOW
    )
    # (valid_on() already means valid_until >= today; said again as a range of the index consent_valid_until)
    consents = Consent.objects.valid_on(today).filter(valid_until__gte=today, valid_until__lte=today + EXPIRY_WINDOW)
    if user.sees_all_cases:  # counted (up to a cap) in the query that reads the first rows
        permits = permits.annotate(n_total=capped_count_column(permits))
        consents = consents.annotate(n_total=capped_count_column(consents))
    else:  # a caseworker: only their own clients; the short lists say whether there are more
        permits, consents = permits.filter(_mine(user)), consents.filter(_mine(user, "client_id"))
    permit_rows = list(permits.order_by("residence_valid_until", "pk")[: PANEL_ROWS + 1])
    consent_rows = list(
        consents.select_related("client", "recipient_volunteer", "recipient_provider").order_by("valid_until", "pk")[
            : PANEL_ROWS + 1
        ]
    )
    permit_count = consent_count = None
    if user.sees_all_cases:
        permit_count, consent_count = capped_total(permit_rows, "n_total"), capped_total(consent_rows, "n_total")
    overview = {
        "open": sum(by_status.values()),
        "intake": by_status.get(Case.Status.INTAKE, 0),
        "dormant": by_status.get(Case.Status.DORMANT, 0),
        "overdue": followup_counts["overdue"],
        "due_week": followup_counts["week"],
        "permits": permit_count or (min(len(permit_rows), PANEL_ROWS), len(permit_rows) > PANEL_ROWS),
        "consents": consent_count or (min(len(consent_rows), PANEL_ROWS), len(consent_rows) > PANEL_ROWS),
    }
    return [
        Panel("cases/panels/overview.html", {"overview": overview, "by_caseworker": by_caseworker}, order=5),
        Panel(
            "cases/panels/followups.html",
            {
                "overdue": [f for f in due if f.due_on < today][:PANEL_ROWS],
                "this_week": [f for f in due if f.due_on >= today][:PANEL_ROWS],
                "overdue_count": followup_counts["overdue"],
                "week_count": followup_counts["week"],
            },
            order=10,
        ),
        Panel(
            "cases/panels/expiring.html",
            {
                "permits": permit_rows[:PANEL_ROWS],
                "permits_more": len(permit_rows) > PANEL_ROWS,
                "consents": consent_rows[:PANEL_ROWS],
                "consents_more": len(consent_rows) > PANEL_ROWS,
                "today": today,
            },
            order=30,
        ),
    ]

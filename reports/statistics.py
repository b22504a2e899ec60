"""The figures of the statistics page and the yearly report, counted in the database.

Everything starts from the *scope*: the cases the user may see (a caseworker their own, team
lead and administration all) that were open at some point of the period, narrowed to one
municipality or caseworker if asked. A person counts once however many cases they had. Each
group of figures is one query (the people's six breakdowns share one, with GROUPING SETS), so
the number of queries does not grow with the data.

The result is a list of `Table`s that the page, the PDF and the XLSX all show the same way.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Count, Exists, F, Func, IntegerField, OuterRef, Q, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from accounts.models import Role, User
from authorisations.models import Authorisation
from cases.models import Case, Client, Contact, FollowUp, Gender, Municipality, ResidenceStatus, Topic
from offers.models import ButApplication, ButCategory, ButExpense, Category, Offer, Referral
from volunteers.models import Assignment, Volunteer

#: Counts of people below this are shown as "< 3" in everything that leaves the system.
SMALL_CELL = 3

AGE_BANDS = [
    (0, 5, gettext_lazy("0–5 Jahre")),
    (6, 17, gettext_lazy("6–17 Jahre")),
    (18, 26, gettext_lazy("18–26 Jahre")),
    (27, 44, gettext_lazy("27–44 Jahre")),
    (45, 64, gettext_lazy("45–64 Jahre")),
    (65, 200, gettext_lazy("65 Jahre und älter")),
]
HOUSEHOLD_SIZES = ["1", "2", "3", "4", "5", "6+"]


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date
    label: str

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


@dataclass(frozen=True)
class Scope:
    """Whose figures: the user's visible cases, optionally one municipality or caseworker."""

    user: User
    period: Period
    municipality: Municipality | None = None
    caseworker: User | None = None

    @property
    def is_whole_team(self) -> bool:
        return self.user.sees_all_cases and self.municipality is None and self.caseworker is None

    def cases(self):
        period = self.period
        cases = (
            Case.objects.visible_to(self.user)
            # People whose processing is restricted (Art. 18 GDPR) are counted by nobody, not
            # even by the administration, which may otherwise see their cases.
            .filter(client__restricted_at__isnull=True)
            .filter(opened_on__lte=period.last)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.first))
        )
        if self.caseworker is not None:
            cases = cases.filter(caseworker=self.caseworker)
        if self.municipality is not None:
            cases = cases.filter(client__municipality=self.municipality)
        return cases

    #: Set by `materialised()`: the people of the scope are in the temporary table `reports_scope`.
    materialised_people: bool = False

    def people(self) -> tuple[str, list]:
        """SQL of the scope's people, one row each: `client_id` and whether one of their cases was
        opened in the period (`new`), closed in it (`closed`) or still open at its end (`still_open`)."""
        if self.materialised_people:
            return "reports_scope", []
        period = self.period
        sql, params = self.cases().order_by().values("client_id", "opened_on", "closed_on").query.sql_with_params()
        return (
            "(SELECT client_id, bool_or(opened_on >= %s) AS new, bool_or(closed_on <= %s) AS closed, "  # noqa: S608  # nosec B608 -- our own SQL
            "bool_or(closed_on IS NULL OR closed_on > %s) AS still_open "
            f"FROM ({sql}) AS scope_cases GROUP BY client_id)",
            [period.first, period.last, period.last, *params],
        )

    def client_ids(self):
        if self.materialised_people:
            return RawSQL("SELECT client_id FROM reports_scope", ())
        return self.cases().order_by().values("client_id")

    @contextmanager
    def materialised(self):
        """The scope's people counted once into a temporary table (with statistics, so that each
        figure's plan knows whether it is 50 or 900,000 people), inside one transaction that also
        switches off JIT compilation (it costs more than it saves on these one-off aggregates) and
        lets PostgreSQL use `WIR_REPORT_PARALLEL_WORKERS` parallel workers per query and plan with
        the default cost of a random read (4): the server runs pages without parallel workers and
        with the cost of SSDs (1.1, docs/operations.md, "PostgreSQL settings"), which suits a page's
        index probes, but these scans of a whole year's cases are faster read in sequence and in
        parallel (at 1M: 11.8 s with the pages' settings, 7.5 s with these)."""
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            sql, params = self.people()
            cursor.execute(
                "SELECT set_config('max_parallel_workers_per_gather', %s, true), set_config('random_page_cost', '4', true)",
                [str(settings.WIR_REPORT_PARALLEL_WORKERS)],
            )
            cursor.execute("SET LOCAL jit = off; DROP TABLE IF EXISTS reports_scope")
            cursor.execute(f"CREATE TEMPORARY TABLE reports_scope ON COMMIT DROP AS SELECT * FROM {sql} AS p", params)  # noqa: S608  # nosec B608 -- our own SQL, parameters passed apart
            cursor.execute("ALTER TABLE reports_scope ADD PRIMARY KEY (client_id); ANALYZE reports_scope")
            yield replace(self, materialised_people=True)


@dataclass
class Table:
    """One group of figures: a header, labelled rows of values, and which columns count people
    (those are suppressed when small in anything that leaves the system)."""

    key: str
    title: str
    header: list[str]
    rows: list[tuple[str, list]]
    counts: set[int] = field(default_factory=lambda: {0})
    chart: bool = True
    note: str = ""

    def value(self, label: str, column: int = 0):
        """The value in row `label` (tests and the chart use it)."""
        for row_label, values in self.rows:
            if row_label == label:
                return values[column]
        raise KeyError(label)

    def chart_bars(self) -> list[tuple[str, int]]:
        return [(label, values[0] or 0) for label, values in self.rows]


def suppressed(value, *, is_count: bool):
    """What a cell shows outside the system: 1 or 2 people become "< 3"."""
    if is_count and isinstance(value, int) and 0 < value < SMALL_CELL:
        return f"< {SMALL_CELL}"
    return value


def hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _days_between(later, earlier):
    """`later - earlier` for two dates in whole days (PostgreSQL's date subtraction)."""
    return Func(later, earlier, template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField())


# ---------------------------------------------------------------------------------------------
# The groups of figures
# ---------------------------------------------------------------------------------------------


def case_tables(scope: Scope) -> list[Table]:
    period = scope.period
    people_sql, people_params = scope.people()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE new), count(*) FILTER (WHERE closed), "  # noqa: S608  # nosec B608 -- our own SQL
            f"count(*) FILTER (WHERE still_open) FROM {people_sql} AS p",
            people_params,
        )
        totals = dict(zip(["people", "new", "closed", "still_open"], cursor.fetchone(), strict=True))
    reasons = dict(
        scope.cases()
        .order_by()
        .filter(closed_on__lte=period.last)
        .values_list("closing_reason")
        .annotate(n=Count("client", distinct=True))
        .values_list("closing_reason", "n")
    )
    return [
        Table(
            "people",
            _("Begleitete Personen"),
            [_("Personen")],
            [
                (_("begleitet im Zeitraum"), [totals["people"]]),
                (_("neu aufgenommen"), [totals["new"]]),
                (_("Begleitung abgeschlossen"), [totals["closed"]]),
                (_("am Ende des Zeitraums weiter begleitet"), [totals["still_open"]]),
            ],
        ),
        Table(
            "closing_reasons",
            _("Abschlüsse nach Grund"),
            [_("Personen")],
            [(label, [reasons.get(value, 0)]) for value, label in Case.ClosingReason.choices],
        ),
    ]


_PEOPLE_SQL = """
WITH people AS MATERIALIZED (
    -- one pass over the people in scope; the sizes of their households only (not of every household)
    SELECT c.gender, {age} AS age_band, c.nationalities, c.residence_status, c.municipality_id, c.household_id
    FROM cases_client c
    WHERE c.id IN ({scope})
), households AS (
    -- the members the user may see (as on the household page), never restricted ones
    {households}
)
SELECT GROUPING(gender, age_band, nationalities, residence_status, municipality, household) AS set_id,
       gender, age_band, nationalities, residence_status, municipality, household, count(*)
FROM (
    SELECT p.gender, p.age_band, p.nationalities, p.residence_status,
           COALESCE(m.name, '') AS municipality, COALESCE(h.size, 0) AS household
    FROM people p
    LEFT JOIN cases_municipality m ON m.id = p.municipality_id
    LEFT JOIN households h ON h.household_id = p.household_id
) AS x
GROUP BY GROUPING SETS ((gender), (age_band), (nationalities), (residence_status), (municipality), (household))
"""


def _age_band_sql(day: datetime.date) -> tuple[str, list]:
    age = (
        "(%s - c.birth_year - CASE WHEN (COALESCE(c.birth_month, 1), COALESCE(c.birth_day, 1)) > (%s, %s) "
        "THEN 1 ELSE 0 END)"
    )
    whens, params = [], []
    for number, (_low, high, _label) in enumerate(AGE_BANDS):
        whens.append(f"WHEN {age} <= %s THEN {number}")
        params += [day.year, day.month, day.day, high]
    return "CASE " + " ".join(whens) + f" ELSE {len(AGE_BANDS) - 1} END", params


def household_sizes(user) -> tuple[str, list]:
    """SQL of (household_id, size) for the households of the CTE `people`: the members `user` may
    see (`visible_with_dependants`, the household page's rule), without restricted people (Art. 18)
    — a household's size must not tell of a colleague's client."""
    members = (
        Client.objects.visible_with_dependants(user)
        .unrestricted()
        .filter(household_id__in=RawSQL("SELECT household_id FROM people", ()))
        .order_by()
        .values("household_id")
        .annotate(size=Count("pk"))
    )
    return members.query.sql_with_params()


def people_tables(scope: Scope) -> list[Table]:
    """Gender, age band (at the end of the period), residence status, municipality and household
    size and nationalities of the people accompanied: one scan, six groupings."""
    scope_sql, scope_params = scope.people()
    scope_sql = f"SELECT client_id FROM {scope_sql} AS p"  # noqa: S608  # nosec B608 -- our own SQL
    age_sql, age_params = _age_band_sql(scope.period.last)
    households_sql, households_params = household_sizes(scope.user)
    sql = _PEOPLE_SQL.format(scope=scope_sql, age=age_sql, households=households_sql)  # in this order in the text
    with connection.cursor() as cursor:
        cursor.execute(sql, [*age_params, *scope_params, *households_params])
        rows = cursor.fetchall()
    # GROUPING(...) has a 1 for each column not grouped in that set: set k leaves out bit 5-k.
    dimensions = [{} for _ in range(6)]
    for set_id, *values, count in rows:
        for k in range(6):
            if set_id == 0b111111 ^ (1 << (5 - k)):
                dimensions[k][values[k]] = count
    gender, age, combinations, residence, municipality, household = dimensions
    # A person with two nationalities counts under each (django-countries stores them sorted, so no
    # order says which one is "first"): the few distinct combinations are split here.
    nationality = {}
    for combination, count in combinations.items():
        for code in combination.split(",") if combination else [None]:
            nationality[code] = nationality.get(code, 0) + count

    def other(counter: dict, known) -> list:
        return [counter.get(value, 0) for value in known]

    nationality_rows = sorted(
        ((str(countries.name(code)) if code else _("nicht erfasst"), [n]) for code, n in nationality.items()),
        key=lambda row: (-row[1][0], row[0]),
    )
    municipality_rows = sorted(
        ((name or _("nicht erfasst"), [n]) for name, n in municipality.items()), key=lambda row: row[0]
    )
    household_rows = [(_("keine Bedarfsgemeinschaft erfasst"), [household.get(0, 0)])]
    for index, label in enumerate(HOUSEHOLD_SIZES, start=1):
        count = household.get(index, 0) if label != "6+" else sum(n for size, n in household.items() if size >= 6)
        household_rows.append((_("%(n)s Person(en)") % {"n": label}, [count]))
    residence_rows = [(label, [residence.get(value, 0)]) for value, label in ResidenceStatus.choices]
    residence_rows.append((_("nicht erfasst"), [residence.get("", 0)]))
    return [
        Table(
            "gender",
            _("Nach Geschlecht"),
            [_("Personen")],
            [(label, [n]) for (_v, label), n in zip(Gender.choices, other(gender, Gender.values), strict=True)],
        ),
        Table(
            "age",
            _("Nach Alter (am Ende des Zeitraums)"),
            [_("Personen")],
            [(str(label), [age.get(number, 0)]) for number, (_l, _h, label) in enumerate(AGE_BANDS)],
        ),
        Table(
            "nationality",
            _("Nach Staatsangehörigkeit"),
            [_("Personen")],
            nationality_rows,
            note=_("Wer mehrere Staatsangehörigkeiten hat, zählt bei jeder."),
        ),
        Table("residence", _("Nach Aufenthaltsstatus"), [_("Personen")], residence_rows),
        Table("municipality", _("Nach Kommune"), [_("Personen")], municipality_rows),
        Table(
            "household",
            _("Nach Größe der Bedarfsgemeinschaft"),
            [_("Personen")],
            household_rows,
            note=_("Mitglieder der Bedarfsgemeinschaft, die erfasst sind (auch ohne eigenen Fall)."),
        ),
    ]


def contact_tables(scope: Scope) -> list[Table]:
    period = scope.period
    contacts = Contact.objects.filter(client_id__in=scope.client_ids(), date__gte=period.first, date__lte=period.last)
    # The channels and the totals in one pass: GROUPING SETS ((channel), ()).
    figures_sql, figures_params = contacts.values(
        "channel", "client_id", "duration_minutes", "from_volunteer"
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GROUPING(channel) = 1, channel, count(*), count(DISTINCT client_id), sum(duration_minutes), "  # noqa: S608  # nosec B608 -- the SQL of our own QuerySet, parameters passed apart
            "count(*) FILTER (WHERE from_volunteer), sum(duration_minutes) FILTER (WHERE from_volunteer) "
            f"FROM ({figures_sql}) AS x GROUP BY GROUPING SETS ((channel), ())",
            figures_params,
        )
        by_channel, topics = {}, None
        for is_total, channel, n, people, minutes, volunteer, volunteer_minutes in cursor.fetchall():
            if is_total:
                topics = {"total": n, "people": people, "minutes": minutes}
                topics |= {"volunteer": volunteer, "volunteer_minutes": volunteer_minutes}
            else:
                by_channel[channel] = {"n": n, "people": people, "minutes": minutes}
    # Topics: one pass over the contacts' topic arrays (not one containment test per topic).
    topics_sql, topics_params = contacts.values("topics").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t, count(*) FROM ({topics_sql}) AS x CROSS JOIN LATERAL unnest(x.topics) AS t GROUP BY t",  # noqa: S608  # nosec B608 -- the SQL of our own QuerySet, parameters passed apart
            topics_params,
        )
        per_topic = dict(cursor.fetchall())
    channel_rows = [
        (
            label,
            [
                by_channel.get(value, {}).get("n", 0),
                by_channel.get(value, {}).get("people", 0),
                hours(by_channel.get(value, {}).get("minutes")),
            ],
        )
        for value, label in Contact.Channel.choices
    ]
    return [
        Table(
            "contacts",
            _("Beratungskontakte"),
            [_("Anzahl"), _("Personen"), _("Stunden")],
            [
                (_("Kontakte insgesamt"), [topics["total"], topics["people"], hours(topics["minutes"])]),
                (
                    _("davon von Ehrenamtlichen erfasst"),
                    [topics["volunteer"], None, hours(topics["volunteer_minutes"])],
                ),
            ],
            counts={1},
            chart=False,
        ),
        Table(
            "contact_channels",
            _("Kontakte nach Art"),
            [_("Anzahl"), _("Personen"), _("Stunden")],
            channel_rows,
            counts={1},
        ),
        Table(
            "contact_topics",
            _("Kontakte nach Thema"),
            [_("Anzahl")],
            [(label, [per_topic.get(value, 0)]) for value, label in Topic.choices],
            counts=set(),
            note=_("Ein Kontakt kann mehrere Themen haben."),
        ),
    ]


REFERRAL_COLUMNS = [
    Referral.Status.SUGGESTED,
    Referral.Status.REGISTERED,
    Referral.Status.PARTICIPATING,
    Referral.Status.COMPLETED,
    Referral.Status.CANCELLED,
    Referral.Status.WAITLIST,
]


def referral_tables(scope: Scope) -> list[Table]:
    period = scope.period
    referrals = Referral.objects.filter(client_id__in=scope.client_ids(), suggested_on__lte=period.last).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.first)
    )
    cells = {
        (row["offer__category"], row["status"]): row["n"]
        for row in referrals.values("offer__category", "status").annotate(n=Count("client", distinct=True))
    }
    categories = list(Category.objects.order_by("order", "name").values_list("pk", "name"))
    rows = []
    for pk, name in categories:
        values = [cells.get((pk, status), 0) for status in REFERRAL_COLUMNS]
        if any(values):
            rows.append((name, [sum(values), *values]))
    waiting = referrals.filter(registered_on__gte=period.first, registered_on__lte=period.last).aggregate(
        n=Count("pk"), average=Avg(_days_between(F("registered_on"), F("suggested_on")))
    )
    outcomes = dict(
        Referral.objects.filter(client_id__in=scope.client_ids(), ended_on__gte=period.first, ended_on__lte=period.last)
        .exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("client", distinct=True))
    )
    average = waiting["average"]
    return [
        Table(
            "referrals",
            _("Vermittlungen nach Kategorie und Status"),
            [_("insgesamt"), *[status.label for status in REFERRAL_COLUMNS]],
            rows,
            counts=set(range(len(REFERRAL_COLUMNS) + 1)),
            note=_("Personen je Kategorie und Stand am Ende des Zeitraums (eine Person kann mehrfach zählen)."),
        ),
        Table(
            "waiting",
            _("Wartezeit bis zur Anmeldung"),
            [_("Wert")],
            [
                (_("Anmeldungen im Zeitraum"), [waiting["n"]]),
                (
                    _("durchschnittliche Tage vom Vorschlag bis zur Anmeldung"),
                    [Decimal(average).quantize(Decimal("0.1")) if average is not None else None],
                ),
            ],
            counts=set(),
            chart=False,
        ),
        Table(
            "outcomes",
            _("Verbleib nach Maßnahmen mit fester Dauer"),
            [_("Personen")],
            [(label, [outcomes.get(value, 0)]) for value, label in Referral.Outcome.choices],
        ),
    ]


def measure_table() -> Table:
    """Places of the measures with a fixed duration (offer-level, the same for every scope)."""
    today = timezone.localdate()
    offers = (
        Offer.objects.active_on(today)
        .filter(duration_months__isnull=False)
        .with_occupancy()
        .order_by("title", "pk")
        .values("title", "capacity", "occupied", "waiting", "duration_months")
    )
    return Table(
        "measures",
        _("Maßnahmen mit fester Dauer: Plätze heute"),
        [_("Plätze"), _("belegt"), _("Warteliste"), _("Dauer (Monate)")],
        [(o["title"], [o["capacity"], o["occupied"], o["waiting"], o["duration_months"]]) for o in offers],
        counts={1, 2},
        chart=False,
    )


def but_tables(scope: Scope) -> list[Table]:
    period = scope.period
    ids = scope.client_ids()
    households = Client.objects.filter(pk__in=ids, household__isnull=False).values("household_id")
    applications = ButApplication.objects.filter(
        Q(child_id__in=ids)
        | (
            Q(child__household_id__in=households, child__restricted_at__isnull=True)
            & ~Exists(Case.objects.filter(client=OuterRef("child_id")))
        )
    )
    in_period = applications.filter(advised_on__gte=period.first, advised_on__lte=period.last)
    cells = {
        (row["category"], row["status"]): row
        for row in in_period.values("category", "status").annotate(n=Count("pk"), amount=Sum("amount"))
    }
    statuses = ButApplication.Status
    rows = []
    for value, label in ButCategory.choices:
        counts = [cells.get((value, status), {}).get("n", 0) for status in statuses.values]
        approved = cells.get((value, statuses.APPROVED), {}).get("amount") or Decimal("0.00")
        rows.append((label, [sum(counts), *counts, approved]))
    spent = ButExpense.objects.filter(
        application__in=applications, spent_on__gte=period.first, spent_on__lte=period.last
    ).aggregate(total=Sum("amount"), children=Count("application__child", distinct=True))
    return [
        Table(
            "but",
            _("BuT-Anträge nach Leistung und Status"),
            [_("insgesamt"), *statuses.labels, _("bewilligt (Euro)")],
            rows,
            counts=set(range(len(statuses.values) + 1)),
            note=_("Anträge mit Beratung im Zeitraum; Status heute."),
        ),
        Table(
            "but_spent",
            _("Ausgaben aus dem Teilhabebudget im Zeitraum"),
            [_("Wert")],
            [
                (_("Kinder"), [spent["children"]]),
                (_("Summe (Euro)"), [spent["total"] or Decimal("0.00")]),
            ],
            counts={0},
            chart=False,
        ),
    ]


def volunteer_tables(scope: Scope) -> list[Table]:
    period = scope.period
    ids = scope.client_ids()
    assignments = Assignment.objects.filter(client_id__in=ids, start_on__lte=period.last).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=period.first)
    )
    figures = assignments.aggregate(
        volunteers=Count("volunteer", distinct=True),
        assignments=Count("pk"),
        new=Count("pk", filter=Q(start_on__gte=period.first)),
    )
    volunteer_minutes = Contact.objects.filter(
        client_id__in=ids, from_volunteer=True, date__gte=period.first, date__lte=period.last
    ).aggregate(minutes=Sum("duration_minutes"))["minutes"]
    rows = [
        (_("Ehrenamtliche mit Begleitung im Zeitraum"), [figures["volunteers"]]),
        (_("Begleitungen im Zeitraum"), [figures["assignments"]]),
        (_("davon neu begonnen"), [figures["new"]]),
        (_("von Ehrenamtlichen erfasste Stunden"), [hours(volunteer_minutes)]),
    ]
    if scope.is_whole_team:
        new = Volunteer.objects.filter(created_at__date__gte=period.first, created_at__date__lte=period.last).count()
        rows.insert(1, (_("neu registrierte Ehrenamtliche"), [new]))
    statuses = dict(
        Authorisation.objects.filter(
            principal_id__in=ids, created_at__date__gte=period.first, created_at__date__lte=period.last
        )
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [
        Table("volunteers", _("Ehrenamt"), [_("Wert")], rows, counts=set(), chart=False),
        Table(
            "authorisations",
            _("Vollmachten nach Status"),
            [_("Anzahl")],
            [(label, [statuses.get(value, 0)]) for value, label in Authorisation.Status.choices],
            note=_("Im Zeitraum angelegte Vollmachten, Status heute."),
        ),
    ]


def followup_table(scope: Scope) -> Table:
    period = scope.period
    today = timezone.localdate()
    figures = FollowUp.objects.filter(
        client_id__in=scope.client_ids(), due_on__gte=period.first, due_on__lte=period.last
    ).aggregate(
        on_time=Count("pk", filter=Q(done_at__date__lte=F("due_on"))),
        late=Count("pk", filter=Q(done_at__date__gt=F("due_on"))),
        overdue=Count("pk", filter=Q(done_at__isnull=True, due_on__lt=today)),
        upcoming=Count("pk", filter=Q(done_at__isnull=True, due_on__gte=today)),
    )
    return Table(
        "followups",
        _("Wiedervorlagen mit Fälligkeit im Zeitraum"),
        [_("Anzahl")],
        [
            (_("rechtzeitig erledigt"), [figures["on_time"]]),
            (_("verspätet erledigt"), [figures["late"]]),
            (_("offen und überfällig"), [figures["overdue"]]),
            (_("offen, noch nicht fällig"), [figures["upcoming"]]),
        ],
        counts=set(),
    )


@dataclass
class Section:
    title: str
    tables: list[Table]


def compute(scope: Scope) -> list[Section]:
    """All figures for `scope`, grouped as the page and the report show them."""
    with scope.materialised() as scope:
        return [
            Section(_("Personen"), [*case_tables(scope), *people_tables(scope)]),
            Section(_("Beratung"), contact_tables(scope)),
            Section(_("Vermittlungen in Angebote"), [*referral_tables(scope), measure_table()]),
            Section(_("Bildung und Teilhabe"), but_tables(scope)),
            Section(_("Ehrenamt und Vollmachten"), volunteer_tables(scope)),
            Section(_("Wiedervorlagen"), [followup_table(scope)]),
        ]


def caseworkers():
    return User.objects.filter(role=Role.CASEWORKER).order_by("full_name", "pk")

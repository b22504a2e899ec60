"""A known data set for the figures of 2025: every number the tests assert is counted by hand in
the comments here.

Caseworker (fm.one): A (open since 2024), B (new 2025, closed for work), C (new on 31.12.2025),
D (closed 2024: outside), E (opened 2026: outside). Colleague (fm.two): F (new 2025).
A's household also holds the child K (no case of its own).
"""

import datetime
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from authorisations.models import Authorisation
from cases.models import Case, Contact, FollowUp, Municipality
from offers.models import ButApplication, ButCategory, ButExpense, Category, Provider, Referral
from tests.factories import make_agent, make_branch, make_client, make_household, make_offer, make_volunteer
from volunteers.models import Assignment, Volunteer

BERLIN = ZoneInfo("Europe/Berlin")
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN)


def with_case(client, caseworker, opened, closed=None, reason=""):
    Case.objects.filter(client=client).delete()
    Case.objects.create(
        client=client,
        caseworker=caseworker,
        opened_on=opened,
        status="closed" if closed else "active",
        closed_on=closed,
        closing_reason=reason,
    )
    return client


@pytest.fixture
def known(db, caseworker, colleague, teamlead):
    erbach = Municipality.objects.get_or_create(name="Erbach")[0]
    michelstadt = Municipality.objects.get_or_create(name="Michelstadt")[0]
    h1, h3 = make_household(), make_household()
    a = make_client(
        family_name="Ahmadi",
        gender="female",
        birth_year=1990,
        birth_month=3,
        birth_day=1,
        nationalities=["SY"],
        residence_status="permit",
        municipality=erbach,
        household=h1,
    )
    b = make_client(
        family_name="Bakri",
        gender="male",
        birth_year=2000,
        nationalities=["AF"],
        residence_status="duldung",
        municipality=michelstadt,
    )
    c = make_client(
        family_name="Chernenko",
        gender="female",
        birth_year=1960,
        nationalities=["UA", "SY"],
        residence_status="s24",
        municipality=erbach,
        household=h3,
    )
    d = make_client(family_name="Dahir", gender="male", birth_year=1985, municipality=erbach)
    e = make_client(family_name="Eze", gender="male", birth_year=1985, municipality=erbach)
    f = make_client(
        family_name="Farouk", gender="male", birth_year=1995, nationalities=["IQ"], municipality=michelstadt
    )
    kid = make_client(family_name="Ahmadi", given_names="Kira", birth_year=2015, household=h1)  # no case
    with_case(a, caseworker, D(2024, 6, 1))
    with_case(b, caseworker, D(2025, 2, 10), D(2025, 10, 1), "work")
    with_case(c, caseworker, D(2025, 12, 31))
    with_case(d, caseworker, D(2023, 1, 1), D(2024, 12, 31), "moved")
    with_case(e, caseworker, D(2026, 1, 5))
    with_case(f, colleague, D(2025, 5, 1))

    # Contacts 2025: 5 (A ×3 of which 1 by a volunteer, B, F), 255 minutes.
    for client, day, channel, minutes, topics, volunteer in [
        (a, D(2025, 3, 1), "phone", 60, ["language", "work"], False),
        (a, D(2025, 4, 1), "in_person", 30, ["language"], False),
        (b, D(2025, 5, 5), "home_visit", 90, ["housing"], False),
        (a, D(2025, 6, 1), "in_person", 45, [], True),
        (f, D(2025, 7, 1), "phone", 30, ["work"], False),
        (a, D(2024, 12, 31), "phone", 30, ["work"], False),  # outside
    ]:
        Contact.objects.create(
            client=client,
            author=caseworker,
            date=day,
            channel=channel,
            duration_minutes=minutes,
            topics=topics,
            from_volunteer=volunteer,
        )

    # Referrals: MInA (12 months, 60 places) for A (participating), B (dropped out), C (work);
    # F waiting for a language course; an old one of A's outside the year.
    provider = Provider.objects.create(name="InA gGmbH", kind="job_centre")
    club = Provider.objects.create(name="Turnverein Erbach", kind="club")
    work = Category.objects.get_or_create(name="Arbeit und Qualifizierung")[0]
    language = Category.objects.get_or_create(name="Sprache")[0]
    sport = Category.objects.get_or_create(name="Sport")[0]
    mina = make_offer(provider, work, title="MInA", capacity=60, duration_months=12, active_from=D(2024, 1, 1))
    course = make_offer(provider, language, title="Deutschkurs A1", capacity=1, active_from=D(2024, 1, 1))
    gym = make_offer(
        club,
        sport,
        title="Kinderturnen",
        but_eligible=True,
        but_category=ButCategory.PARTICIPATION,
        fee=10,
        active_from=D(2024, 1, 1),
    )

    def refer(client, offer, status, suggested, registered=None, started=None, ended=None, **extra):
        return Referral.objects.create(
            client=client,
            offer=offer,
            status=status,
            suggested_on=suggested,
            registered_on=registered,
            started_on=started,
            ended_on=ended,
            created_by=caseworker,
            **extra,
        )

    refer(a, mina, "participating", D(2025, 1, 10), D(2025, 1, 20), D(2025, 2, 1), planned_end_on=D(2026, 2, 1))
    refer(b, mina, "cancelled", D(2025, 3, 1), D(2025, 3, 5), D(2025, 3, 10), D(2025, 9, 10), outcome="dropped_out")
    refer(c, mina, "completed", D(2025, 1, 25), D(2025, 2, 1), D(2025, 2, 1), D(2025, 11, 30), outcome="work")
    refer(f, course, "waitlist", D(2025, 6, 1), waitlisted_at=at(D(2025, 6, 1)))
    refer(a, course, "completed", D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 3), D(2024, 6, 1))

    # BuT for the child K (a dependant in A's household): Schulbedarf approved 195 €,
    # participation approved 10 € with 30 € spent in 2025; lunch advised in 2024 (outside).
    def apply(category, advised, status, amount=None, **extra):
        return ButApplication.objects.create(
            child=kid,
            category=category,
            advised_on=advised,
            status=status,
            amount=amount,
            created_by=caseworker,
            **extra,
        )

    apply(
        "school_supplies",
        D(2025, 8, 1),
        "approved",
        Decimal("195.00"),
        period_from=D(2025, 8, 1),
        period_until=D(2026, 7, 31),
    )
    participation = apply(
        "participation",
        D(2025, 2, 1),
        "approved",
        Decimal("10.00"),
        period_from=D(2025, 2, 1),
        period_until=D(2025, 12, 31),
    )
    ButExpense.objects.create(
        application=participation,
        spent_on=D(2025, 3, 1),
        amount=Decimal("30.00"),
        purpose="Verein",
        created_by=caseworker,
    )
    apply("lunch", D(2024, 5, 1), "advised")

    # Volunteers: V1 registered 2025 accompanies A since April 2025; V2 (2024) accompanied F
    # until February 2025 and B until 2024 (outside).
    v1, v2 = make_volunteer(family_name="Vogel"), make_volunteer(family_name="Wagner")
    Volunteer.objects.filter(pk=v1.pk).update(created_at=at(D(2025, 4, 1)))
    Volunteer.objects.filter(pk=v2.pk).update(created_at=at(D(2024, 1, 1)))
    Assignment.objects.create(volunteer=v1, client=a, start_on=D(2025, 4, 1), created_by=caseworker)
    Assignment.objects.create(
        volunteer=v2, client=f, start_on=D(2024, 1, 1), end_on=D(2025, 2, 1), created_by=colleague
    )
    Assignment.objects.create(
        volunteer=v2, client=b, start_on=D(2023, 1, 1), end_on=D(2024, 12, 31), created_by=caseworker
    )

    # One Vollmacht of A, made in 2025 (a draft).
    authorisation = Authorisation.objects.create(
        principal=a,
        agent=make_agent(),
        created_by=caseworker,
        kjc_branch=make_branch(),
        scopes=["information"],
        valid_from=D(2025, 5, 1),
        language="ar",
    )
    Authorisation.objects.filter(pk=authorisation.pk).update(created_at=at(D(2025, 5, 1)))

    # Follow-ups due in 2025: A on time and late, B and F open (overdue now).
    for client, due, done in [
        (a, D(2025, 3, 10), D(2025, 3, 9)),
        (a, D(2025, 3, 10), D(2025, 3, 15)),
        (b, D(2025, 11, 1), None),
        (f, D(2025, 6, 1), None),
        (a, D(2026, 6, 1), None),  # outside
    ]:
        FollowUp.objects.create(
            client=client,
            owner=teamlead,
            due_on=due,
            text="Termin",
            done_at=at(done) if done else None,
            done_by=teamlead if done else None,
        )
    return {
        "a": a,
        "b": b,
        "c": c,
        "f": f,
        "kid": kid,
        "erbach": erbach,
        "michelstadt": michelstadt,
        "mina": mina,
        "gym": gym,
        "course": course,
        "participation": participation,
    }


class TableReader(HTMLParser):
    """The figures tables of a page: {data-table key: {row label: [cell texts]}}."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell, self._head = {}, None, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._table = self.tables.setdefault(attrs["data-table"], {})
        elif tag == "thead":
            self._head = True
        elif self._table is not None and tag == "tr" and not self._head:
            self._row = []
        elif self._row is not None and tag in ("th", "td"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "thead":
            self._head = False
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and self._row[0] and self._table is not None:
                self._table[self._row[0]] = self._row[1:]
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def read_tables(html: str) -> dict:
    reader = TableReader()
    reader.feed(html)
    return reader.tables

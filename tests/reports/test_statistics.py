"""The statistics page /reports/: every figure of the known data set (tests/reports/conftest.py)
as the team lead, the caseworker and the colleague see it; the period picker; the query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.statistics import Period, Scope, compute, suppressed
from tests.factories import make_client, make_many_clients

from .conftest import read_tables

URL = reverse("reports:statistics")
YEAR_2025 = {"kind": "year", "year": "2025"}

ZERO_ROWS = {"Ziele erreicht", "verzogen", "kein Kontakt mehr", "Begleitung nicht mehr gewünscht", "anderer Grund"}

TEAM = {
    "people": {
        "begleitet im Zeitraum": ["4"],
        "neu aufgenommen": ["3"],
        "Begleitung abgeschlossen": ["1"],
        "am Ende des Zeitraums weiter begleitet": ["3"],
    },
    "closing_reasons": {"Arbeit aufgenommen, kein SGB-II-Bezug mehr": ["1"], **{r: ["0"] for r in ZERO_ROWS}},
    "gender": {"weiblich": ["2"], "männlich": ["2"], "divers": ["0"], "keine Angabe": ["0"]},
    "age": {
        "0–5 Jahre": ["0"],
        "6–17 Jahre": ["0"],
        "18–26 Jahre": ["1"],
        "27–44 Jahre": ["2"],
        "45–64 Jahre": ["0"],
        "65 Jahre und älter": ["1"],
    },
    "nationality": {"Afghanistan": ["1"], "Irak": ["1"], "Syrien": ["2"], "Ukraine": ["1"]},  # C is UA and SY
    "residence": {
        "Aufenthaltserlaubnis": ["1"],
        "Aufenthaltserlaubnis nach § 24 AufenthG (vorübergehender Schutz)": ["1"],
        "Niederlassungserlaubnis": ["0"],
        "Aufenthaltsgestattung": ["0"],
        "Duldung": ["1"],
        "EU-Freizügigkeit": ["0"],
        "deutsche Staatsangehörigkeit": ["0"],
        "sonstiger / ungeklärt": ["0"],
        "nicht erfasst": ["1"],
    },
    "municipality": {"Erbach": ["2"], "Michelstadt": ["2"]},
    "household": {
        "keine Bedarfsgemeinschaft erfasst": ["2"],
        "1 Person(en)": ["1"],
        "2 Person(en)": ["1"],
        "3 Person(en)": ["0"],
        "4 Person(en)": ["0"],
        "5 Person(en)": ["0"],
        "6+ Person(en)": ["0"],
    },
    "contacts": {"Kontakte insgesamt": ["5", "3", "4,3"], "davon von Ehrenamtlichen erfasst": ["1", "–", "0,8"]},
    "contact_channels": {
        "persönlich": ["2", "1", "1,3"],
        "Telefon": ["2", "2", "1,5"],
        "Hausbesuch": ["1", "1", "1,5"],
        "E-Mail": ["0", "0", "0,0"],
        "Video": ["0", "0", "0,0"],
    },
    "contact_topics": {
        "Sprache": ["2"],
        "Arbeit und Ausbildung": ["2"],
        "Schule und Bildung": ["0"],
        "Bildung und Teilhabe": ["0"],
        "Wohnen": ["1"],
        "Gesundheit": ["0"],
        "Freizeit, Sport, Vereine": ["0"],
        "Leistungen SGB II": ["0"],
        "Aufenthalt": ["0"],
        "Familie und Kinder": ["0"],
        "Sonstiges": ["0"],
    },
    # insgesamt, vorgeschlagen, angemeldet, nimmt teil, abgeschlossen, abgebrochen, Warteliste
    "referrals": {
        "Arbeit und Qualifizierung": ["3", "0", "0", "1", "1", "1", "0"],
        "Sprache": ["1", "0", "0", "0", "0", "0", "1"],
    },
    "waiting": {
        "Anmeldungen im Zeitraum": ["3"],
        "durchschnittliche Tage vom Vorschlag bis zur Anmeldung": ["7,0"],
    },
    "outcomes": {
        "Arbeit aufgenommen": ["1"],
        "Ausbildung begonnen": ["0"],
        "weiterführender Kurs / Maßnahme": ["0"],
        "vorzeitig ausgeschieden": ["1"],
        "sonstiger Verbleib": ["0"],
    },
    "measures": {"MInA": ["60", "1", "0", "12"]},
    # insgesamt, beraten, beantragt, bewilligt, abgelehnt, bewilligt (Euro)
    "but": {
        "Schulausflug / Klassenfahrt": ["0", "0", "0", "0", "0", "0,00"],
        "Schulbedarf": ["1", "0", "0", "1", "0", "195,00"],
        "Schülerbeförderung": ["0", "0", "0", "0", "0", "0,00"],
        "Lernförderung": ["0", "0", "0", "0", "0", "0,00"],
        "Mittagsverpflegung": ["0", "0", "0", "0", "0", "0,00"],
        "soziale und kulturelle Teilhabe": ["1", "0", "0", "1", "0", "10,00"],
    },
    "but_spent": {"Kinder": ["1"], "Summe (Euro)": ["30,00"]},
    "volunteers": {
        "Ehrenamtliche mit Begleitung im Zeitraum": ["2"],
        "neu registrierte Ehrenamtliche": ["1"],
        "Begleitungen im Zeitraum": ["2"],
        "davon neu begonnen": ["1"],
        "von Ehrenamtlichen erfasste Stunden": ["0,8"],
    },
    "authorisations": {
        "Entwurf": ["1"],
        "gedruckt": ["0"],
        "unterschrieben": ["0"],
        "an KJC übergeben": ["0"],
        "widerrufen": ["0"],
        "abgelaufen": ["0"],
    },
    "followups": {
        "rechtzeitig erledigt": ["1"],
        "verspätet erledigt": ["1"],
        "offen und überfällig": ["2"],
        "offen, noch nicht fällig": ["0"],
    },
}


def own(**changes):
    return {**TEAM, **changes}


CASEWORKER = own(
    people={
        "begleitet im Zeitraum": ["3"],
        "neu aufgenommen": ["2"],
        "Begleitung abgeschlossen": ["1"],
        "am Ende des Zeitraums weiter begleitet": ["2"],
    },
    gender={"weiblich": ["2"], "männlich": ["1"], "divers": ["0"], "keine Angabe": ["0"]},
    age={**TEAM["age"], "27–44 Jahre": ["1"]},
    nationality={"Afghanistan": ["1"], "Syrien": ["2"], "Ukraine": ["1"]},
    residence={**TEAM["residence"], "nicht erfasst": ["0"]},
    municipality={"Erbach": ["2"], "Michelstadt": ["1"]},
    household={**TEAM["household"], "keine Bedarfsgemeinschaft erfasst": ["1"]},
    contacts={"Kontakte insgesamt": ["4", "2", "3,8"], "davon von Ehrenamtlichen erfasst": ["1", "–", "0,8"]},
    contact_channels={**TEAM["contact_channels"], "Telefon": ["1", "1", "1,0"]},
    contact_topics={**TEAM["contact_topics"], "Arbeit und Ausbildung": ["1"]},
    referrals={"Arbeit und Qualifizierung": ["3", "0", "0", "1", "1", "1", "0"]},
    volunteers={
        "Ehrenamtliche mit Begleitung im Zeitraum": ["1"],
        "Begleitungen im Zeitraum": ["1"],
        "davon neu begonnen": ["1"],
        "von Ehrenamtlichen erfasste Stunden": ["0,8"],
    },
    followups={**TEAM["followups"], "offen und überfällig": ["1"]},
)


def page_tables(client, user, params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return read_tables(response.content.decode())


def test_the_team_lead_sees_every_figure_of_the_team(client, known, teamlead):
    assert page_tables(client, teamlead, YEAR_2025) == TEAM


def test_the_administrator_sees_the_same_figures_as_the_team_lead(client, known, administrator):
    assert page_tables(client, administrator, YEAR_2025) == TEAM


def test_a_caseworker_sees_the_figures_of_their_own_caseload_only(client, known, caseworker):
    assert page_tables(client, caseworker, YEAR_2025) == CASEWORKER


def test_the_colleagues_figures_never_include_the_caseworkers_clients(client, known, colleague):
    tables = page_tables(client, colleague, YEAR_2025)
    assert tables["people"]["begleitet im Zeitraum"] == ["1"]
    assert tables["nationality"] == {"Irak": ["1"]}
    assert tables["contacts"]["Kontakte insgesamt"] == ["1", "1", "0,5"]
    assert tables["but"]["Schulbedarf"][0] == "0"  # the child K belongs to the caseworker's household
    assert tables["referrals"] == {"Sprache": ["1", "0", "0", "0", "0", "0", "1"]}
    assert tables["followups"]["offen und überfällig"] == ["1"]
    assert tables["volunteers"]["Ehrenamtliche mit Begleitung im Zeitraum"] == ["1"]


def test_a_caseworker_cannot_widen_the_figures_with_a_caseworker_filter(client, known, caseworker, colleague):
    tables = page_tables(client, caseworker, {**YEAR_2025, "caseworker": colleague.pk})
    assert tables["people"]["begleitet im Zeitraum"] == ["3"]


def test_the_team_lead_narrows_to_one_caseworker_or_municipality(client, known, teamlead, colleague):
    by_colleague = page_tables(client, teamlead, {**YEAR_2025, "caseworker": colleague.pk})
    assert by_colleague["people"]["begleitet im Zeitraum"] == ["1"]
    assert "neu registrierte Ehrenamtliche" not in by_colleague["volunteers"]  # not a caseworker's figure
    in_erbach = page_tables(client, teamlead, {**YEAR_2025, "municipality": known["erbach"].pk})
    assert in_erbach["people"]["begleitet im Zeitraum"] == ["2"]
    assert in_erbach["municipality"] == {"Erbach": ["2"]}


@pytest.mark.parametrize(
    ("params", "people", "new"),
    [
        ({"kind": "quarter", "year": "2025", "quarter": "1"}, "2", "1"),  # A, B (new 10.02.)
        ({"kind": "month", "year": "2025", "month": "12"}, "2", "1"),  # A, C (new 31.12.); F is the colleague's
        ({"kind": "range", "first": "2025-10-02", "last": "2025-12-30"}, "1", "0"),  # A only
    ],
)
def test_quarter_month_and_free_range(client, known, caseworker, params, people, new):
    tables = page_tables(client, caseworker, params)
    assert tables["people"]["begleitet im Zeitraum"] == [people]
    assert tables["people"]["neu aufgenommen"] == [new]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"kind": "year", "year": "zwanzig"}, "year", "Bitte geben Sie das Jahr als Zahl ein, z. B. 2026."),
        ({"kind": "year", "year": ""}, "year", "Bitte geben Sie das Jahr an."),
        ({"kind": "year", "year": "99999999999999999999"}, "year", "Bitte wählen Sie ein Jahr bis 2100."),
        ({"kind": "month", "year": "2025", "month": "13"}, "month", "Bitte eine gültige Auswahl treffen."),
        ({"kind": "quarter", "year": "2025"}, "quarter", "Bitte wählen Sie das Quartal."),
        ({"kind": "range", "first": "2025-05-01"}, "last", "Bitte geben Sie das Ende des Zeitraums an."),
        ({"kind": "range", "first": "2025-05-01", "last": "2025-04-30"}, "last", "Das Ende liegt vor dem Beginn."),
        ({"kind": "range", "first": "2000-01-01", "last": "2025-01-01"}, "last", "höchstens 10 Jahre"),
        ({"kind": "range", "first": "31.02.2025", "last": "2025-04-30"}, "first", "Bitte ein gültiges Datum eingeben."),
        ({"kind": "week", "year": "2025"}, "kind", "Bitte eine gültige Auswahl treffen."),
        (
            {"kind": "year", "year": "2025", "municipality": "999999"},
            "municipality",
            "Bitte eine gültige Auswahl treffen.",
        ),
    ],
)
def test_bad_period_input_gets_a_german_message_at_the_field_and_keeps_the_input(
    client, teamlead, params, field, message
):
    client.force_login(teamlead)
    response = client.get(URL, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert response.context["sections"] is None
    html = response.content.decode()
    assert 'data-table="people"' not in html
    for name, value in params.items():
        if name in ("kind", "municipality", "month", "quarter") or len(value) > 12:  # selects: no free text
            continue
        assert f'value="{value}"' in html or f'value="{value}" selected' in html


def test_the_first_visit_shows_this_year_without_errors(client, caseworker):
    client.force_login(caseworker)
    response = client.get(URL)
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert 'data-table="people"' in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_data(client, known, teamlead, caseworker, settings):
    settings.WIR_FIGURES_RECENT_MINUTES = 0  # count afresh after the change (not the recent figures)
    client.force_login(teamlead)
    client.get("/")  # the session's first write (at most once a minute) is not the statistics' cost
    with CaptureQueriesContext(connection) as few:
        client.get(URL, YEAR_2025)
    make_many_clients(caseworker, 60)
    for n in range(5):
        make_client(caseworker, nationalities=["ER"], birth_year=2000 + n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, YEAR_2025)
    assert read_tables(response.content.decode())["people"]["begleitet im Zeitraum"] == ["4"]  # new ones open 2026
    assert len(many) == len(few)
    assert len(few) <= 30


def test_each_chart_is_an_svg_labelled_by_its_title_next_to_its_table(client, known, teamlead):
    client.force_login(teamlead)
    html = client.get(URL, YEAR_2025).content.decode()
    assert '<svg class="bar-chart"' in html
    assert 'role="img" aria-labelledby="chart-gender"' in html
    assert '<title id="chart-gender">Nach Geschlecht</title>' in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert " style=" not in html.split("<main", 1)[1]


def test_small_cells_are_suppressed_only_where_figures_leave_the_system():
    assert [suppressed(n, is_count=True) for n in (0, 1, 2, 3)] == [0, "< 3", "< 3", 3]
    assert suppressed(2, is_count=False) == 2


def test_the_figures_are_the_same_whoever_counts_them_for_the_whole_team(known, teamlead, administrator):
    period = Period.year(2025)
    as_lead = compute(Scope(user=teamlead, period=period))
    as_admin = compute(Scope(user=administrator, period=period))
    assert [t.rows for s in as_lead for t in s.tables] == [t.rows for s in as_admin for t in s.tables]


@pytest.mark.django_db(transaction=True)  # the setting must end with the counting's own transaction
@pytest.mark.parametrize("workers", [0, 3])
def test_counting_may_use_the_configured_parallel_workers_while_pages_run_without(teamlead, settings, workers):
    """The server's settings for pages (scripts/dev: no parallel workers per query, SSD read costs)
    are changed only inside the counting transaction: WIR_REPORT_PARALLEL_WORKERS, the default cost."""
    settings.WIR_REPORT_PARALLEL_WORKERS = workers
    scope = Scope(user=teamlead, period=Period.year(2025))
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        outside = cursor.fetchone()[0]
        cursor.execute("SHOW random_page_cost")
        outside_cost = cursor.fetchone()[0]
        with scope.materialised():
            cursor.execute("SHOW max_parallel_workers_per_gather")
            assert cursor.fetchone()[0] == str(workers)
            cursor.execute("SHOW random_page_cost")
            assert cursor.fetchone()[0] == "4"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == outside
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == outside_cost


def test_household_sizes_and_but_count_only_the_members_the_user_may_see(
    client, known, caseworker, colleague, teamlead
):
    """A's household gets a client of the colleague (case opened today, outside 2025) and a person
    whose processing is restricted (Art. 18), with a BuT application advised in 2025: the
    caseworker's household page shows A and K only, so their figures count a household of 2; the
    team lead sees the colleague's client too (3); the restricted person counts for nobody."""
    import datetime

    from django.utils import timezone

    from offers.models import ButApplication

    household = known["a"].household
    make_client(colleague, family_name="Ghazi", birth_year=1980, household=household)
    hidden = make_client(family_name="Rahimi", birth_year=2014, household=household, restricted_at=timezone.now())
    ButApplication.objects.create(
        child=hidden, category="school_supplies", advised_on=datetime.date(2025, 9, 1), created_by=caseworker
    )
    mine = page_tables(client, caseworker, YEAR_2025)
    assert (mine["household"], mine["but"]) == (CASEWORKER["household"], CASEWORKER["but"])
    lead = page_tables(client, teamlead, YEAR_2025)
    assert (lead["household"]["2 Person(en)"], lead["household"]["3 Person(en)"]) == (["0"], ["1"])
    assert lead["but"] == TEAM["but"]

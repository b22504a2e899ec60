import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.utils import timezone

from accounts.demo import DEMO_USERS
from accounts.demo import seed as seed_accounts
from accounts.models import User
from authorisations.sections import assignment_section
from cases.models import Client, Contact
from portal.access import Level, level_of, portal_clients
from tests.factories import days, make_client
from volunteers import demo, export, panels
from volunteers.models import Appointment, Assignment, Volunteer


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def render_section(user, client):
    panels = assignment_section(request_for(user), client)
    return panels, "".join(p.render(request_for(user)) for p in panels)


class TestClientSection:
    def test_it_lists_assignments_and_marks_what_is_missing(
        self, caseworker, make_volunteer, assign, consent, authorise
    ):
        client = make_client(caseworker)
        no_consent = make_volunteer(family_name="Ohne-Einwilligung")
        no_vollmacht = make_volunteer(family_name="Ohne-Vollmacht")
        complete = make_volunteer(family_name="Komplett")
        support = make_volunteer(family_name="Beistand")
        assign(no_consent, client)
        assign(no_vollmacht, client)
        consent(client, no_vollmacht)
        assign(complete, client)
        consent(client, complete)
        authorise(client, complete)
        assign(support, client, kind=Assignment.Kind.SUPPORT)
        consent(client, support)
        _panels, html = render_section(caseworker, client)
        rows = {
            name: html[html.index(name) :].split("</tr>")[0]
            for name in ["Ohne-Einwilligung", "Ohne-Vollmacht", "Komplett", "Beistand"]
        }
        assert "Einwilligung fehlt" in rows["Ohne-Einwilligung"]
        assert "Vollmacht fehlt" in rows["Ohne-Vollmacht"]
        assert "Einwilligung fehlt" not in rows["Ohne-Vollmacht"]
        assert "fehlt" not in rows["Komplett"]
        assert "fehlt" not in rows["Beistand"]  # support needs no Vollmacht
        assert f"/volunteers/match/{client.pk}/" in html
        assert f"/volunteers/assignments/new/{client.pk}/" in html
        assert '<section class="card mb-4" aria-labelledby=' in html
        assert '<h2 id="volunteers-section-heading" class="h5">' in html

    def test_ended_assignments_are_marked(self, caseworker, make_volunteer, assign):
        client = make_client(caseworker)
        assign(make_volunteer(), client, start=timezone.localdate() - days(50), end=timezone.localdate() - days(1))
        _panels, html = render_section(caseworker, client)
        assert "beendet" in html
        assert "fehlt" not in html

    def test_it_is_empty_for_non_staff(self, volunteer):
        assert assignment_section(request_for(volunteer), make_client()) == []

    def test_it_runs_a_constant_number_of_queries(
        self, caseworker, make_volunteer, assign, consent, django_assert_num_queries
    ):
        client = make_client(caseworker)

        def add(n):
            for _ in range(n):
                v = make_volunteer()
                assign(v, client, start=timezone.localdate() - days(100), end=timezone.localdate() - days(1))

        add(3)
        with django_assert_num_queries(1):
            render_section(caseworker, client)
        add(40)
        with django_assert_num_queries(1):
            _panels, html = render_section(caseworker, client)
        assert "Es werden die 25 neuesten Begleitungen gezeigt" in html


class TestDashboard:
    @pytest.fixture
    def quiet(self, make_volunteer, assign, caseworker, colleague):
        mine, theirs = make_client(caseworker), make_client(colleague)
        start = timezone.localdate() - days(45)
        assign(make_volunteer(family_name="Still-Bei-Mir"), mine, start=start)
        assign(make_volunteer(family_name="Still-Bei-Kollegen"), theirs, start=start)

    def test_the_caseworker_sees_quiet_volunteers_of_own_clients(self, client, caseworker, quiet):
        client.force_login(caseworker)
        page = client.get("/").content.decode()
        assert "Ehrenamt: bitte nachfragen" in page
        assert "Still-Bei-Mir" in page
        assert "Still-Bei-Kollegen" not in page

    def test_the_team_lead_sees_all(self, client, teamlead, quiet):
        client.force_login(teamlead)
        page = client.get("/").content.decode()
        assert "Still-Bei-Mir" in page
        assert "Still-Bei-Kollegen" in page

    def test_a_recent_contact_clears_the_panel(self, client, caseworker, make_volunteer, assign, volunteer):
        record, c = make_volunteer(volunteer), make_client(caseworker)
        assign(record, c, start=timezone.localdate() - days(45))
        contact = Contact(client=c, author=volunteer, date=timezone.localdate() - days(2), note="x")
        contact.from_volunteer = True
        contact.save()
        client.force_login(caseworker)
        assert "Ehrenamt: bitte nachfragen" not in client.get("/").content.decode()

    def test_certificates_due_for_renewal_are_shown(self, client, caseworker, make_volunteer, assign):
        today = timezone.localdate()
        due = make_volunteer(
            family_name="Bald-Faellig",
            police_certificate_issued_on=today - days(5 * 365 - 20),
            police_certificate_inspected_on=today - days(5 * 365 - 30),
        )
        make_volunteer(family_name="Noch-Lange")
        assign(due, make_client(caseworker))
        client.force_login(caseworker)
        page = client.get("/").content.decode()
        assert "Führungszeugnis bald oder schon neu vorzulegen" in page
        assert "Bald-Faellig" in page
        assert "Noch-Lange" not in page

    def test_it_is_empty_for_non_staff(self, kjc):
        assert panels.dashboard_panels(request_for(kjc)) == []

    def test_it_runs_a_constant_number_of_queries(self, teamlead, make_volunteer, assign, django_assert_num_queries):
        def add(n):
            for _ in range(n):
                assign(make_volunteer(), make_client(), start=timezone.localdate() - days(45))

        add(3)
        with django_assert_num_queries(2):
            [p.render(request_for(teamlead)) for p in panels.dashboard_panels(request_for(teamlead))]
        add(20)
        with django_assert_num_queries(2):
            html = "".join(p.render(request_for(teamlead)) for p in panels.dashboard_panels(request_for(teamlead)))
        assert "Alle anzeigen" in html


def test_client_export_lists_assignments_and_appointments(caseworker, make_volunteer, assign):
    client = make_client(caseworker)
    record = make_volunteer(given_names="Export", family_name="Person")
    assign(record, client)
    Appointment.objects.create(client=client, volunteer=record, starts_at=timezone.now(), place="KJC Erbach")
    data = export.client_export(client)
    assert data["Ehrenamtliche Begleitungen"][0]["Ehrenamtliche:r"] == "Export Person"
    assert data["Termine aus dem Ehrenamtsportal"][0]["Ort"] == "KJC Erbach"


@pytest.fixture(scope="class")
def demo_seeded_once(django_db_setup, django_db_blocker):
    """The demo seeded once for all tests of a class (it takes seconds), in a transaction rolled
    back after the last of them; each test runs in a transaction of its own inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(WIR_DEMO=True):
            call_command("seed_demo", "--quiet")
        yield
        transaction.set_rollback(True)


class TestSeedDemo:
    @pytest.fixture
    def seeded(self, demo_seeded_once, db):
        pass

    def test_it_creates_about_40_volunteers_in_every_status(self, seeded):
        assert 35 <= Volunteer.objects.count() <= 45
        assert set(Volunteer.objects.values_list("status", flat=True)) == set(Volunteer.Status.values)

    def test_the_demo_volunteers_see_different_clients(self, seeded):
        one = Volunteer.objects.get(user__email="ehrenamt1@demo.invalid")
        two = Volunteer.objects.get(user__email="ehrenamt2@demo.invalid")
        clients_one, clients_two = set(portal_clients(one)), set(portal_clients(two))
        assert clients_one and clients_two
        assert not clients_one & clients_two

    def test_the_demo_volunteers_can_log_in_and_see_their_clients(self, seeded, client):
        login = client.post("/accounts/login/", {"username": "ehrenamt1@demo.invalid", "password": "demo"})
        assert login.status_code == 302
        page = client.get("/portal/").content.decode()
        for c in portal_clients(Volunteer.objects.get(user__email="ehrenamt1@demo.invalid")):
            assert c.full_name in page

    def test_exactly_one_volunteer_is_flagged(self, seeded):
        assert Volunteer.objects.with_activity().filter(needs_attention=True).count() == 1

    def test_it_creates_no_further_logins(self, seeded):
        assert User.objects.count() == len(DEMO_USERS)

    def test_the_vollmachten_of_the_seed_lift_the_level_of_some_clients(self, seeded):
        one = Volunteer.objects.get(user__email="ehrenamt1@demo.invalid")
        assert Level.FULL in {level_of(c) for c in portal_clients(one)}


def test_the_volunteers_demo_uses_existing_clients_and_creates_none_then(db, settings, caseworker):
    settings.WIR_DEMO = True
    existing = [Client.objects.create(given_names=f"Da{i}", family_name="Schon", birth_year=1980) for i in range(8)]
    # Only the accounts and volunteers parts of the seed: the cases part would add its own clients.
    seed_accounts()
    demo.seed()
    assert Client.objects.count() == 8
    assert Assignment.objects.filter(client__in=existing).exists()

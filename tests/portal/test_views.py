import datetime

import pytest
from django.utils import timezone

from cases.models import AccessLog, Contact, Household
from tests.factories import days, make_appointment, make_client
from volunteers.models import Appointment


def url_of(client):
    return f"/portal/clients/{client.pk}/"


@pytest.fixture
def portal(client, volunteer):
    client.force_login(volunteer)
    return client


# --- home --------------------------------------------------------------------------------------


class TestHome:
    def test_it_lists_my_clients_with_name_and_phone(self, portal, portal_setup):
        _record, client = portal_setup
        page = portal.get("/portal/").content.decode()
        assert client.full_name in page
        assert "+49 6062" in page
        assert url_of(client) in page

    def test_it_shows_the_next_appointment_only_with_a_vollmacht(self, portal, portal_setup, authorise):
        record, client = portal_setup
        make_appointment(record, client, in_days=9, place="Später")
        make_appointment(record, client, in_days=2, place="Ausländerbehörde")
        make_appointment(record, client, in_days=1, place="Abgesagt", cancelled=True)
        page = portal.get("/portal/").content.decode()
        assert "Ausländerbehörde" not in page
        authorise(client, record)
        page = portal.get("/portal/").content.decode()
        assert "Ausländerbehörde" in page
        assert "Später" not in page
        assert "Abgesagt" not in page

    def test_it_does_not_list_clients_without_consent(self, portal, make_volunteer, assign, volunteer):
        record, other = make_volunteer(volunteer), make_client()
        assign(record, other)
        page = portal.get("/portal/").content.decode()
        assert other.full_name not in page
        assert "Sie begleiten zurzeit niemanden" in page

    def test_it_works_for_an_account_without_a_record(self, portal):
        response = portal.get("/portal/")
        assert response.status_code == 200
        assert "Sie begleiten zurzeit niemanden" in response.content.decode()

    def test_it_shows_the_panel_of_the_volunteers_own_vollmachten(self, portal, portal_setup):
        page = portal.get("/portal/").content.decode()
        assert 'id="portal-authorisations-heading"' in page
        assert "Sie haben zurzeit keine Vollmachten." in page

    def test_an_account_without_a_record_gets_no_vollmachten_panel(self, portal):
        assert 'id="portal-authorisations-heading"' not in portal.get("/portal/").content.decode()

    def test_it_rejects_post(self, portal, portal_setup):
        assert portal.post("/portal/").status_code == 405

    @pytest.mark.parametrize("persona", ["caseworker", "teamlead", "administrator", "kjc"], indirect=True)
    def test_it_is_404_for_other_roles(self, client, persona):
        client.force_login(persona)
        assert client.get("/portal/").status_code == 404

    def test_it_runs_a_constant_number_of_queries(
        self, portal, volunteer, make_volunteer, assign, consent, authorise, django_assert_max_num_queries
    ):
        record = make_volunteer(volunteer)

        def add(n):
            for i in range(n):
                c = make_client()
                assign(record, c)
                consent(c, record)
                if i % 2:
                    authorise(c, record)
                    make_appointment(record, c)

        add(5)
        with django_assert_max_num_queries(9) as few:  # incl. the "my Vollmachten" panel
            portal.get("/portal/")
        add(45)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = portal.get("/portal/")
        assert response.content.decode().count("Kontakt oder Stunden eintragen") == 25


# --- client page -------------------------------------------------------------------------------


class TestClientPage:
    def test_basic_shows_name_and_phone_and_what_is_missing(self, portal, portal_setup, caseworker):
        record, client = portal_setup
        client.street, client.postcode, client.kjc_customer_number = "Geheimweg 7", "64711", "123ABC456"
        client.household = Household.objects.create(bg_number="06431BG0012345")
        client.save()
        make_appointment(record, client, place="Jobcenter Raum 4")
        page = portal.get(url_of(client)).content.decode()
        assert client.full_name in page
        assert "tel:+49606212" in page
        assert "unterschriebene Vollmacht" in page
        for secret in ["Geheimweg", "123ABC456", "06431BG0012345", "Jobcenter Raum 4"]:
            assert secret not in page
        assert caseworker.full_name in page

    def test_full_shows_address_household_and_appointments(self, portal, portal_setup, authorise):
        record, client = portal_setup
        household = Household.objects.create(bg_number="06431BG0012345")
        client.street, client.postcode, client.household = "Hauptstraße 7", "64711", household
        client.save()
        make_client(household=household, given_names="Kind", family_name="Geheim")
        authorise(client, record)
        make_appointment(record, client, place="Jobcenter Raum 4")
        page = portal.get(url_of(client)).content.decode()
        assert "Hauptstraße 7" in page
        assert "06431BG0012345" in page
        assert "Jobcenter Raum 4" in page
        assert "Warum sehe ich nicht mehr" not in page
        # the household is a number and a count, never the other members
        assert "Geheim" not in page

    def test_it_never_shows_staff_notes_or_residence_details(self, portal, portal_setup, authorise, caseworker):
        record, client = portal_setup
        client.residence_status, client.residence_valid_until = "duldung", datetime.date(2027, 1, 1)
        client.save()
        Contact.objects.create(client=client, author=caseworker, note="Vertrauliche Notiz des Fallmanagements")
        authorise(client, record)
        page = portal.get(url_of(client)).content.decode()
        assert "Vertrauliche Notiz" not in page
        assert "Duldung" not in page
        assert "01.01.2027" not in page

    def test_it_logs_the_read(self, portal, portal_setup, volunteer):
        _record, client = portal_setup
        portal.get(url_of(client))
        entry = AccessLog.objects.get()
        assert (entry.user, entry.client, entry.action) == (volunteer, client, AccessLog.Action.PORTAL)

    def test_revoking_the_consent_ends_access_at_the_next_request(self, portal, portal_setup):
        _record, client = portal_setup
        assert portal.get(url_of(client)).status_code == 200
        client.consents.update(revoked_on=timezone.localdate())
        assert portal.get(url_of(client)).status_code == 404
        assert client.full_name not in portal.get("/portal/").content.decode()

    def test_ending_the_assignment_ends_access_at_the_next_request(self, portal, portal_setup):
        record, client = portal_setup
        assert portal.get(url_of(client)).status_code == 200
        record.assignments.update(end_on=timezone.localdate() - days(1))
        assert portal.get(url_of(client)).status_code == 404

    def test_revoking_the_vollmacht_drops_to_basic_at_the_next_request(self, portal, portal_setup, authorise):
        record, client = portal_setup
        vollmacht = authorise(client, record)
        make_appointment(record, client, place="Jobcenter Raum 4")
        assert "Jobcenter Raum 4" in portal.get(url_of(client)).content.decode()
        vollmacht.status = "revoked"
        vollmacht.revoked_on = timezone.localdate()
        vollmacht.save()
        assert "Jobcenter Raum 4" not in portal.get(url_of(client)).content.decode()
        assert portal.get(f"{url_of(client)}appointments/new/").status_code == 404

    def test_an_unknown_client_is_404(self, portal, portal_setup):
        assert portal.get("/portal/clients/00000000-0000-0000-0000-000000000000/").status_code == 404
        assert portal.get("/portal/clients/not-a-uuid/").status_code == 404

    def test_it_runs_a_bounded_number_of_queries(self, portal, portal_setup, authorise, django_assert_max_num_queries):
        record, client = portal_setup
        client.household = Household.objects.create(bg_number="06431BG0012345")
        client.save()
        authorise(client, record)
        for _ in range(20):
            make_appointment(record, client)
            make_client(household=client.household)
        with django_assert_max_num_queries(16):
            assert portal.get(url_of(client)).status_code == 200


# --- logging a contact ------------------------------------------------------------------------


class TestContact:
    def data(self, **overrides):
        return {
            "date": timezone.localdate().isoformat(),
            "duration_minutes": "90",
            "channel": "in_person",
            "note": "Zum KJC begleitet.",
            **overrides,
        }

    def test_it_records_a_contact_from_the_volunteer(self, portal, portal_setup, volunteer):
        _record, client = portal_setup
        response = portal.post(f"{url_of(client)}contact/", self.data())
        assert response.status_code == 302
        assert response.url == url_of(client)
        contact = Contact.objects.get()
        assert contact.from_volunteer is True
        assert (contact.author, contact.client, contact.duration_minutes) == (volunteer, client, 90)
        assert "Danke" in portal.get(response.url).content.decode()

    def test_it_shows_the_form(self, portal, portal_setup):
        _record, client = portal_setup
        page = portal.get(f"{url_of(client)}contact/").content.decode()
        assert "Was haben Sie gemacht?" in page

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("date", "2099-01-01", "in der Zukunft"),
            ("date", "kein Datum", "gültiges Datum"),
            ("date", "2001-01-01", "mehr als ein Jahr"),
            ("duration_minutes", "99999", "gültige Auswahl"),
            ("duration_minutes", "abc", "gültige Auswahl"),
            ("channel", "telepathy", "gültige Auswahl"),
            ("note", "", "Bitte schreiben Sie kurz, was Sie gemacht haben."),
            ("note", "x" * 1001, "höchstens 1000 Zeichen"),
            ("note", "Null\x00Byte", "Nullzeichen sind nicht erlaubt"),
        ],
    )
    def test_bad_input_is_a_german_field_error(self, portal, portal_setup, field, value, message):
        _record, client = portal_setup
        response = portal.post(f"{url_of(client)}contact/", self.data(**{field: value}))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Contact.objects.exists()

    def test_the_input_is_kept_on_error(self, portal, portal_setup):
        _record, client = portal_setup
        response = portal.post(f"{url_of(client)}contact/", self.data(date="2099-01-01", note="Mein Text bleibt"))
        assert "Mein Text bleibt" in response.content.decode()

    def test_it_is_allowed_at_the_basic_level(self, portal, portal_setup):
        _record, client = portal_setup
        assert portal.post(f"{url_of(client)}contact/", self.data()).status_code == 302

    def test_it_rejects_other_methods(self, portal, portal_setup):
        _record, client = portal_setup
        assert portal.put(f"{url_of(client)}contact/").status_code == 405


# --- appointments ------------------------------------------------------------------------------


class TestAppointments:
    def data(self, **overrides):
        return {
            "date": (timezone.localdate() + days(4)).isoformat(),
            "time": "09:15",
            "place": "Ausländerbehörde Erbach",
            "note": "Verlängerung",
            **overrides,
        }

    def test_it_needs_a_vollmacht(self, portal, portal_setup):
        _record, client = portal_setup
        assert portal.get(f"{url_of(client)}appointments/new/").status_code == 404
        assert portal.post(f"{url_of(client)}appointments/new/", self.data()).status_code == 404
        assert not Appointment.objects.exists()

    def test_it_adds_an_appointment(self, portal, portal_setup, authorise):
        record, client = portal_setup
        authorise(client, record)
        response = portal.post(f"{url_of(client)}appointments/new/", self.data())
        assert response.status_code == 302
        appt = Appointment.objects.get()
        assert (appt.volunteer, appt.client, appt.place) == (record, client, "Ausländerbehörde Erbach")
        assert timezone.localtime(appt.starts_at).time() == datetime.time(9, 15)
        assert "Ausländerbehörde Erbach" in portal.get("/portal/").content.decode()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("date", "2001-01-01", "in der Vergangenheit"),
            ("date", "31.02.2026", "gültiges Datum"),
            ("time", "25:99", "gültige Uhrzeit"),
            ("place", "", "Bitte geben Sie „Wo?“ an."),
        ],
    )
    def test_bad_input_is_a_german_field_error(self, portal, portal_setup, authorise, field, value, message):
        record, client = portal_setup
        authorise(client, record)
        response = portal.post(f"{url_of(client)}appointments/new/", self.data(**{field: value}))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Appointment.objects.exists()

    def test_it_cancels_my_appointment(self, portal, portal_setup, authorise):
        record, client = portal_setup
        authorise(client, record)
        appt = make_appointment(record, client, place="Wird gestrichen")
        asked = portal.post(f"/portal/appointments/{appt.pk}/cancel/")
        assert asked.status_code == 200  # first the question, nothing cancelled yet
        assert "Den Termin am" in asked.content.decode() and 'name="confirmed" value="1"' in asked.content.decode()
        appt.refresh_from_db()
        assert appt.cancelled_at is None
        response = portal.post(f"/portal/appointments/{appt.pk}/cancel/", {"confirmed": "1"})
        assert response.status_code == 302
        appt.refresh_from_db()
        assert appt.cancelled_at is not None
        assert "Wird gestrichen" not in portal.get(url_of(client)).content.decode()

    def test_cancelling_rejects_get(self, portal, portal_setup, authorise):
        record, client = portal_setup
        authorise(client, record)
        appt = make_appointment(record, client)
        assert portal.get(f"/portal/appointments/{appt.pk}/cancel/").status_code == 405

    def test_cancelling_needs_current_access(self, portal, portal_setup):
        record, client = portal_setup
        appt = make_appointment(record, client)  # no Vollmacht: basic level only
        assert portal.post(f"/portal/appointments/{appt.pk}/cancel/").status_code == 404
        appt.refresh_from_db()
        assert appt.cancelled_at is None


# --- profile -----------------------------------------------------------------------------------


class TestProfile:
    def test_it_updates_my_availability_and_contact_data(self, portal, portal_setup):
        record, _client = portal_setup
        response = portal.post(
            "/portal/profile/",
            {
                "phone": "06062 123456",
                "street": "Neue Straße 1",
                "postcode": "64711",
                "town": "Erbach",
                "availability_days": ["mon", "fri"],
                "availability_note": "nur vormittags",
            },
        )
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.availability_days == ["mon", "fri"]
        assert record.street == "Neue Straße 1"
        assert record.availability_note == "nur vormittags"

    def test_it_cannot_change_status_or_certificate(self, portal, portal_setup):
        record, _client = portal_setup
        portal.post("/portal/profile/", {"status": "left", "police_certificate_result": "entries", "town": "X"})
        record.refresh_from_db()
        assert record.status == "active"
        assert record.police_certificate_result == "clear"

    def test_bad_input_is_a_field_error(self, portal, portal_setup):
        response = portal.post("/portal/profile/", {"phone": "keine Nummer", "availability_days": ["xyz"]})
        assert response.status_code == 200
        page = response.content.decode()
        assert "gültige Telefonnummer" in page
        assert "gültige Auswahl" in page

    def test_it_explains_itself_without_a_record(self, portal):
        response = portal.get("/portal/profile/")
        assert response.status_code == 200
        assert "noch kein Eintrag" in response.content.decode()

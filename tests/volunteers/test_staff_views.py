import pytest
from django.utils import timezone

from cases.models import Contact, Language
from tests.factories import days, make_client, speak
from volunteers.models import Assignment, Training, Volunteer, add_months


@pytest.fixture
def staff(client, caseworker):
    client.force_login(caseworker)
    return client


def volunteer_data(**overrides):
    data = {
        "given_names": "Hanna",
        "family_name": "Hilfreich",
        "email": "hanna@example.org",
        "phone": "06062 123456",
        "status": "prospect",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "10",
        "languages-0-language": str(Language.objects.get(code="ar").pk),
        "languages-0-level": "fluent",
        "languages-1-language": "",
        "languages-1-level": "native",
        "availability_days": ["mon", "wed"],
        "availability_note": "vormittags",
        "lay_interpreter": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


STAFF = ["caseworker", "teamlead", "administrator"]
NOT_STAFF = ["volunteer", "kjc"]


# --- list -------------------------------------------------------------------------------------


class TestList:
    @pytest.mark.parametrize("persona", STAFF, indirect=True)
    def test_staff_see_the_shared_registry(self, client, persona, make_volunteer):
        make_volunteer(given_names="Sichtbar", family_name="Für-Alle")
        client.force_login(persona)
        response = client.get("/volunteers/")
        assert response.status_code == 200
        assert "Für-Alle, Sichtbar" in response.content.decode()

    @pytest.mark.parametrize("persona", NOT_STAFF, indirect=True)
    def test_it_is_404_for_volunteers_and_kjc(self, client, persona):
        client.force_login(persona)
        assert client.get("/volunteers/").status_code == 404

    def test_anonymous_users_are_sent_to_login(self, client, db):
        assert client.get("/volunteers/").url.startswith("/accounts/login/")

    def test_it_rejects_post(self, staff):
        assert staff.post("/volunteers/").status_code == 405

    def test_it_filters_and_searches(self, staff, make_volunteer, erbach, michelstadt):
        a = make_volunteer(
            given_names="Amal", family_name="Qaddumi", languages=[("ar", "native")], municipalities=[erbach]
        )
        b = make_volunteer(
            given_names="Bert",
            family_name="Bergmann",
            status="paused",
            lay_interpreter=True,
            municipalities=[michelstadt],
        )
        ar = Language.objects.get(code="ar").pk

        def names(query):
            page = staff.get(f"/volunteers/?{query}").content.decode()
            return {v.family_name for v in (a, b) if v.family_name in page}

        assert names("") == {"Qaddumi", "Bergmann"}
        assert names(f"language={ar}") == {"Qaddumi"}
        assert names(f"municipality={michelstadt.pk}") == {"Bergmann"}
        assert names("status=paused") == {"Bergmann"}
        assert names("interpreter=on") == {"Bergmann"}
        assert names("q=amal") == {"Qaddumi"}
        assert names("q=bert+berg") == {"Bergmann"}
        assert names(f"q=amal&municipality={michelstadt.pk}") == set()

    def test_it_flags_volunteers_without_contact_for_30_days(self, staff, make_volunteer, assign):
        quiet = make_volunteer(family_name="Stillmann")
        make_volunteer(family_name="Fleißig")
        assign(quiet, make_client(), start=timezone.localdate() - days(40))
        page = staff.get("/volunteers/").content.decode()
        assert "30 Tage ohne Kontakt" in page
        filtered = staff.get("/volunteers/?attention=on").content.decode()
        assert "Stillmann" in filtered
        assert "Fleißig" not in filtered

    @pytest.mark.parametrize(
        "query",
        ["status=nonsense", "language=abc", "municipality=999999999999999999999", "page=abc", "page=99999", "q=%00"],
    )
    def test_bad_filters_never_fail(self, staff, make_volunteer, query):
        make_volunteer()
        # a NUL byte in the query string is refused before any view (400); the rest is ignored
        assert staff.get(f"/volunteers/?{query}").status_code == (400 if "%00" in query else 200)

    def test_it_paginates_with_a_constant_number_of_queries(
        self, staff, make_volunteer, assign, django_assert_max_num_queries
    ):
        def add(n):
            for i in range(n):
                v = make_volunteer(languages=[("ar", "native"), ("en", "good")])
                if i % 2:
                    assign(v, make_client(), start=timezone.localdate() - days(40))

        add(5)
        with django_assert_max_num_queries(12) as few:
            staff.get("/volunteers/")
        add(45)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = staff.get("/volunteers/").content.decode()
        assert page.count("/volunteers/", page.index("<tbody>")) >= 25
        assert "Seite 1 von 2" in page


# --- create and update ------------------------------------------------------------------------


class TestCreateAndUpdate:
    def test_it_creates_a_volunteer_with_languages(self, staff, erbach):
        response = staff.post("/volunteers/new/", volunteer_data(municipalities=[str(erbach.pk)]))
        assert response.status_code == 302
        record = Volunteer.objects.get()
        assert response.url == f"/volunteers/{record.pk}/"
        assert record.full_name == "Hanna Hilfreich"
        assert [(vl.language.code, vl.level) for vl in record.languages.all()] == [("ar", "fluent")]
        assert list(record.municipalities.all()) == [erbach]
        assert record.availability_days == ["mon", "wed"]
        assert record.lay_interpreter
        assert "ist jetzt im Verzeichnis" in staff.get(response.url).content.decode()

    def test_the_form_renders(self, staff, make_volunteer):
        assert staff.get("/volunteers/new/").status_code == 200
        assert staff.get(f"/volunteers/{make_volunteer().pk}/edit/").status_code == 200

    def test_recording_the_certificate_remembers_who_inspected_it(self, staff, caseworker):
        today = timezone.localdate()
        staff.post(
            "/volunteers/new/",
            volunteer_data(
                police_certificate_issued_on=(today - days(20)).isoformat(),
                police_certificate_inspected_on=today.isoformat(),
                police_certificate_result="clear",
                confidentiality_signed_on=today.isoformat(),
            ),
        )
        record = Volunteer.objects.get()
        assert record.police_certificate_inspected_by == caseworker
        assert record.police_certificate_valid_on()

    def test_it_warns_when_the_certificate_was_older_than_three_months(self, staff):
        today = timezone.localdate()
        response = staff.post(
            "/volunteers/new/",
            volunteer_data(
                police_certificate_issued_on=add_months(today, -5).isoformat(),
                police_certificate_inspected_on=today.isoformat(),
                police_certificate_result="clear",
            ),
            follow=True,
        )
        assert "älter als drei Monate" in response.content.decode()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"given_names": ""}, "Bitte geben Sie „Vorname(n)“ an."),
            ({"email": "kein-mail"}, "gültige E-Mail-Adresse"),
            ({"phone": "abc"}, "gültige Telefonnummer"),
            ({"date_of_birth": "2999-01-01"}, "in der Zukunft"),
            ({"date_of_birth": "1.13.1950"}, "gültiges Datum"),
            ({"status": "left-ish"}, "gültige Auswahl"),
            ({"availability_days": ["sun", "xyz"]}, "gültige Auswahl"),
            ({"police_certificate_inspected_on": "2026-01-01"}, "Bitte vollständig angeben"),
            (
                {
                    "police_certificate_issued_on": "2026-01-10",
                    "police_certificate_inspected_on": "2026-01-05",
                    "police_certificate_result": "clear",
                },
                "nach der Einsicht ausgestellt",
            ),
            ({"police_certificate_inspected_on": "2999-01-01"}, "nicht in der Zukunft"),
            ({"languages-0-level": "superb"}, "gültige Auswahl"),
            (
                {"languages-1-language": "", "languages-1-level": "", "languages-0-language": "999999"},
                "gültige Auswahl",
            ),
            ({"languages-TOTAL_FORMS": "abc"}, "Management-Formular"),
            ({"note": "a\x00b"}, "Nullzeichen"),
        ],
    )
    def test_bad_input_is_a_german_field_error(self, staff, overrides, message):
        response = staff.post("/volunteers/new/", volunteer_data(**overrides))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Volunteer.objects.exists()

    def test_the_same_language_twice_is_refused(self, staff):
        ar = str(Language.objects.get(code="ar").pk)
        response = staff.post("/volunteers/new/", volunteer_data(**{"languages-1-language": ar}))
        assert response.status_code == 200
        assert "doppelten" in response.content.decode()

    def test_an_email_of_another_volunteer_is_refused(self, staff, make_volunteer):
        make_volunteer(email="hanna@example.org")
        response = staff.post("/volunteers/new/", volunteer_data(email="HANNA@example.org"))
        assert "schon bei einer anderen ehrenamtlichen Person" in response.content.decode()

    def test_the_input_is_kept_on_error(self, staff):
        response = staff.post("/volunteers/new/", volunteer_data(given_names="", family_name="Bleibt-Stehen"))
        assert "Bleibt-Stehen" in response.content.decode()

    def test_the_status_follows_its_lifecycle(self, staff, make_volunteer):
        record = make_volunteer(status="prospect", assignable=False)
        response = staff.post(
            f"/volunteers/{record.pk}/edit/",
            volunteer_data(email=record.email, status="paused", edit_version=record.edit_version),
        )
        assert response.status_code == 200
        assert "gültige Auswahl" in response.content.decode()
        response = staff.post(
            f"/volunteers/{record.pk}/edit/",
            volunteer_data(email=record.email, status="active", edit_version=record.edit_version),
        )
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.status == "active"

    def test_leaving_ends_assignments_and_locks_the_portal(self, staff, make_volunteer, assign, volunteer):
        record = make_volunteer(volunteer)
        running = assign(record, make_client())
        future = assign(record, make_client(), start=timezone.localdate() + days(5))
        data = volunteer_data(email=record.email, status="left", edit_version=record.edit_version)
        asked = staff.post(f"/volunteers/{record.pk}/edit/", data)
        assert asked.status_code == 200 and "wirklich als ausgeschieden eintragen?" in asked.content.decode()
        record.refresh_from_db()
        assert record.status != "left"  # only asked
        response = staff.post(f"/volunteers/{record.pk}/edit/", {**data, "confirmed": "1"})
        assert response.status_code == 302
        running.refresh_from_db()
        future.refresh_from_db()
        volunteer.refresh_from_db()
        assert running.end_on == timezone.localdate()
        assert future.end_on == future.start_on
        assert not volunteer.is_active

    def test_the_account_follows_email_and_name(self, staff, make_volunteer, volunteer):
        record = make_volunteer(volunteer)
        staff.post(
            f"/volunteers/{record.pk}/edit/",
            volunteer_data(
                email="Neue.Adresse@example.org",
                given_names="Vera",
                family_name="Neu",
                status="active",
                edit_version=record.edit_version,
            ),
        )
        volunteer.refresh_from_db()
        assert volunteer.email == "neue.adresse@example.org"
        assert volunteer.full_name == "Vera Neu"

    def test_an_email_of_another_account_is_refused_with_a_portal_account(
        self, staff, make_volunteer, volunteer, colleague
    ):
        record = make_volunteer(volunteer)
        response = staff.post(f"/volunteers/{record.pk}/edit/", volunteer_data(email=colleague.email, status="active"))
        assert "gehört schon zu einem anderen Benutzerkonto" in response.content.decode()

    def test_languages_can_be_removed(self, staff, make_volunteer):
        record = make_volunteer(languages=[("ar", "native")])
        vl = record.languages.get()
        data = volunteer_data(
            email=record.email,
            status="active",
            edit_version=record.edit_version,
            **{
                "languages-TOTAL_FORMS": "1",
                "languages-INITIAL_FORMS": "1",
                "languages-0-id": str(vl.pk),
                "languages-0-volunteer": str(record.pk),
                "languages-0-DELETE": "on",
                "languages-1-language": None,
                "languages-1-level": None,
            },
        )
        assert staff.post(f"/volunteers/{record.pk}/edit/", data).status_code == 302
        assert not record.languages.exists()

    def test_unknown_volunteers_are_404(self, staff):
        assert staff.get("/volunteers/999999/").status_code == 404
        assert staff.get("/volunteers/99999999999999999999999/edit/").status_code == 404

    @pytest.mark.parametrize("persona", NOT_STAFF, indirect=True)
    def test_it_is_404_for_volunteers_and_kjc(self, client, persona, make_volunteer):
        record = make_volunteer()
        client.force_login(persona)
        assert client.get("/volunteers/new/").status_code == 404
        assert client.post(f"/volunteers/{record.pk}/edit/", volunteer_data()).status_code == 404


# --- detail -----------------------------------------------------------------------------------


class TestDetail:
    def test_it_shows_assignments_only_for_clients_i_may_see(
        self, staff, make_volunteer, assign, caseworker, colleague
    ):
        record = make_volunteer()
        mine, theirs = make_client(caseworker), make_client(colleague)
        assign(record, mine)
        assign(record, theirs)
        page = staff.get(f"/volunteers/{record.pk}/").content.decode()
        assert mine.full_name in page
        assert theirs.full_name not in page
        assert "Dazu 1 laufende Begleitung bei Klient:innen anderer Fallmanager:innen" in page

    def test_it_shows_contacts_the_volunteer_logged(self, staff, make_volunteer, assign, volunteer, caseworker):
        record, client = make_volunteer(volunteer), make_client(caseworker)
        assign(record, client)
        contact = Contact(client=client, author=volunteer, note="Beim Amt gewesen")
        contact.from_volunteer = True
        contact.save()
        page = staff.get(f"/volunteers/{record.pk}/").content.decode()
        assert "Beim Amt gewesen" in page
        assert "vom Ehrenamt" in page

    def test_it_explains_why_someone_cannot_accompany(self, staff, make_volunteer):
        record = make_volunteer(assignable=False, status="active")
        page = staff.get(f"/volunteers/{record.pk}/").content.decode()
        assert "Kann zurzeit keine neue Begleitung übernehmen" in page
        assert "kein erweitertes Führungszeugnis" in page

    def test_it_rejects_post(self, staff, make_volunteer):
        assert staff.post(f"/volunteers/{make_volunteer().pk}/").status_code == 405

    def test_it_adds_a_training(self, staff, make_volunteer):
        record = make_volunteer()
        response = staff.post(
            f"/volunteers/{record.pk}/trainings/", {"title": "Vollmacht-Schulung", "attended_on": "2026-03-01"}
        )
        assert response.status_code == 302
        assert record.trainings.get().title == "Vollmacht-Schulung"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"title": "", "attended_on": "2026-03-01"}, "Bitte geben Sie „Schulung“ an."),
            ({"title": "X", "attended_on": "2999-03-01"}, "in der Zukunft"),
            ({"title": "X", "attended_on": "gestern"}, "gültiges Datum"),
        ],
    )
    def test_a_bad_training_is_a_field_error(self, staff, make_volunteer, data, message):
        record = make_volunteer()
        response = staff.post(f"/volunteers/{record.pk}/trainings/", data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Training.objects.exists()

    def test_training_rejects_get(self, staff, make_volunteer):
        assert staff.get(f"/volunteers/{make_volunteer().pk}/trainings/").status_code == 405

    def test_it_runs_a_bounded_number_of_queries(
        self, staff, make_volunteer, assign, volunteer, caseworker, django_assert_max_num_queries
    ):
        record = make_volunteer(volunteer, languages=[("ar", "native")])
        for _ in range(30):
            c = make_client(caseworker)
            assign(record, c)
            contact = Contact(client=c, author=volunteer, note="x")
            contact.from_volunteer = True
            contact.save()
            Training.objects.create(volunteer=record, title="T", attended_on=timezone.localdate())
        with django_assert_max_num_queries(16):
            assert staff.get(f"/volunteers/{record.pk}/").status_code == 200


# --- matching ---------------------------------------------------------------------------------


class TestMatching:
    def test_it_ranks_language_then_municipality_then_availability_then_load(
        self, staff, make_volunteer, assign, caseworker, erbach, michelstadt
    ):
        client = make_client(caseworker, municipality=erbach)
        speak(client, "ar")
        speak(client, "fr", "basic")
        busy_local = make_volunteer(family_name="D-Busy", languages=[("ar", "native")], municipalities=[erbach])
        assign(busy_local, make_client())
        local = make_volunteer(family_name="C-Local", languages=[("ar", "native")], municipalities=[erbach])
        available = make_volunteer(
            family_name="B-Available",
            languages=[("ar", "native")],
            municipalities=[erbach],
            availability_days=["mon", "tue"],
        )
        far = make_volunteer(family_name="E-Far", languages=[("ar", "native")], municipalities=[michelstadt])
        basic_ar = make_volunteer(family_name="A-Basic", languages=[("ar", "basic")], municipalities=[erbach])
        french = make_volunteer(family_name="F-French", languages=[("fr", "fluent")], municipalities=[michelstadt])
        nobody = make_volunteer(family_name="G-None", municipalities=[erbach], availability_days=["mon"])
        make_volunteer(family_name="Z-Paused", status="paused", languages=[("ar", "native")])
        already = make_volunteer(family_name="Y-Already", languages=[("ar", "native")])
        assign(already, client)

        page = staff.get(f"/volunteers/match/{client.pk}/").content.decode()
        order = [v.family_name for v in [available, local, busy_local, far, french, basic_ar, nobody]]
        positions = [page.index(name) for name in order]
        assert positions == sorted(positions), order
        assert "Z-Paused" not in page
        assert "Y-Already" not in page

    def test_each_suggestion_is_explained_in_one_line(self, staff, make_volunteer, caseworker, erbach):
        client = make_client(caseworker, municipality=erbach)
        speak(client, "ar")
        make_volunteer(languages=[("ar", "native")], municipalities=[erbach], availability_days=["mon", "fri"])
        make_volunteer(family_name="Ohne")
        page = staff.get(f"/volunteers/match/{client.pk}/").content.decode()
        assert (
            "Spricht Arabisch (Muttersprache); begleitet in Erbach; verfügbar Mo, Fr; begleitet zurzeit niemanden."
            in page
        )
        assert "Keine gemeinsame Sprache; nicht in Erbach tätig; keine Verfügbarkeit angegeben" in page

    def test_it_is_404_for_clients_i_may_not_see(self, staff, colleague):
        assert staff.get(f"/volunteers/match/{make_client(colleague).pk}/").status_code == 404
        assert staff.get("/volunteers/match/00000000-0000-0000-0000-000000000000/").status_code == 404

    def test_team_leads_may_match_every_client(self, client, teamlead, colleague):
        client.force_login(teamlead)
        assert client.get(f"/volunteers/match/{make_client(colleague).pk}/").status_code == 200

    def test_it_runs_a_constant_number_of_queries(
        self, staff, make_volunteer, caseworker, django_assert_max_num_queries
    ):
        client = make_client(caseworker)
        speak(client, "ar")

        def add(n):
            for _ in range(n):
                make_volunteer(languages=[("ar", "good"), ("en", "basic")])

        add(5)
        with django_assert_max_num_queries(12) as few:
            staff.get(f"/volunteers/match/{client.pk}/")
        add(45)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = staff.get(f"/volunteers/match/{client.pk}/").content.decode()
        assert page.count("Begleitung anlegen<span") == 25


# --- assignments ------------------------------------------------------------------------------


class TestAssignments:
    def data(self, record, **overrides):
        return {
            "volunteer": str(record.pk),
            "kind": "accompaniment",
            "start_on": timezone.localdate().isoformat(),
            "end_on": "",
            "note": "Begleitung zum KJC",
            **overrides,
        }

    def test_it_creates_an_assignment(self, staff, make_volunteer, caseworker):
        record, client = make_volunteer(), make_client(caseworker)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record))
        assert response.status_code == 302
        a = Assignment.objects.get()
        assert (a.volunteer, a.client, a.created_by, a.kind) == (record, client, caseworker, "accompaniment")

    def test_the_form_preselects_a_suggested_volunteer(self, staff, make_volunteer, caseworker):
        record, client = make_volunteer(), make_client(caseworker)
        page = staff.get(f"/volunteers/assignments/new/{client.pk}/?volunteer={record.pk}").content.decode()
        assert f'<option value="{record.pk}" selected>' in page
        for junk in ["abc", "99999999999999999999999", "-1", ""]:
            assert staff.get(f"/volunteers/assignments/new/{client.pk}/?volunteer={junk}").status_code == 200

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"status": "paused"}, "begleiten können nur aktive Ehrenamtliche"),
            ({"status": "prospect"}, "begleiten können nur aktive Ehrenamtliche"),
            ({"police_certificate_result": "entries"}, "enthält Einträge"),
            ({"confidentiality_signed_on": None}, "Verschwiegenheitserklärung ist nicht unterschrieben"),
        ],
    )
    def test_the_form_says_why_someone_cannot_accompany(self, staff, make_volunteer, caseworker, fields, message):
        record, client = make_volunteer(**fields), make_client(caseworker)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record))
        assert response.status_code == 200
        page = response.content.decode()
        assert "kann (noch) nicht begleiten" in page
        assert message in page
        assert not Assignment.objects.exists()

    def test_a_volunteer_without_certificate_cannot_accompany(self, staff, make_volunteer, caseworker):
        record, client = make_volunteer(assignable=False, status="active"), make_client(caseworker)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record))
        assert "kein erweitertes Führungszeugnis" in response.content.decode()

    def test_an_expired_certificate_blocks_the_assignment(self, staff, make_volunteer, caseworker):
        today = timezone.localdate()
        record = make_volunteer(
            police_certificate_issued_on=add_months(today, -61),
            police_certificate_inspected_on=add_months(today, -60),
        )
        response = staff.post(f"/volunteers/assignments/new/{make_client(caseworker).pk}/", self.data(record))
        assert "abgelaufen" in response.content.decode()

    def test_a_second_overlapping_assignment_is_refused(self, staff, make_volunteer, assign, caseworker):
        record, client = make_volunteer(), make_client(caseworker)
        assign(record, client)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record))
        assert response.status_code == 200
        assert "begleitet diese Person in diesem Zeitraum bereits" in response.content.decode()
        assert Assignment.objects.count() == 1

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"start_on": ""}, "Bitte geben Sie „Beginn“ an."),
            ({"start_on": "morgen"}, "gültiges Datum"),
            ({"end_on": "2000-01-01"}, "Das Ende liegt vor dem Beginn"),
            ({"kind": "friendship"}, "gültige Auswahl"),
            ({"volunteer": "abc"}, "gültige Auswahl"),
            ({"volunteer": "99999999999999999999"}, "gültige Auswahl"),
        ],
    )
    def test_bad_input_is_a_german_field_error(self, staff, make_volunteer, caseworker, overrides, message):
        record, client = make_volunteer(), make_client(caseworker)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record, **overrides))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Assignment.objects.exists()

    def test_volunteers_who_left_are_not_offered(self, staff, make_volunteer, caseworker):
        record, client = make_volunteer(status="left"), make_client(caseworker)
        response = staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record))
        assert "gültige Auswahl" in response.content.decode()

    def test_it_is_404_for_clients_i_may_not_see(self, staff, make_volunteer, colleague):
        record, client = make_volunteer(), make_client(colleague)
        assert staff.get(f"/volunteers/assignments/new/{client.pk}/").status_code == 404
        assert staff.post(f"/volunteers/assignments/new/{client.pk}/", self.data(record)).status_code == 404
        assert not Assignment.objects.exists()

    def test_it_rejects_put(self, staff, caseworker):
        assert staff.put(f"/volunteers/assignments/new/{make_client(caseworker).pk}/").status_code == 405

    def test_it_ends_an_assignment(self, staff, make_volunteer, assign, caseworker):
        a = assign(make_volunteer(), make_client(caseworker))
        assert staff.get(f"/volunteers/assignments/{a.pk}/end/").status_code == 200
        response = staff.post(f"/volunteers/assignments/{a.pk}/end/", {"end_on": timezone.localdate().isoformat()})
        assert response.status_code == 302
        a.refresh_from_db()
        assert a.end_on == timezone.localdate()

    @pytest.mark.parametrize(
        ("value", "message"),
        [("2000-01-01", "vor dem Beginn"), ("", "Bitte geben Sie „Ende am“ an."), ("x", "gültiges")],
    )
    def test_a_bad_end_is_a_field_error(self, staff, make_volunteer, assign, caseworker, value, message):
        a = assign(make_volunteer(), make_client(caseworker))
        response = staff.post(f"/volunteers/assignments/{a.pk}/end/", {"end_on": value})
        assert response.status_code == 200
        assert message in response.content.decode()
        a.refresh_from_db()
        assert a.end_on is None

    def test_ending_is_404_for_other_caseworkers_clients(self, staff, make_volunteer, assign, colleague):
        a = assign(make_volunteer(), make_client(colleague))
        assert staff.post(f"/volunteers/assignments/{a.pk}/end/", {"end_on": "2026-01-01"}).status_code == 404


def test_administrators_reach_the_registry_in_the_admin(client, administrator, make_volunteer, assign):
    record = make_volunteer()
    a = assign(record, make_client())
    client.force_login(administrator)
    for url in [
        "/admin/volunteers/volunteer/",
        f"/admin/volunteers/volunteer/{record.pk}/change/",
        "/admin/volunteers/assignment/",
        f"/admin/volunteers/assignment/{a.pk}/change/",
        "/admin/volunteers/appointment/",
    ]:
        assert client.get(url).status_code == 200, url


def test_volunteers_change_their_password_inside_the_portal(client, volunteer):
    client.force_login(volunteer)
    page = client.get("/accounts/password_change/").content.decode()
    assert 'class="portal"' in page
    assert "/portal/profile/" in page


def test_a_forged_form_count_is_refused(staff):
    response = staff.post("/volunteers/new/", volunteer_data(**{"languages-TOTAL_FORMS": "5000"}))
    assert response.status_code == 200
    assert "höchstens 10" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_a_language_stored_in_the_meantime_is_refused_not_a_500(staff, make_volunteer):
    """A second tab adds Arabic while this form, opened before, adds it again."""
    record = make_volunteer(languages=[("ar", "native")])
    response = staff.post(
        f"/volunteers/{record.pk}/edit/",
        volunteer_data(email=record.email, status="active", edit_version=record.edit_version),
    )
    assert response.status_code == 200
    assert "Arabisch ist schon eingetragen" in response.content.decode()
    assert record.languages.count() == 1

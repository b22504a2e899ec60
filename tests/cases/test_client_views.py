import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Case, Client, ClientLanguage, Household, Language, Municipality
from tests.factories import make_client, make_household, make_many_clients


def valid_data(**overrides):
    data = {
        "family_name": "Khalil",
        "given_names": "Ahmed",
        "family_name_original": "خليل",
        "given_names_original": "أحمد",
        "aliases": "",
        "birth_day": "",
        "birth_month": "",
        "birth_year": "1985",
        "gender": "male",
        "nationalities": ["SY"],
        "residence_status": "permit",
        "residence_valid_until": "",
        "street": "Hauptstraße 1",
        "postcode": "64711",
        "municipality": "",
        "phone": "0151 23456789",
        "email": "",
        "kjc_customer_number": "123 d 456789",
        "bg_number": "06431 bg 0012345",
        "household_relation": "head",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "8",
        "languages-0-language": "",
        "languages-0-level": "native",
        "languages-1-language": "",
        "languages-1-level": "native",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ------------------------------------------------------------------------------ list


def test_list_shows_only_my_clients(client, caseworker, colleague):
    mine = make_client(caseworker, family_name="Meinname")
    make_client(colleague, family_name="Fremdname")
    client.force_login(caseworker)
    body = client.get("/clients/").content.decode()
    assert "Meinname" in body
    assert "Fremdname" not in body
    assert str(mine.pk) in body


def test_teamlead_sees_all_clients(client, teamlead, caseworker, colleague):
    make_client(caseworker, family_name="Meinname")
    make_client(colleague, family_name="Fremdname")
    client.force_login(teamlead)
    body = client.get("/clients/").content.decode()
    assert "Meinname" in body and "Fremdname" in body


def test_list_searches_and_filters(client, caseworker):
    erbach = Municipality.objects.create(name="Erbach")
    a = make_client(
        caseworker, given_names="Muhammad", family_name="Darwish", municipality=erbach, nationalities=["SY"]
    )
    b = make_client(caseworker, given_names="Olena", family_name="Melnyk", nationalities=["UA"])
    client.force_login(caseworker)
    assert list(client.get("/clients/?q=mohammed").context["page"]) == [a]
    assert list(client.get(f"/clients/?municipality={erbach.pk}").context["page"]) == [a]
    assert list(client.get("/clients/?nationality=UA").context["page"]) == [b]
    Case.objects.filter(client=b).update(status="active")
    assert list(client.get("/clients/?status=active").context["page"]) == [b]


def test_list_paginates(client, caseworker):
    make_many_clients(caseworker, 30)
    client.force_login(caseworker)
    response = client.get("/clients/")
    assert len(response.context["page"]) == 25
    after = response.context["page"].next_cursor
    assert len(client.get(f"/clients/?after={after}").context["page"]) == 5
    assert client.get("/clients/?page=999").status_code == 200  # an unknown parameter, not an error


@pytest.mark.parametrize("n", [10, 500])
def test_list_runs_a_constant_number_of_queries(client, caseworker, django_assert_max_num_queries, n):
    make_many_clients(caseworker, n, household=make_household())
    client.force_login(caseworker)
    client.get("/clients/")  # warm-up: the session learns the user's second-factor state once
    # "?sort=name": the plain list (the bare URL would bring back the remembered search by a redirect)
    for url in ["/clients/?q=test", "/clients/?sort=name", "/clients/?status=intake"]:
        with django_assert_max_num_queries(12):  # issue 13: at most 12, the same at any size
            response = client.get(url)
        assert response.status_code == 200


def test_list_with_bad_filter_values_does_not_fail(client, caseworker):
    client.force_login(caseworker)
    for query in ["status=nonsense", "municipality=abc", "caseworker=-1", "page=abc", "q=" + "x" * 5000]:
        assert client.get(f"/clients/?{query}").status_code == 200


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_list_is_404_for_volunteers_and_kjc(client, persona):
    client.force_login(persona)
    assert client.get("/clients/").status_code == 404


def test_list_rejects_post(client, caseworker):
    client.force_login(caseworker)
    assert client.post("/clients/").status_code == 405


# ------------------------------------------------------------------------------ create


def test_create_makes_client_household_languages_and_case(client, caseworker):
    arabic = Language.objects.get(code="ar")
    client.force_login(caseworker)
    response = client.post("/clients/new/", valid_data(**{"languages-0-language": str(arabic.pk)}))
    assert response.status_code == 302
    created = Client.objects.get(family_name="Khalil")
    assert response.url == f"/clients/{created.pk}/"
    assert created.household.bg_number == "06431BG0012345"
    assert created.kjc_customer_number == "123D456789"
    assert created.phone.as_e164 == "+4915123456789"
    assert [cl.language for cl in created.languages.all()] == [arabic]
    case = created.cases.get()
    assert case.caseworker == caseworker and case.status == Case.Status.INTAKE


def test_teamlead_chooses_the_caseworker(client, teamlead, caseworker):
    client.force_login(teamlead)
    response = client.post("/clients/new/", valid_data(caseworker=str(caseworker.pk)))
    assert response.status_code == 302
    assert Client.objects.get().cases.get().caseworker == caseworker


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bg_number", "06431-XX-12", "5 Ziffern"),
        ("birth_day", "31", "Dieses Datum gibt es nicht"),
        ("birth_year", "3000", "Das Geburtsjahr liegt in der Zukunft"),
        ("phone", "12", "Telefonnummer"),
        ("postcode", "6471", "fünf Ziffern"),
        ("family_name", "x" * 10_000, "200 Zeichen"),
        ("kjc_customer_number", "12/34", "Kundennummer"),
    ],
)
def test_bad_input_gets_a_german_message_at_the_field_and_keeps_the_input(client, caseworker, field, value, message):
    client.force_login(caseworker)
    data = valid_data(**{field: value, "birth_month": "2" if field == "birth_day" else ""})
    response = client.post("/clients/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    body = response.content.decode()
    kept = value if field in ("family_name", "bg_number", "phone", "postcode") else "Khalil"
    assert f'value="{kept}"' in body  # what was typed is still there
    assert not Client.objects.exists()


def test_html_and_every_script_are_stored_and_shown_escaped(client, caseworker):
    client.force_login(caseworker)
    payload = '<script>alert("x")</script>'
    data = valid_data(family_name=payload, given_names="Ṣāliḥ 𝔘𝔫𝔦 👩‍👧", aliases="ሰላም\nШевченко\n王")
    response = client.post("/clients/new/", data, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "👩‍👧" in body and "ሰላም" in body


def test_likely_duplicate_warns_before_saving(client, caseworker, colleague):
    make_client(caseworker, given_names="Mohammed", family_name="Al-Hassan", birth_year=1985)
    make_client(colleague, given_names="Muhammad", family_name="Alhassan", birth_year=1986)
    client.force_login(caseworker)
    data = valid_data(given_names="Mohamad", family_name="Al Hassan", bg_number="", household_relation="")
    response = client.post("/clients/new/", data)
    assert response.status_code == 200
    assert len(response.context["duplicates"]) == 1
    assert response.context["hidden_duplicates"] == 1
    body = response.content.decode()
    assert "Gibt es diese Person schon?" in body
    assert "Alhassan" not in body  # the colleague's client is counted, not shown
    assert Client.objects.count() == 2
    response = client.post("/clients/new/", {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Client.objects.count() == 3


def test_existing_bg_number_joins_the_household(client, caseworker):
    household = make_household("06431BG0012345")
    head = make_client(caseworker, household=household, household_relation="head")
    client.force_login(caseworker)
    client.post("/clients/new/", valid_data(household_relation="child", given_names="Noor"))
    assert Household.objects.count() == 1
    assert set(household.members.all()) == {head, Client.objects.get(given_names="Noor")}


# ------------------------------------------------------------------------------ detail


def test_detail_shows_the_client_household_and_logs_access(client, caseworker):
    household = make_household()
    a = make_client(caseworker, household=household, given_names="Rasha")
    b = make_client(caseworker, household=household, given_names="Noor")
    client.force_login(caseworker)
    response = client.get(f"/clients/{a.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert household.bg_number in body
    assert f"/clients/{b.pk}/" in body
    assert AccessLog.objects.filter(client=a, user=caseworker, action="view").count() == 1


@pytest.mark.parametrize("persona", ["colleague", "volunteer", "kjc"], indirect=True)
def test_detail_checks_ownership_with_404(client, caseworker, persona):
    other = make_client(caseworker)
    client.force_login(persona)
    assert client.get(f"/clients/{other.pk}/").status_code == 404
    assert client.get(f"/clients/{other.pk}/edit/").status_code == 404
    assert client.get(f"/clients/{other.pk}/export/").status_code == 404
    assert client.get(f"/clients/{other.pk}/history/").status_code == 404


def test_missing_and_forbidden_clients_look_the_same(client, caseworker, colleague):
    other = make_client(caseworker)
    client.force_login(colleague)
    forbidden = client.get(f"/clients/{other.pk}/")
    missing = client.get("/clients/00000000-0000-0000-0000-000000000000/")
    assert forbidden.status_code == missing.status_code == 404

    def scrub(response, pk):
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content.replace(pk.encode(), b"ID"))

    assert scrub(forbidden, str(other.pk)) == scrub(missing, "00000000-0000-0000-0000-000000000000")


def test_detail_redirects_anonymous(client, caseworker):
    other = make_client(caseworker)
    response = client.get(f"/clients/{other.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("n", [10, 500])
def test_detail_runs_a_constant_number_of_queries(client, caseworker, django_assert_max_num_queries, n):
    household = make_household()
    clients = make_many_clients(caseworker, n, household=household)
    client.force_login(caseworker)
    client.get("/clients/")  # warm-up: the session learns the user's second-factor state once
    with django_assert_max_num_queries(12):  # issue 13
        response = client.get(f"/clients/{clients[0].pk}/")
    assert response.status_code == 200


def test_detail_query_count_does_not_grow_with_the_number_of_clients(client, caseworker):
    from django.test.utils import CaptureQueriesContext

    household = make_household()
    clients = make_many_clients(caseworker, 10, household=household)
    client.force_login(caseworker)
    client.get("/clients/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/clients/{clients[0].pk}/")
    make_many_clients(caseworker, 490, household=household)
    with CaptureQueriesContext(connection) as large:
        client.get(f"/clients/{clients[0].pk}/")
    assert len(small) == len(large)


# ------------------------------------------------------------------------------ edit


def edit_data(target, **overrides):
    return valid_data(
        family_name=target.family_name,
        given_names=target.given_names,
        birth_year=str(target.birth_year),
        version=str(target.version),
        bg_number="",
        household_relation="",
        **overrides,
    )


def test_edit_saves_and_counts_the_version(client, caseworker):
    target = make_client(caseworker)
    client.force_login(caseworker)
    response = client.post(f"/clients/{target.pk}/edit/", edit_data(target, street="Neue Straße 5"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.street == "Neue Straße 5"
    assert target.version == 2


def test_second_of_two_simultaneous_edits_is_refused_and_keeps_its_input(client, caseworker, colleague, teamlead):
    target = make_client(caseworker)
    first, second = HttpClient(), HttpClient()
    first.force_login(caseworker)
    second.force_login(teamlead)
    form_first = edit_data(target, street="Erste Straße 1")
    form_second = edit_data(target, street="Zweite Straße 2")  # both opened at version 1
    assert first.post(f"/clients/{target.pk}/edit/", form_first).status_code == 302
    response = second.post(f"/clients/{target.pk}/edit/", form_second)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Inzwischen hat" in body and "NICHT gespeichert" in body
    assert 'value="Zweite Straße 2"' in body
    target.refresh_from_db()
    assert target.street == "Erste Straße 1"
    # Saving again after looking at the current values works.
    again = second.post(f"/clients/{target.pk}/edit/", {**form_second, "version": str(target.version)})
    assert again.status_code == 302
    target.refresh_from_db()
    assert target.street == "Zweite Straße 2"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_cannot_both_win(caseworker, teamlead):
    target = make_client(caseworker)
    barrier = threading.Barrier(2)
    results = []

    def save(user, street):
        http = HttpClient()
        http.force_login(user)
        barrier.wait()
        results.append(http.post(f"/clients/{target.pk}/edit/", edit_data(target, street=street)).status_code)
        connection.close()

    threads = [
        threading.Thread(target=save, args=(caseworker, "A-Straße 1")),
        threading.Thread(target=save, args=(teamlead, "B-Straße 2")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 302]
    target.refresh_from_db()
    assert target.version == 2


def test_edit_without_version_is_refused(client, caseworker):
    target = make_client(caseworker)
    client.force_login(caseworker)
    data = edit_data(target)
    del data["version"]
    assert client.post(f"/clients/{target.pk}/edit/", data).status_code == 200
    target.refresh_from_db()
    assert target.version == 1


def test_edit_languages_can_be_removed(client, caseworker):
    target = make_client(caseworker)
    cl = ClientLanguage.objects.create(client=target, language=Language.objects.get(code="ar"))
    client.force_login(caseworker)
    data = edit_data(
        target,
        **{
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "1",
            "languages-0-id": str(cl.pk),
            "languages-0-language": str(cl.language_id),
            "languages-0-level": "native",
            "languages-0-DELETE": "on",
        },
    )
    assert client.post(f"/clients/{target.pk}/edit/", data).status_code == 302
    assert not target.languages.exists()


# ------------------------------------------------------------------------------ history and export


def test_history_shows_who_changed_which_field(client, caseworker):
    target = make_client(caseworker)
    client.force_login(caseworker)
    client.post(f"/clients/{target.pk}/edit/", edit_data(target, street="Neue Straße 5"))
    response = client.get(f"/clients/{target.pk}/history/")
    body = response.content.decode()
    assert "Straße und Hausnummer" in body
    assert "Neue Straße 5" in body
    assert caseworker.full_name in body
    assert AccessLog.objects.filter(client=target, action="history").exists()


def test_export_contains_everything_and_is_a_download(client, caseworker):
    target = make_client(caseworker, family_name="Exportname")
    client.force_login(caseworker)
    response = client.get(f"/clients/{target.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert data["client"]["family_name"] == "Exportname"
    assert len(data["cases"]) == 1
    assert AccessLog.objects.filter(client=target, action="export").exists()


# ------------------------------------------------------------------------------ dashboard


def test_dashboard_shows_my_overdue_and_this_weeks_followups_and_expiring_papers(client, caseworker, colleague):
    from cases.models import FollowUp

    today = timezone.localdate()
    mine = make_client(caseworker, family_name="Ablauf", residence_valid_until=today + datetime.timedelta(days=10))
    FollowUp.objects.create(
        client=mine, owner=caseworker, due_on=today - datetime.timedelta(days=2), text="Überfällig-X"
    )
    FollowUp.objects.create(client=mine, owner=caseworker, due_on=today + datetime.timedelta(days=3), text="Woche-Y")
    FollowUp.objects.create(client=mine, owner=caseworker, due_on=today + datetime.timedelta(days=20), text="Später-Z")
    other = make_client(colleague, family_name="Kollegenfall")
    FollowUp.objects.create(client=other, owner=colleague, due_on=today, text="Fremd-W")
    client.force_login(caseworker)
    body = client.get("/").content.decode()
    assert "Überfällig-X" in body and "Woche-Y" in body
    assert "Später-Z" not in body and "Fremd-W" not in body and "Kollegenfall" not in body
    assert "Ablauf" in body


def test_reverse_of_the_client_url_is_stable(caseworker):
    target = make_client(caseworker)
    assert reverse("cases:client_detail", args=[target.pk]) == f"/clients/{target.pk}/"


def test_a_started_language_row_needs_a_language(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/clients/new/", valid_data(**{"languages-0-level": "basic"}))
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Sprache." in response.content.decode()
    assert not Client.objects.exists()

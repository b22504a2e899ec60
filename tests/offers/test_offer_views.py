"""Staff pages of offers and providers: /offers/, /offers/<id>/, forms."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.models import Offer, OfferTranslation, Provider, Referral
from tests.factories import give_consent, make_client, make_offer

STAFF = ["caseworker", "teamlead", "administrator"]


def many_offers(provider, category, municipality, n):
    for i in range(n):
        offer = make_offer(provider, category, municipality, title=f"Angebot {i:03d}", capacity=5)
        OfferTranslation.objects.create(offer=offer, language="ar", title=f"عرض {i}")


@pytest.mark.parametrize("persona", STAFF, indirect=True)
def test_staff_see_the_list(client, persona, offer):
    client.force_login(persona)
    response = client.get("/offers/")
    assert response.status_code == 200
    assert offer.title in response.content.decode()


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_the_list_is_404_for_volunteers_and_the_kjc(client, persona, offer):
    client.force_login(persona)
    assert client.get("/offers/").status_code == 404
    assert client.get(f"/offers/{offer.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, offer):
    response = client.get(f"/offers/{offer.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    client, caseworker, provider, category, municipality, rows, django_assert_max_num_queries
):
    many_offers(provider, category, municipality, rows)
    client.force_login(caseworker)
    with django_assert_max_num_queries(9):
        response = client.get("/offers/?period=all")
    assert response.status_code == 200


def test_the_list_filters(client, caseworker, provider, category, municipality):
    make_offer(provider, category, municipality, title="Kinderturnen", min_age=3, max_age=6)
    make_offer(provider, category, None, title="Frauenschwimmen", min_age=16, gender=Offer.Gender.FEMALE, fee=2)
    make_offer(
        provider, category, municipality, title="Musikschule", fee=25, but_eligible=True, but_category="participation"
    )
    make_offer(
        provider,
        category,
        municipality,
        title="Altes Angebot",
        active_from=timezone.localdate() - datetime.timedelta(days=99),
        active_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(caseworker)

    def titles(query):
        page = client.get(f"/offers/?{query}", follow=True).context["page"]
        return sorted(o.title for o in page)

    assert titles("age=4") == ["Kinderturnen", "Musikschule"]
    assert titles("gender=male") == ["Kinderturnen", "Musikschule"]
    assert titles("cost=free") == ["Kinderturnen"]
    assert titles("cost=but") == ["Musikschule"]
    assert titles(f"municipality={municipality.pk}&q=turn") == ["Kinderturnen"]
    assert "Altes Angebot" not in titles("reset=1")  # "Filter zurücksetzen": the running offers
    assert "Altes Angebot" in titles("period=all")


def test_bad_filter_input_gives_a_field_error_not_a_500(client, caseworker, offer):
    client.force_login(caseworker)
    response = client.get("/offers/?age=zwölf&category=999999")
    assert response.status_code == 200
    form = response.context["form"]
    assert "age" in form.errors and "category" in form.errors
    assert "Bitte eine ganze Zahl eingeben." in response.content.decode()


def test_the_offer_page_shows_only_referrals_of_own_clients(client, caseworker, colleague, offer):
    mine = make_client(caseworker, given_names="Meine", family_name="Klientin")
    theirs = make_client(colleague, given_names="Fremde", family_name="Klientin")
    for person, user in ((mine, caseworker), (theirs, colleague)):
        give_consent(person, offer.provider, user)
        services.create_referral(offer=offer, client=person, user=user, register=True)
    client.force_login(caseworker)
    content = client.get(f"/offers/{offer.pk}/").content.decode()
    assert "Meine Klientin" in content
    assert "Fremde Klientin" not in content
    assert "2 von 2 belegt" in content


@pytest.mark.parametrize("rows", [5, 50])
def test_the_offer_page_runs_a_constant_number_of_queries(
    client, teamlead, caseworker, provider, category, rows, django_assert_max_num_queries
):
    offer = make_offer(provider, category, capacity=rows // 2)
    for i in range(rows):
        person = make_client(caseworker, given_names=f"Person{i}", family_name="Test")
        give_consent(person, provider, caseworker)
        services.create_referral(offer=offer, client=person, user=caseworker, register=True)
    client.force_login(teamlead)
    with django_assert_max_num_queries(16):
        response = client.get(f"/offers/{offer.pk}/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(rows, 25)


def test_a_missing_offer_is_404(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/offers/999999/").status_code == 404


def offer_form_data(provider, category, municipality, **overrides):
    data = {
        "title": "Neues Angebot",
        "description": "Beschreibung",
        "category": category.pk,
        "provider": provider.pk,
        "municipality": municipality.pk,
        "gender": "all",
        "fee": "0",
        "active_from": timezone.localdate().isoformat(),
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "12",
        "translations-0-language": "ar",
        "translations-0-title": "عرض جديد",
    }
    data.update(overrides)
    return data


def test_staff_create_an_offer_with_a_translation(client, caseworker, provider, category, municipality):
    client.force_login(caseworker)
    response = client.post("/offers/new/", offer_form_data(provider, category, municipality))
    offer = Offer.objects.get(title="Neues Angebot")
    assert response.status_code == 302 and response.url == f"/offers/{offer.pk}/"
    assert offer.translations.get().title == "عرض جديد"
    assert offer.history.count() == 1
    assert offer.history.get().history_user == caseworker


def test_invalid_offer_input_is_kept_and_explained(client, caseworker, provider, category, municipality):
    client.force_login(caseworker)
    data = offer_form_data(provider, category, municipality, min_age="12", max_age="6", but_eligible="on")
    response = client.post("/offers/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "Das Höchstalter liegt unter dem Mindestalter." in form.errors["max_age"]
    assert "but_category" in form.errors
    assert 'value="Neues Angebot"' in response.content.decode()
    assert not Offer.objects.filter(title="Neues Angebot").exists()


def test_raising_the_capacity_moves_people_up(client, caseworker, offer, provider, category, municipality):
    people = [make_client(caseworker, given_names=n, family_name="Test") for n in ("A", "B", "C")]
    for person in people:
        give_consent(person, provider, caseworker)
        services.create_referral(offer=offer, client=person, user=caseworker, register=True)
    client.force_login(caseworker)
    data = offer_form_data(
        provider,
        category,
        municipality,
        title=offer.title,
        capacity="3",
        edit_version=offer.edit_version,
        **{"translations-0-language": "", "translations-0-title": ""},
    )
    response = client.post(f"/offers/{offer.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    assert "Eine Person ist von der Warteliste nachgerückt." in response.content.decode()
    assert not Referral.objects.filter(status=Referral.Status.WAITLIST).exists()


def test_the_history_shows_who_changed_what(client, caseworker, provider, category, municipality, offer):
    client.force_login(caseworker)
    data = offer_form_data(
        provider,
        category,
        municipality,
        title=offer.title,
        capacity="7",
        edit_version=offer.edit_version,
        **{"translations-0-language": "", "translations-0-title": ""},
    )
    client.post(f"/offers/{offer.pk}/edit/", data)
    content = client.get(f"/offers/{offer.pk}/").content.decode()
    assert "Fiona Fallmanagerin" in content
    assert "Plätze" in content.split('id="history-heading"')[1]


def test_provider_pages(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/offers/providers/").status_code == 200
    response = client.post("/offers/providers/new/", {"name": "Neuer Verein e. V.", "kind": "club"})
    assert response.status_code == 302
    provider = Provider.objects.get(name="Neuer Verein e. V.")
    response = client.post("/offers/providers/new/", {"name": "Neuer Verein e. V.", "kind": "club"})
    assert "Diesen Träger gibt es schon." in response.context["form"].errors["name"]
    response = client.post(
        f"/offers/providers/{provider.pk}/edit/",
        {"name": "Umbenannt e. V.", "kind": "club", "edit_version": provider.edit_version},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Umbenannt e. V."
    assert client.get("/offers/providers/999999/edit/").status_code == 404


def test_finding_a_person_to_refer_only_finds_own_clients(client, caseworker, colleague, offer):
    make_client(caseworker, given_names="Samira", family_name="Nasser")
    make_client(colleague, given_names="Samira", family_name="Fremd")
    client.force_login(caseworker)
    response = client.get(f"/offers/{offer.pk}/refer/?q=Samira")
    names = [c.full_name for c in response.context["clients"]]
    assert names == ["Samira Nasser"]
    assert reverse("offers:referral_create", kwargs={"client_id": response.context["clients"][0].pk}) in (
        response.content.decode()
    )

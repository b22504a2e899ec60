"""Two people edit the same record: the second save is refused like on the client form — the
message, the input kept, the current values shown — and saving again applies it. For every
editable record with legal weight: household, provider, offer, Vollmacht draft, volunteer."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient

from authorisations.models import KjcBranch
from offers.models import Provider
from tests.factories import make_agent as make_volunteer
from tests.factories import make_authorisation, make_client, make_household, make_offer, make_principal
from volunteers.models import Volunteer

STALE = "Inzwischen hat"


@pytest.fixture
def branch(db):
    return KjcBranch.objects.create(
        name="KJC Erbach", street="Michelstädter Straße 12", postcode="64711", town="Erbach"
    )


def page_data(response, *formsets) -> dict:
    """What a browser sends back from the page's form (and formsets) when nothing is changed."""
    data = {}

    def put(bound):
        value = bound.value()
        if value is None or value is False:
            return
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[bound.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)

    for bound in response.context["form"]:
        put(bound)
    for name in formsets:
        formset = response.context[name]
        for bound in formset.management_form:
            put(bound)
        for form in formset.forms:
            for bound in form:
                put(bound)
    return data


def household(caseworker, _branch):
    record = make_household()
    make_client(caseworker, household=record)
    return record, f"/households/{record.pk}/", "note", ()


def provider(_caseworker, _branch):
    record = Provider.objects.create(name="Sportverein Erbach")
    return record, f"/offers/providers/{record.pk}/edit/", "contact_person", ()


def offer(_caseworker, _branch):
    from offers.models import Category

    record = make_offer(Provider.objects.create(name="Träger"), Category.objects.get_or_create(name="Sport")[0])
    return record, f"/offers/{record.pk}/edit/", "description", ("formset",)


def authorisation_draft(caseworker, branch):
    record = make_authorisation(make_principal(caseworker), make_volunteer(), caseworker, branch)
    return record, f"/authorisations/{record.pk}/edit/", "exclusions", ()


def volunteer(_caseworker, _branch):
    record = Volunteer.objects.create(given_names="Vera", family_name="Helfer", email="vera@example.org")
    return record, f"/volunteers/{record.pk}/edit/", "note", ("languages",)


@pytest.mark.parametrize("make", [household, provider, offer, authorisation_draft, volunteer])
def test_a_stale_save_is_refused_with_the_input_kept_and_the_current_values_shown(caseworker, branch, make):
    record, url, field, formsets = make(caseworker, branch)
    first, second = HttpClient(), HttpClient()
    first.force_login(caseworker)
    second.force_login(caseworker)
    first_data = page_data(first.get(url), *formsets)
    second_data = page_data(second.get(url), *formsets)  # opened before the first one saves

    assert first.post(url, {**first_data, field: "Änderung der ersten Person"}).status_code == 302
    response = second.post(url, {**second_data, field: "Änderung der zweiten Person"})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "NICHT gespeichert" in page
    assert response.context["form"][field].value() == "Änderung der zweiten Person"  # input kept
    assert "Aktuell gespeicherte Werte" in page and "Änderung der ersten Person" in page
    record.refresh_from_db()
    assert getattr(record, field) == "Änderung der ersten Person"

    # Having compared, the second person saves again: now it applies.
    again = page_data(response, *formsets)
    assert second.post(url, {**again, field: "Änderung der zweiten Person"}).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "Änderung der zweiten Person"


def test_a_stale_save_of_the_yearly_narrative_is_refused_with_the_text_kept(teamlead):
    from reports.models import YearlyNarrative

    YearlyNarrative.objects.create(year=2025, text="Erster Stand", updated_by=teamlead)
    url = "/reports/yearly/"
    first, second = HttpClient(), HttpClient()
    for browser in (first, second):
        browser.force_login(teamlead)
    opened = [b.get(url, {"year": 2025}).context["narrative_form"] for b in (first, second)]
    data = [{"year": "2025", "edit_version": form["edit_version"].value()} for form in opened]

    assert first.post(url, {**data[0], "text": "Text der ersten Person"}).status_code == 302
    response = second.post(url, {**data[1], "text": "Text der zweiten Person", "form_token": "tok-n2"})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "NICHT gespeichert" in page
    assert response.context["narrative_form"]["text"].value() == "Text der zweiten Person"
    assert "Aktuell gespeicherte Werte" in page and "Text der ersten Person" in page
    assert YearlyNarrative.objects.get().text == "Text der ersten Person"

    again = {"year": "2025", "edit_version": response.context["narrative_form"]["edit_version"].value()}
    assert second.post(url, {**again, "text": "Text der zweiten Person"}).status_code == 302
    assert YearlyNarrative.objects.get().text == "Text der zweiten Person"


@pytest.mark.parametrize(
    ("kind", "field"),
    [("municipalities", "postcodes"), ("languages", "native_name"), ("kjc-branches", "street"), ("categories", "name")],
)
def test_a_stale_save_of_master_data_is_refused_with_the_input_kept(administrator, kind, field):
    from operations.masterdata import KINDS

    model = KINDS[kind].model
    record = {
        "municipalities": lambda: model.objects.create(name="Neu-Erbach", postcodes="64711"),
        "languages": lambda: model.objects.create(code="xq", name="Testisch", native_name="Testi"),
        "kjc-branches": lambda: model.objects.create(name="KJC Nord", street="Weg 1", postcode="64711", town="Erbach"),
        "categories": lambda: model.objects.create(name="Testkategorie"),
    }[kind]()
    url = f"/setup/{kind}/{record.pk}/"
    first, second = HttpClient(), HttpClient()
    for browser in (first, second):
        browser.force_login(administrator)
    first_data, second_data = page_data(first.get(url)), page_data(second.get(url))
    first_value, second_value = ("64712", "64713") if field == "postcodes" else ("Erste Fassung", "Zweite Fassung")

    assert first.post(url, {**first_data, field: first_value}).status_code == 302
    response = second.post(url, {**second_data, field: second_value, "form_token": "tok-master"})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "NICHT gespeichert" in page and "Aktuell gespeicherte Werte" in page
    assert response.context["form"][field].value() == second_value  # input kept
    record.refresh_from_db()
    assert getattr(record, field) == first_value
    again = page_data(response)
    assert second.post(url, {**again, field: second_value}).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == second_value


def test_a_stale_save_of_the_districts_name_and_logo_is_refused_and_the_new_logo_not_kept(administrator, settings):
    from tests import files
    from wir_fallmanagement.models import District

    District.objects.create(pk=1, name="Odenwaldkreis")
    url = "/setup/district/"
    first, second = HttpClient(), HttpClient()
    for browser in (first, second):
        browser.force_login(administrator)
    first_data, second_data = page_data(first.get(url)), page_data(second.get(url))

    assert first.post(url, {**first_data, "name": "Kreis Bergstraße"}).status_code == 302
    logo = SimpleUploadedFile("wappen.png", files.image())
    response = second.post(url, {**second_data, "name": "Vogelsbergkreis", "logo_upload": logo, "form_token": "t"})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "NICHT gespeichert" in page and "Kreis Bergstraße" in page
    assert response.context["form"]["name"].value() == "Vogelsbergkreis"
    district = District.objects.get()
    assert (district.name, district.logo) == ("Kreis Bergstraße", "")
    media = Path(settings.MEDIA_ROOT)
    assert not (media.exists() and any(p.is_file() for p in media.rglob("*")))  # the refused logo is gone
    again = page_data(response)
    assert second.post(url, {**again, "name": "Vogelsbergkreis"}).status_code == 302
    assert District.objects.get().name == "Vogelsbergkreis"


def test_a_district_save_without_the_version_it_was_opened_with_is_refused(administrator):
    """A form opened before the version field existed (or a hand-made post) carries no version:
    for the existing district that counts as stale, like every other record's form."""
    from wir_fallmanagement.models import District

    District.objects.create(pk=1, name="Odenwaldkreis")
    url = "/setup/district/"
    browser = HttpClient()
    browser.force_login(administrator)
    data = {key: value for key, value in page_data(browser.get(url)).items() if key != "edit_version"}
    response = browser.post(url, {**data, "name": "Vogelsbergkreis"})
    assert response.status_code == 200 and STALE in response.content.decode()
    assert District.objects.get().name == "Odenwaldkreis"
    assert browser.post(url, {**page_data(response), "name": "Vogelsbergkreis"}).status_code == 302
    assert District.objects.get().name == "Vogelsbergkreis"

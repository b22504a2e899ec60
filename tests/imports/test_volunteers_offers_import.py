"""Volunteers (languages, municipalities, police certificate), providers and offers (translations)."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Language, Municipality
from imports.models import ImportRun
from offers.models import Category, Offer, Provider
from offers.resources import OfferImportResource, ProviderImportResource
from tests.conftest import login
from tests.imports.files import upload, xlsx
from volunteers.models import Volunteer
from volunteers.resources import VolunteerImportResource

pytestmark = pytest.mark.django_db


def run_import(client, user, kind, content, name="liste.xlsx", *, commit=True):
    login(client, user)
    response = client.post(reverse("imports:import_start"), {"kind": kind, "file": upload(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.latest("created_at")
    if commit and run.may_commit:
        client.post(reverse("imports:import_commit", args=[run.pk]))
        run.refresh_from_db()
    return run


def row_of(resource, **values):
    return [values.get(c, "") for c in resource.columns()]


def test_volunteers_with_languages_municipalities_and_police_certificate(client, caseworker, erbach):
    Municipality.objects.create(name="Michelstadt")
    columns = VolunteerImportResource.columns()
    rows = [
        row_of(
            VolunteerImportResource,
            **{
                "Familienname": "Schneider",
                "Vorname(n)": "Erika",
                "E-Mail": "Erika@Example.org",
                "Sprachen": "Arabisch (fließend); en",
                "Kommunen": "Erbach; michelstadt",
                "Führungszeugnis ausgestellt am": "02.01.2025",
                "Führungszeugnis eingesehen am": "2025-01-15",
                "Ergebnis Führungszeugnis": "ohne Eintrag – unbedenklich",
                "Status": "aktiv",
            },
        ),
        row_of(
            VolunteerImportResource, **{"Familienname": "Weber", "Vorname(n)": "Jonas", "Geburtsdatum": "01.01.1970"}
        ),
    ]
    run = run_import(client, caseworker, "volunteers", xlsx(rows, headers=columns))
    assert run.status == ImportRun.Status.DONE, run.report
    erika = Volunteer.objects.get(family_name="Schneider")
    assert erika.status == "active"
    assert sorted(erika.languages.values_list("language__code", "level")) == [("ar", "fluent"), ("en", "native")]
    assert sorted(erika.municipalities.values_list("name", flat=True)) == ["Erbach", "Michelstadt"]
    assert erika.police_certificate_inspected_on == datetime.date(2025, 1, 15)
    assert erika.police_certificate_inspected_by == caseworker
    assert erika.history.first().history_change_reason == "importiert aus liste.xlsx"
    again = run_import(client, caseworker, "volunteers", xlsx(rows, headers=columns))
    assert again.counts == {"new": 0, "update": 0, "skip": 2, "error": 0}, again.report
    assert Volunteer.objects.count() == 2


def test_volunteer_errors(client, caseworker, erbach):
    columns = VolunteerImportResource.columns()
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
    rows = [
        row_of(VolunteerImportResource, **{"Familienname": "A", "Vorname(n)": "B", "Kommunen": "Atlantis"}),
        row_of(
            VolunteerImportResource,
            **{"Familienname": "C", "Vorname(n)": "D", "Führungszeugnis eingesehen am": future},
        ),
        row_of(
            VolunteerImportResource,
            **{"Familienname": "E", "Vorname(n)": "F", "Führungszeugnis eingesehen am": "01.01.2025"},
        ),
        row_of(VolunteerImportResource, **{"Familienname": "G", "Vorname(n)": "H", "E-Mail": "x@example.org"}),
        row_of(VolunteerImportResource, **{"Familienname": "I", "Vorname(n)": "J", "E-Mail": "X@example.org"}),
    ]
    run = run_import(client, caseworker, "volunteers", xlsx(rows, headers=columns))
    found = {(r["line"], e["column"], e["message"]) for r in run.report for e in r["errors"]}
    assert (2, "Kommunen", "Unbekannte Kommune „Atlantis“.") in found
    assert (3, "Führungszeugnis eingesehen am", f"Das Datum {future} liegt in der Zukunft.") in found
    assert any(line == 4 and col == "Führungszeugnis ausgestellt am" for line, col, _m in found)
    assert (6, "E-Mail", "Doppelt in der Datei: dieselbe Angabe steht schon in Zeile 5.") in found
    assert not Volunteer.objects.exists()


def test_providers_then_offers_with_translations(client, teamlead, erbach):
    Language.objects.get(code="ar")
    run = run_import(
        client,
        teamlead,
        "providers",
        xlsx(
            [row_of(ProviderImportResource, **ProviderImportResource.example)], headers=ProviderImportResource.columns()
        ),
    )
    assert run.status == ImportRun.Status.DONE, run.report
    example = dict(OfferImportResource.example, **{"BuT-fähig": "nein", "Kategorie": Category.objects.first().name})
    offers = xlsx(
        [
            row_of(OfferImportResource, **example),
            row_of(OfferImportResource, **dict(example, Träger="Unbekannt e. V.")),
        ],
        headers=OfferImportResource.columns(),
    )
    run = run_import(client, teamlead, "offers", offers, commit=False)
    assert run.report[1]["errors"] == [
        {
            "column": "Träger",
            "message": "Unbekannter Träger „Unbekannt e. V.“. Bitte importieren oder legen Sie ihn zuerst an.",
        }
    ]
    offers = xlsx([row_of(OfferImportResource, **example)], headers=OfferImportResource.columns())
    run = run_import(client, teamlead, "offers", offers)
    assert run.status == ImportRun.Status.DONE, run.report
    offer = Offer.objects.get()
    assert offer.provider == Provider.objects.get(name="TSV Erbach 1861 e. V.")
    assert offer.fee == 25 and offer.min_age == 6
    assert {t.language: t.title for t in offer.translations.all()} == {
        "en": "Swimming course for children",
        "ar": "دورة سباحة للأطفال",
        "ti": "ትምህርቲ ሕምባሰ ንቆልዑ",
        "tr": "Çocuklar için yüzme kursu",
    }
    assert offer.translations.get(language="tr").history.first().history_change_reason == "importiert aus liste.xlsx"
    again = run_import(client, teamlead, "offers", offers)
    assert again.counts == {"new": 0, "update": 0, "skip": 1, "error": 0}, again.report

"""Clients with households: upload → dry run → commit, through real HTTP."""

import pytest
from django.urls import reverse

from cases.models import Case, Client, Household
from imports.models import ImportRun
from tests.conftest import login
from tests.imports.files import csv_bytes, upload, xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    ["Haddad", "Mariam", "04.07.1988", "weiblich", "Erbach", "06431BG0012345", "Antragsteller:in", "Arabisch"],
    ["Haddad", "Omar", "1986-02-01", "männlich", "Erbach", "06431 BG 0012345", "Partner:in", ""],
    ["Haddad", "Lina", 44000, "weiblich", "Erbach", "06431BG0012345", "Kind", ""],
]


def post_file(client, name, content, **extra):
    return client.post(reverse("imports:import_start"), {"kind": "clients", "file": upload(name, content), **extra})


def test_dry_run_then_commit(client, caseworker, erbach):
    login(client, caseworker)
    response = post_file(client, "liste.xlsx", xlsx(ROWS))
    assert response.status_code == 302, response.content.decode()[:3000]
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.CHECKED, (run.problems, run.report)
    assert run.counts == {"new": 3, "update": 0, "skip": 0, "error": 0}, run.report
    assert not Client.objects.exists() and not Household.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Mariam Haddad" in page
    response = client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.report
    assert Client.objects.count() == 3
    household = Household.objects.get()
    assert household.members.count() == 3
    assert Case.objects.filter(caseworker=caseworker).count() == 2  # the child is the household's dependant
    mariam = Client.objects.get(given_names="Mariam")
    assert mariam.history.first().history_change_reason == "importiert aus liste.xlsx"
    assert list(mariam.languages.values_list("language__code", flat=True)) == ["ar"]
    assert household.history.first().history_change_reason == "importiert aus liste.xlsx"
    assert mariam.cases.get().history.first().history_change_reason == "importiert aus liste.xlsx"
    assert mariam.languages.get().history.first().history_change_reason == "importiert aus liste.xlsx"


def test_reimport_creates_nothing(client, caseworker, erbach):
    login(client, caseworker)
    for _ in range(2):
        post_file(client, "liste.csv", csv_bytes(ROWS))
        run = ImportRun.objects.latest("created_at")
        client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.counts == {"new": 0, "update": 0, "skip": 3, "error": 0}, run.report
    assert Client.objects.count() == 3

"""The sample file under docs/ and every downloadable template import without an error."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases.demo import demo_municipalities
from cases.models import Client, Household
from imports.models import ImportKind, ImportRun
from offers.models import Offer, Provider
from tests.conftest import login
from tests.imports.files import upload
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def run(client, kind, name, content):
    client.post(reverse("imports:import_start"), {"kind": kind, "file": upload(name, content)})
    run = ImportRun.objects.latest("created_at")
    assert run.may_commit, (run.problems, run.report)
    client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.report
    return run


def test_the_sample_file_in_the_docs(client, caseworker):
    demo_municipalities()
    login(client, caseworker)
    sample = Path(settings.BASE_DIR, "docs/samples/klienten-beispiel.csv").read_bytes()
    assert run(client, "clients", "klienten-beispiel.csv", sample).counts["new"] == 4
    assert Household.objects.count() == 2
    assert Client.objects.get(given_names="Olena").languages.count() == 2


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_template_with_its_example_row(client, caseworker, fmt):
    demo_municipalities()
    login(client, caseworker)
    for kind in (ImportKind.CLIENTS, ImportKind.VOLUNTEERS, ImportKind.PROVIDERS, ImportKind.OFFERS):
        content = client.get(reverse("imports:import_template", args=[kind, fmt])).content
        assert run(client, kind, f"vorlage.{fmt}", content).counts["new"] == 1
    assert Client.objects.count() == Volunteer.objects.count() == Provider.objects.count() == Offer.objects.count() == 1

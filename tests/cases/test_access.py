"""One access helper per record type (cases/access.py): records of clients the user may not see
answer 404, like missing ones, and the refusal is logged as a security event naming the type."""

import logging

import pytest
from django.utils import timezone

from cases.models import Consent, FollowUp, Goal
from tests.factories import make_client, make_document


@pytest.fixture
def records(caseworker):
    person = make_client(caseworker)
    document = make_document(person, caseworker)
    return {
        "case": ("post", f"/cases/{person.cases.get().pk}/status/"),
        "followup": (
            "post",
            f"/followups/{FollowUp.objects.create(client=person, owner=caseworker, due_on=timezone.localdate(), text='x').pk}/done/",
        ),
        "goal": ("post", f"/goals/{Goal.objects.create(client=person, title='B1', created_by=caseworker).pk}/status/"),
        "consent": (
            "get",
            f"/consents/{Consent.objects.create(client=person, recipient_kind='kjc', data_categories=['identity'], purpose='x', created_by=caseworker).pk}/revoke/",
        ),
        "document": ("get", f"/documents/{document.pk}/"),
    }


@pytest.mark.parametrize("kind", ["case", "followup", "goal", "consent", "document"])
def test_a_record_of_another_caseworkers_client_is_404_and_logged(client, colleague, records, kind, caplog):
    caplog.set_level(logging.INFO, logger="wir.security")
    method, url = records[kind]
    client.force_login(colleague)
    assert getattr(client, method)(url).status_code == 404
    lines = [r.getMessage() for r in caplog.records if r.name == "wir.security"]
    assert any("event=access_denied outcome=denied" in line and f"object={kind}" in line for line in lines)


@pytest.mark.parametrize("kind", ["case", "followup", "goal", "consent", "document"])
def test_a_missing_record_is_404_without_a_security_event(client, caseworker, records, kind, caplog):
    caplog.set_level(logging.INFO, logger="wir.security")
    method, url = records[kind]
    client.force_login(caseworker)
    missing = url.replace(url.split("/")[2], "00000000-0000-0000-0000-000000000000" if kind == "document" else "999999")
    assert getattr(client, method)(missing).status_code == 404
    assert not any("access_denied" in r.getMessage() for r in caplog.records if r.name == "wir.security")

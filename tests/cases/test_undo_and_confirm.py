"""No one-tap loss: "Erledigt" can be undone for a while; closing a case asks first."""

import datetime
import re

import pytest
from django.utils import timezone

from cases.models import FollowUp
from tests.factories import make_client
from wir_fallmanagement import undo


@pytest.fixture
def followup(caseworker):
    person = make_client(caseworker, family_name="Undo")
    return FollowUp.objects.create(client=person, owner=caseworker, due_on=timezone.localdate(), text="Bescheid prüfen")


def _undo_form(html):
    return re.search(r'<form method="post" action="([^"]+)" class="[^"]*undo-offer">(.*?)</form>', html, re.S)


def test_marking_done_offers_undo_which_reopens_it_with_history(client, caseworker, followup):
    client.force_login(caseworker)
    page = client.post(f"/followups/{followup.pk}/done/", follow=True).content.decode()
    form = _undo_form(page)
    assert form and "Rückgängig" in form.group(2) and "csrfmiddlewaretoken" in form.group(2)
    assert form.group(1) == f"/followups/{followup.pk}/reopen/"
    followup.refresh_from_db()
    assert followup.done_at is not None
    page = client.post(form.group(1), follow=True).content.decode()
    assert "Die Wiedervorlage ist wieder offen: Bescheid prüfen" in page
    followup.refresh_from_db()
    assert followup.done_at is None and followup.done_by is None
    reasons = [h.history_change_reason for h in followup.history.order_by("history_date")]
    assert reasons[-1] == "Rückgängig: wieder offen" and len(reasons) == 3


def test_the_offer_is_shown_once(client, caseworker, followup):
    client.force_login(caseworker)
    client.post(f"/followups/{followup.pk}/done/", follow=True)
    assert _undo_form(client.get("/followups/").content.decode()) is None


def test_undo_after_the_window_changes_nothing(client, caseworker, followup):
    client.force_login(caseworker)
    client.post(f"/followups/{followup.pk}/done/")
    FollowUp.objects.filter(pk=followup.pk).update(done_at=timezone.now() - undo.WINDOW - datetime.timedelta(seconds=1))
    page = client.post(f"/followups/{followup.pk}/reopen/", follow=True).content.decode()
    assert "Das lässt sich nicht mehr rückgängig machen." in page
    followup.refresh_from_db()
    assert followup.done_at is not None


def test_only_who_marked_it_done_may_undo(client, caseworker, teamlead, followup):
    client.force_login(caseworker)
    client.post(f"/followups/{followup.pk}/done/")
    client.force_login(teamlead)
    client.post(f"/followups/{followup.pk}/reopen/")
    followup.refresh_from_db()
    assert followup.done_at is not None


def test_undo_checks_the_object_and_the_csrf_token(client, colleague, caseworker, followup):
    client.force_login(colleague)
    assert client.post(f"/followups/{followup.pk}/reopen/").status_code == 404
    strict = client.__class__(enforce_csrf_checks=True)
    strict.force_login(caseworker)
    assert strict.post(f"/followups/{followup.pk}/reopen/").status_code == 403


def test_undo_from_the_list_returns_to_the_list(client, caseworker, followup):
    client.force_login(caseworker)
    page = client.post(f"/followups/{followup.pk}/done/", {"next": "list"}, follow=True).content.decode()
    url = _undo_form(page).group(1).replace("&amp;", "&")
    assert url.endswith("?next=list")
    assert client.post(url)["Location"] == "/followups/"


def test_closing_a_case_asks_first_and_works_without_javascript(client, caseworker):
    person = make_client(caseworker, family_name="Close")
    case = person.cases.get()
    client.force_login(caseworker)
    client.post(f"/cases/{case.pk}/status/", {"status": "active"})
    asked = client.post(f"/cases/{case.pk}/status/", {"status": "closed", "closing_reason": "moved"})
    html = asked.content.decode()
    assert "Den Fall von" in html and "wirklich abschließen?" in html
    assert '<input type="hidden" name="closing_reason" value="moved">' in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    case.refresh_from_db()
    assert case.status == "active"

"""Printing a client page, a list and the dashboard: the content without buttons, navigation or
forms, and a footer with the print date and who printed it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from accounts.models import Role
from tests.browser.test_keyboard_journeys import log_in_by_keyboard
from tests.factories import make_client, make_user, pdf_text


@pytest.mark.parametrize("path", ["/", "/clients/", "client"])
def test_printed_pages_carry_date_and_name_and_no_controls(live_server, page: Page, transactional_db, path):
    user = make_user("print.fm@example.org", Role.CASEWORKER, "Petra Print")
    person = make_client(user, family_name="Druck", given_names="Daria")
    log_in_by_keyboard(page, live_server.url, user.email)
    page.goto(live_server.url + (f"/clients/{person.pk}/" if path == "client" else path))
    on_screen = page.inner_text("body")
    text = pdf_text(page.pdf(format="A4"))
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert re.search(rf"Gedruckt am {re.escape(today)} \d\d:\d\d von Petra Print", text)
    assert "Gedruckt am" not in on_screen  # the footer is for paper only
    assert "Hauptnavigation" not in text and "Zum Inhalt springen" not in text
    for control in ("Abmelden", "Wechseln", "Bearbeiten", "Weitere Aktionen", "Anzeigen", "Neue Person anlegen"):
        assert control not in text, control
    if path == "client":
        assert "Druck, Daria" in text and "Stammdaten" in text

"""The team lead opens "Statistik" from the navigation, picks a quarter, reads a figure in its
table next to its chart, and the page raises no error under the strict Content-Security-Policy."""

import datetime
import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Case
from tests.factories import PASSWORD, make_client, make_user


def test_the_team_lead_reads_the_figures_of_a_quarter(live_server, page: Page, transactional_db):
    caseworker = make_user("stats.fm@example.org", Role.CASEWORKER, "Stefan Statistik")
    make_user("stats.lead@example.org", Role.TEAMLEAD, "Tara Teamleitung")
    for day in (datetime.date(2025, 2, 1), datetime.date(2025, 3, 31), datetime.date(2025, 4, 1)):
        client = make_client(gender="female")
        Case.objects.create(client=client, caseworker=caseworker, opened_on=day)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("stats.lead@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Statistik").click()
    page.get_by_role("combobox", name=re.compile("^Zeitraum")).select_option(label="Quartal")
    page.get_by_role("spinbutton", name="Jahr").fill("2025")
    page.get_by_role("combobox", name="Quartal", exact=True).select_option(label="1. Quartal")
    page.get_by_role("button", name="Anzeigen").click()

    expect(page.get_by_role("heading", name="Zeitraum: 1. Quartal 2025")).to_be_visible()
    people = page.get_by_role("table", name="Begleitete Personen")
    expect(people.get_by_role("row", name="neu aufgenommen")).to_contain_text("2")
    expect(page.get_by_role("img", name="Nach Geschlecht")).to_be_visible()
    assert problems == []

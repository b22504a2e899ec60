"""A caseworker uploads her Excel list, reads the dry run (an error at its row
and column, then a corrected file), imports it and finds the people by the name search."""

import io

import openpyxl
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Client, Municipality
from tests.factories import PASSWORD, make_user

HEADERS = ["Familienname", "Vorname(n)", "Geburtsdatum", "Kommune", "BG-Nummer", "Rolle in der BG"]


def workbook(path, rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_upload_dry_run_commit(live_server, page: Page, transactional_db, tmp_path):
    make_user("journey.import@example.org", Role.CASEWORKER, "Ida Import")
    Municipality.objects.create(name="Erbach")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("journey.import@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Import").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import aus Excel oder CSV")
    rows = [
        ["Haddad", "Mariam", "04.07.1988", "Erbach", "06431BG0012345", "Antragsteller:in"],
        ["Haddad", "Omar", "01.02.1986", "Atlantis", "06431BG0012345", "Partner:in"],
    ]
    page.get_by_label("Was wird importiert?").select_option(label="Klient:innen mit Bedarfsgemeinschaften")
    page.get_by_label("Datei").set_input_files(str(workbook(tmp_path / "liste.xlsx", rows)))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    expect(page.get_by_text("Zeile 3, Spalte „Kommune“: Unbekannte Kommune „Atlantis“.")).to_be_visible()
    expect(page.get_by_role("button", name="Importieren")).to_have_count(0)
    assert not Client.objects.exists()

    rows[1][3] = "Erbach"
    page.get_by_role("link", name="Import", exact=True).first.click()
    page.get_by_label("Was wird importiert?").select_option(label="Klient:innen mit Bedarfsgemeinschaften")
    page.get_by_label("Datei").set_input_files(str(workbook(tmp_path / "liste-korrigiert.xlsx", rows)))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    expect(
        page.get_by_text("Probelauf: 2 werden angelegt, 0 geändert, 0 übersprungen; 0 Zeilen mit Fehlern.")
    ).to_be_visible()
    assert not Client.objects.exists()
    page.get_by_role("button", name="Importieren").click()
    expect(page.get_by_text("Importiert: 2 neu angelegt, 0 geändert, 0 unverändert übersprungen.")).to_be_visible()

    page.get_by_role("link", name="Klient:innen").first.click()
    page.get_by_label("Suche", exact=True).fill("Mariam Hadad")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Haddad, Mariam")).to_be_visible()

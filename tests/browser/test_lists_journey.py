"""A caseworker filters and sorts the client list, leaves it and comes back through the navigation
to the same view, exports it by keyboard, and resets the filters."""

import openpyxl
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Municipality
from tests.factories import PASSWORD, make_client, make_user


def test_a_filtered_list_is_kept_when_coming_back_and_exports_its_rows(live_server, page: Page, transactional_db):
    caseworker = make_user("lists.fm@example.org", Role.CASEWORKER, "Lena Liste")
    erbach = Municipality.objects.create(name="Erbach")
    michelstadt = Municipality.objects.create(name="Michelstadt")
    for name in ("Abel", "Berger", "Celik"):
        make_client(caseworker, family_name=name, municipality=erbach)
    make_client(caseworker, family_name="Dorn", municipality=michelstadt)
    make_client(make_user("other.fm@example.org", Role.CASEWORKER), family_name="Fremd", municipality=erbach)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("lists.fm@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Klient:innen").first.click()
    expect(page.get_by_text("4 Personen gefunden")).to_be_visible()
    page.get_by_label("Kommune").select_option(label="Erbach")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_text("3 Personen gefunden")).to_be_visible()
    # sorted by name (the default): the heading's link now sorts the other way
    page.get_by_role("link", name="aufsteigend sortiert; absteigend sortieren").click()
    name_header = page.get_by_role("columnheader", name="Name")
    expect(name_header).to_have_attribute("aria-sort", "descending")
    expect(page.locator("tbody tr").first).to_contain_text("Celik")

    page.get_by_role("link", name="Übersicht").first.click()
    page.get_by_role("link", name="Klient:innen").first.click()
    expect(page.get_by_text("3 Personen gefunden")).to_be_visible()
    expect(page.get_by_label("Kommune")).to_have_value(str(erbach.pk))
    expect(page.get_by_role("columnheader", name="Name")).to_have_attribute("aria-sort", "descending")
    expect(page.locator("tbody tr").first).to_contain_text("Celik")

    excel = page.get_by_role("button", name="Excel")
    excel.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.startswith("klientinnen-") and download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as stream:  # (stored without the .xlsx name openpyxl checks)
        sheet = openpyxl.load_workbook(stream).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Celik", "Berger", "Abel"]

    page.get_by_role("link", name="Filter zurücksetzen").click()
    expect(page.get_by_text("4 Personen gefunden")).to_be_visible()
    page.get_by_role("link", name="Übersicht").first.click()
    page.get_by_role("link", name="Klient:innen").first.click()
    expect(page.get_by_text("4 Personen gefunden")).to_be_visible()

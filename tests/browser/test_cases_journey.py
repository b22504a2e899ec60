import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Client, Municipality
from tests.factories import PASSWORD, make_user


def test_caseworker_creates_a_client_logs_a_contact_and_sees_the_followup_on_the_dashboard(
    live_server, page: Page, transactional_db
):
    make_user("journey.fm@example.org", Role.CASEWORKER, "Jana Journey")
    Municipality.objects.create(name="Michelstadt", postcodes="64720")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("journey.fm@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Klient:innen").first.click()
    page.get_by_role("link", name="Neue Person anlegen").click()
    page.get_by_label("Familienname (lateinische Schrift)").fill("Haddad")
    page.get_by_label("Vorname(n) (lateinische Schrift)").fill("Rasha")
    page.get_by_label("Familienname (Originalschrift)").fill("حداد")
    page.get_by_role("group", name="Geburtsdatum").get_by_label("Jahr").fill("1988")
    page.get_by_label("Kommune").select_option(label="Michelstadt")
    page.get_by_label("BG-Nummer").fill("06437 bg 0000042")
    page.get_by_label("Rolle in der Bedarfsgemeinschaft").select_option(label="Antragsteller:in")
    page.get_by_label("Telefon").fill("0151 23456789")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_text("Rasha Haddad wurde angelegt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haddad, Rasha")
    expect(page.get_by_role("link", name="06437BG0000042")).to_be_visible()

    page.get_by_text("Kontakt erfassen").click()
    page.get_by_label("Art").select_option(label="Telefon")
    page.get_by_label("Notiz").first.fill("Termin beim KJC vorbereitet")
    page.get_by_role("button", name="Kontakt speichern").click()
    expect(page.get_by_text("Der Kontakt wurde gespeichert.")).to_be_visible()
    expect(page.get_by_text("Termin beim KJC vorbereitet")).to_be_visible()

    due = timezone.localdate() + datetime.timedelta(days=2)
    page.get_by_text("Wiedervorlage anlegen").click()
    page.get_by_label("fällig am").fill(due.isoformat())
    page.get_by_label("Worum geht es?").fill("Bescheid prüfen")
    page.get_by_role("button", name="Wiedervorlage speichern").click()
    expect(page.get_by_text("Die Wiedervorlage wurde angelegt.")).to_be_visible()

    page.get_by_role("link", name="Übersicht").first.click()
    panel = page.get_by_role("region", name="Meine Wiedervorlagen")
    expect(panel.get_by_text("Bescheid prüfen")).to_be_visible()
    expect(panel.get_by_role("link", name="Rasha Haddad")).to_be_visible()
    assert Client.objects.get().household.bg_number == "06437BG0000042"

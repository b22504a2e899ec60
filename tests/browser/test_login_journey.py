import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import PASSWORD, make_user


def test_a_caseworker_logs_in_through_the_real_page(live_server, page: Page, transactional_db):
    make_user("browser.fm@example.org", Role.CASEWORKER, "Bruno Browser")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.get_by_label("E-Mail-Adresse").fill("browser.fm@example.org")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("E-Mail-Adresse oder Passwort ist nicht richtig")).to_be_visible()
    expect(page.get_by_label("E-Mail-Adresse")).to_have_value("browser.fm@example.org")

    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guten Tag, Bruno")
    # keyboard users can skip the navigation
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()


def test_a_volunteer_lands_in_the_portal(live_server, page: Page, transactional_db):
    make_user("browser.ehrenamt@example.org", Role.VOLUNTEER, "Vera Volunteer")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("browser.ehrenamt@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")
    expect(page.get_by_role("heading", name="Meine Begleitungen")).to_be_visible()

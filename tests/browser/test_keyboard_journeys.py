"""Keyboard-only journeys with the focus checked after each step (what a screen-reader or
keyboard user relies on), and the portal contact form on a phone. axe-core runs on the pages
with errors, which the crawl does not reach."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Client, FollowUp, Municipality
from tests.browser.axe import violations
from tests.factories import PASSWORD, grant_portal_access, make_client, make_user, make_volunteer

# The focus ring's contrast against the background behind the focused element (WCAG 2.2, 1.4.11).
FOCUS_CONTRAST = """el => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = el.parentElement; n && !bg; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || c[3] > 0) bg = c;
    }
    bg = bg || [255, 255, 255];
    const style = getComputedStyle(el);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return 0;
    const [a, b] = [lum(rgb(style.outlineColor)), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


def tab_to(page: Page, target, *, limit=60, backwards=False):
    """Press Tab until `target` has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    expect(target).to_be_focused()


def assert_visible_focus(page: Page):
    contrast = page.evaluate(f"({FOCUS_CONTRAST})(document.activeElement)")
    label = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    assert contrast >= 3, f"focus ring contrast {contrast:.2f} on {label}"


def log_in_by_keyboard(page: Page, base: str, email: str):
    page.goto(f"{base}/accounts/login/")
    email_field = page.get_by_label("E-Mail-Adresse")
    expect(email_field).to_be_focused()  # autofocus: typing starts right away
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Passwort")).to_be_focused()
    assert_visible_focus(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def caseworker_with_client(transactional_db):
    user = make_user("keys.fm@example.org", Role.CASEWORKER, "Karla Keys")
    Municipality.objects.create(name="Michelstadt", postcodes="64720")
    person = make_client(user, family_name="Tastatur", given_names="Amira")
    return user, person


def test_find_a_client_and_add_a_follow_up_by_keyboard(live_server, page: Page, caseworker_with_client):
    user, person = caseworker_with_client
    log_in_by_keyboard(page, live_server.url, user.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guten Tag, Karla")

    # the navigation: the skip link first, then the sections, each with a visible focus
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    clients_link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Klient:innen")
    tab_to(page, clients_link)
    assert_visible_focus(page)
    page.keyboard.press("Enter")

    search = page.get_by_role("searchbox", name="Suche")
    tab_to(page, search)
    assert_visible_focus(page)
    page.keyboard.type("Tastatur")
    page.keyboard.press("Enter")
    result = page.get_by_role("link", name=re.compile("Tastatur"))
    tab_to(page, result)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tastatur, Amira")

    # the in-page navigation leads to the section; the next Tab is its first control
    section_link = page.get_by_role("navigation", name="Abschnitte dieser Seite").get_by_role(
        "link", name="Wiedervorlagen"
    )
    tab_to(page, section_link)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    opener = page.locator("summary", has_text="Wiedervorlage anlegen")
    expect(opener).to_be_focused()
    assert_visible_focus(page)
    page.keyboard.press("Enter")  # opens the form
    page.keyboard.press("Tab")
    due = page.get_by_label("fällig am")
    expect(due).to_be_focused()
    assert_visible_focus(page)
    day = timezone.localdate() + datetime.timedelta(days=3)
    due.fill(day.isoformat())  # a date control: typed per segment by locale, so filled directly
    tab_to(page, page.get_by_label("Worum geht es?"), limit=4)  # Tab walks the date's day/month/year first
    page.keyboard.type("Bescheid prüfen")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Für wen?")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Wiedervorlage speichern")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Die Wiedervorlage wurde angelegt.")).to_be_visible()
    followup = FollowUp.objects.get(client=person)
    assert followup.text == "Bescheid prüfen" and followup.due_on == day

    # marking it done offers "Rückgängig", reachable by keyboard
    done = page.get_by_role("button", name=re.compile("Erledigt.*Bescheid prüfen"))
    tab_to(page, done)
    page.keyboard.press("Enter")
    undo = page.get_by_role("button", name="Rückgängig")
    tab_to(page, undo, backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Die Wiedervorlage ist wieder offen: Bescheid prüfen")).to_be_visible()
    followup.refresh_from_db()
    assert followup.done_at is None


def test_create_a_client_with_a_bg_number_and_an_error_on_the_way(
    live_server, page: Page, caseworker_with_client, browser
):
    user, _person = caseworker_with_client
    log_in_by_keyboard(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/clients/new/")
    page.keyboard.press("Tab")  # skip link
    given = page.get_by_label("Vorname(n) (lateinische Schrift)")
    tab_to(page, given)
    page.keyboard.type("Rasha")
    year = page.get_by_role("group", name="Geburtsdatum").get_by_label("Jahr")
    tab_to(page, year)
    page.keyboard.type("1988")
    bg = page.get_by_label("BG-Nummer")
    tab_to(page, bg)
    page.keyboard.type("06437 BG 42")  # too short: an error
    page.keyboard.press("Enter")  # submits, family name still empty

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert_visible_focus(page)
    expect(page).to_have_title(re.compile("^Fehler:"))
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.first).to_have_text(re.compile("Bitte geben Sie den Familiennamen in lateinischer Schrift an."))
    expect(page.get_by_label("Vorname(n) (lateinische Schrift)")).to_have_value("Rasha")  # input kept
    assert page.locator("input[name=birth_year]").get_attribute("min") == "1900"

    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    page.keyboard.press("Enter")
    family = page.get_by_label("Familienname (lateinische Schrift)")
    expect(family).to_be_focused()
    page.keyboard.type("Haddad")

    tab_to(page, bg)
    page.keyboard.press("Control+A")
    page.keyboard.type("06437 BG 0000042")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Rasha Haddad wurde angelegt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haddad, Rasha")
    assert Client.objects.get(family_name="Haddad").household.bg_number == "06437BG0000042"


def test_pages_with_errors_have_no_axe_violations(live_server, browser, caseworker_with_client):
    user, _person = caseworker_with_client
    context = browser.new_context(bypass_csp=True, locale="de-DE")
    page = context.new_page()
    log_in_by_keyboard(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/clients/new/")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert violations(page) == []
    context.close()


def test_the_axe_check_finds_a_violation(browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<html lang="de"><title>t</title><main><img src="x.png"><input id="a"></main></html>')
    assert {v["id"] for v in violations(page)} >= {"image-alt", "label"}
    context.close()


def test_portal_contact_form_on_a_phone(live_server, page: Page, transactional_db):
    staff = make_user("portal.fm@example.org", Role.CASEWORKER, "Paula Portal")
    helper = make_user("portal.ehrenamt@example.org", Role.VOLUNTEER, "Vera Volunteer")
    record = make_volunteer(helper, inspected_by=staff)
    person = make_client(staff, family_name="Telefon", given_names="Samir")
    grant_portal_access(person, record, staff)

    page.set_viewport_size({"width": 390, "height": 844})
    log_in_by_keyboard(page, live_server.url, helper.email)
    expect(page).to_have_url(f"{live_server.url}/portal/")
    client_link = page.get_by_role("link", name="Samir Telefon", exact=True)
    tab_to(page, client_link)
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    entry = page.get_by_role("link", name="Kontakt oder Stunden eintragen")
    tab_to(page, entry)
    page.keyboard.press("Enter")

    save = page.get_by_role("button", name=re.compile("Speichern|Eintragen"))
    tab_to(page, save)
    page.keyboard.press("Enter")  # nothing written yet: errors
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte schreiben Sie kurz, was Sie gemacht haben.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    note = page.get_by_label("Was haben Sie gemacht?")
    expect(note).to_be_focused()
    page.keyboard.type("Zum KJC begleitet")
    tab_to(page, save)
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("gespeichert|eingetragen"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

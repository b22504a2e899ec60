"""A caseworker refers a girl to a full swimming course for girls: she lands on the waiting list;
a place frees; she moves up and the caseworker is told on the dashboard."""

import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from offers import services
from offers.models import Category, Offer, Provider
from tests.factories import PASSWORD, give_consent, make_client, make_offer, make_user


def test_a_girl_moves_up_from_the_waiting_list(live_server, page: Page, transactional_db):
    caseworker = make_user("journey.fm@example.org", Role.CASEWORKER, "Frida Fallmanagerin")
    provider = Provider.objects.create(name="DLRG Ortsgruppe Erbach-Michelstadt")
    course = make_offer(
        provider,
        Category.objects.get_or_create(name="Schwimmen")[0],
        title="Schwimmkurs für Mädchen",
        min_age=6,
        max_age=14,
        gender=Offer.Gender.FEMALE,
        capacity=1,
    )
    hana = make_client(caseworker, given_names="Hana", family_name="Omar", years=10, gender="female")
    mariam = make_client(caseworker, given_names="Mariam", family_name="Yousef", years=9, gender="female")
    for girl in (hana, mariam):
        give_consent(girl, provider, caseworker)
    services.create_referral(offer=course, client=hana, user=caseworker, register=True)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("journey.fm@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # refer Mariam: the course is full
    page.goto(f"{live_server.url}/clients/{mariam.pk}/referrals/new/?offer={course.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mariam Yousef an ein Angebot vermitteln")
    expect(page.get_by_label("Angebot")).to_have_value(str(course.pk))
    expect(page.get_by_label("gleich beim Träger anmelden")).to_be_checked()
    page.get_by_role("button", name="Vermitteln").click()
    expect(page).to_have_url(f"{live_server.url}/clients/{mariam.pk}/referrals/")
    expect(page.get_by_role("status")).to_contain_text("steht jetzt auf der Warteliste (Platz 1)")
    section = page.get_by_role("region", name="Vermittlungen in Angebote")
    expect(section.get_by_text("Warteliste", exact=True)).to_be_visible()
    expect(section.get_by_text("Platz 1 auf der Warteliste")).to_be_visible()

    # Hana drops out: her place frees
    page.goto(f"{live_server.url}/offers/{course.pk}/")
    expect(page.get_by_text("1 von 1 belegt")).to_be_visible()
    page.get_by_label("Neuer Status der Vermittlung von Hana Omar zu „Schwimmkurs für Mädchen“").select_option(
        label="abgebrochen"
    )
    page.get_by_role("row", name=re.compile("Hana Omar")).get_by_role("button", name="Status ändern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("wirklich auf „abgebrochen“ setzen?")
    page.get_by_role("button", name="Ja, Status setzen").click()
    expect(page.get_by_role("status")).to_contain_text("Eine Person ist von der Warteliste nachgerückt.")

    # the caseworker is told on the dashboard
    page.goto(f"{live_server.url}/")
    panel = page.get_by_role("region", name="Von der Warteliste nachgerückt")
    expect(panel).to_contain_text("Mariam Yousef")
    expect(panel).to_contain_text("Schwimmkurs für Mädchen")

    # Mariam is registered now
    panel.get_by_role("link", name="Mariam Yousef").click()
    expect(page).to_have_url(f"{live_server.url}/clients/{mariam.pk}/referrals/")
    section = page.get_by_role("region", name="Vermittlungen in Angebote")
    expect(section.get_by_text("angemeldet", exact=True)).to_be_visible()
    expect(section.get_by_text(re.compile("von der Warteliste nachgerückt am"))).to_be_visible()

    # acknowledged, the notice leaves the dashboard
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="erledigt Mariam Yousef").click()
    expect(page.get_by_role("region", name="Von der Warteliste nachgerückt")).to_have_count(0)

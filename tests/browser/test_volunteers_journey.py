"""A volunteer accepts the invitation from the e-mail, sets a password, logs in on a phone,
sees exactly their client and logs a contact; the caseworker then sees it."""

import os
import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, expect

from accounts.models import Role
from cases.models import Case, Client, Consent, Contact
from tests.factories import PASSWORD, make_user
from volunteers.models import Assignment, Volunteer

PHONE = {"width": 390, "height": 844}
NEW_PASSWORD = "Mein-Ehrenamt-2026"


def screenshot_dir(tmp_path) -> Path:
    return Path(os.environ.get("WIR_SCREENSHOTS", tmp_path))


def assignable(**fields):
    today = timezone.localdate()
    return Volunteer.objects.create(
        status=Volunteer.Status.ACTIVE,
        police_certificate_issued_on=today - timezone.timedelta(days=40),
        police_certificate_inspected_on=today - timezone.timedelta(days=30),
        police_certificate_inspected_by=fields.pop("inspector"),
        police_certificate_result=Volunteer.PoliceCertificateResult.CLEAR,
        confidentiality_signed_on=today - timezone.timedelta(days=30),
        **fields,
    )


def accompany(volunteer, client, caseworker):
    Assignment.objects.create(volunteer=volunteer, client=client, start_on=timezone.localdate(), created_by=caseworker)
    Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.VOLUNTEER,
        recipient_volunteer=volunteer,
        data_categories=["identity", "contact"],
        purpose="Begleitung",
        created_by=caseworker,
    )


def test_invitation_to_logged_contact(live_server, browser: Browser, transactional_db, tmp_path, run_jobs):
    caseworker = make_user("journey.fm@example.org", Role.CASEWORKER, "Fiona Fallmann")
    mine = Client.objects.create(given_names="Yousef", family_name="Haddad", birth_year=1985, phone="+49 6062 555123")
    theirs = Client.objects.create(given_names="Oksana", family_name="Melnyk", birth_year=1979, phone="+49 6062 555999")
    for c in (mine, theirs):
        Case.objects.create(client=c, caseworker=caseworker, status=Case.Status.ACTIVE)
    vera = assignable(given_names="Vera", family_name="Vogel", email="vera.vogel@example.org", inspector=caseworker)
    other = assignable(given_names="Otto", family_name="Ohm", email="otto@example.org", inspector=caseworker)
    accompany(vera, mine, caseworker)
    accompany(other, theirs, caseworker)

    # The caseworker invites Vera.
    staff = browser.new_context(locale="de-DE").new_page()
    staff.goto(f"{live_server.url}/accounts/login/")
    staff.get_by_label("E-Mail-Adresse").fill(caseworker.email)
    staff.get_by_label("Passwort").fill(PASSWORD)
    staff.get_by_role("button", name="Anmelden").click()
    staff.goto(f"{live_server.url}/volunteers/{vera.pk}/")
    staff.get_by_role("button", name="Zum Portal einladen").click()
    expect(staff.get_by_text("Die Einladung ist an vera.vogel@example.org gegangen.")).to_be_visible()

    # Vera opens the link from the e-mail (sent by the task worker) on her phone and sets a password.
    run_jobs()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/portal/invitation/\S+/", mail.outbox[0].body).group(0)
    link = live_server.url + link[link.index("/portal/") :]
    phone = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True, has_touch=True).new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Willkommen im Ehrenamtsportal")).to_be_visible()
    phone.get_by_label(re.compile(r"Neues Passwort\W*$")).fill("kurz")
    phone.get_by_label("Neues Passwort bestätigen").fill("kurz")
    phone.get_by_role("button", name="Passwort speichern").click()
    expect(phone.locator("#error-summary").get_by_text("Dieses Passwort ist zu kurz")).to_be_visible()
    phone.get_by_label(re.compile(r"Neues Passwort\W*$")).fill(NEW_PASSWORD)
    phone.get_by_label("Neues Passwort bestätigen").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Passwort speichern").click()
    expect(phone.get_by_text("Ihr Passwort ist gespeichert")).to_be_visible()

    # She logs in and sees exactly her client.
    phone.get_by_label("E-Mail-Adresse").fill("vera.vogel@example.org")
    phone.get_by_label("Passwort").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    expect(phone).to_have_url(f"{live_server.url}/portal/")
    expect(phone.get_by_role("heading", name="Meine Begleitungen")).to_be_visible()
    clients = phone.locator(".portal-clients > li")
    expect(clients).to_have_count(1)
    expect(clients.first).to_contain_text("Yousef Haddad")
    expect(clients.first).to_contain_text("+49 6062 555123")
    expect(phone.get_by_text("Oksana Melnyk")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(screenshot_dir(tmp_path) / "volunteers_portal_home_390.png"), full_page=True)

    # She logs a contact.
    log = phone.get_by_role("link", name=re.compile("Kontakt oder Stunden eintragen"))
    assert log.bounding_box()["height"] >= 44
    log.click()
    expect(phone.get_by_role("heading", name="Kontakt mit Yousef Haddad eintragen")).to_be_visible()
    phone.get_by_label("Wie lange?").select_option(label="1,5 Stunden")
    phone.get_by_label("Telefon").check()
    phone.get_by_label("Was haben Sie gemacht?").fill("Telefoniert, Termin beim KJC vorbereitet.")
    phone.screenshot(path=str(screenshot_dir(tmp_path) / "volunteers_portal_contact_390.png"), full_page=True)
    phone.get_by_role("button", name="Speichern").click()
    expect(phone.get_by_text("Danke! Ihr Eintrag ist gespeichert.")).to_be_visible()
    expect(phone.get_by_text("Telefoniert, Termin beim KJC vorbereitet.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(screenshot_dir(tmp_path) / "volunteers_portal_client_390.png"), full_page=True)

    contact = Contact.objects.get()
    assert contact.from_volunteer and contact.author.email == "vera.vogel@example.org"
    assert contact.duration_minutes == 90

    # The caseworker sees it, marked as coming from the volunteer.
    staff.goto(f"{live_server.url}/volunteers/{vera.pk}/")
    entries = staff.get_by_role("region", name="Zuletzt im Portal eingetragen")
    expect(entries).to_contain_text("vom Ehrenamt")
    expect(entries).to_contain_text("Yousef Haddad")
    expect(entries).to_contain_text("Telefoniert, Termin beim KJC vorbereitet.")
    expect(staff.get_by_role("region", name="Zugang zum Ehrenamtsportal")).to_contain_text("Zugang eingerichtet")
    # Close the keep-alive connections, so that the live server's threads release the database.
    phone.context.close()
    staff.context.close()

"""The life of a Vollmacht in the browser: the caseworker creates it, downloads the PDF, records the
signature and hands it over; the volunteer sees it in the portal; the caseworker revokes it and
the volunteer's extended access ends."""

import datetime
import io
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from accounts.models import Role
from authorisations.models import Authorisation, KjcBranch
from cases.models import AccessLog, Case, Client, Consent, Household
from tests.factories import PASSWORD, make_user
from volunteers.models import Assignment, Volunteer


def log_in(page: Page, base: str, email: str):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def downloaded_text(download) -> str:
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_vollmacht_from_creation_to_revocation(
    live_server, page: Page, browser, browser_context_args, transactional_db, run_jobs
):
    today = timezone.localdate()
    caseworker = make_user("browser.fm@example.org", Role.CASEWORKER, "Bruno Browser")
    helper = make_user("browser.helper@example.org", Role.VOLUNTEER, "Hanna Helferin")
    volunteer = Volunteer.objects.create(
        user=helper,
        family_name="Helferin",
        given_names="Hanna",
        date_of_birth=datetime.date(1960, 5, 1),
        street="Lindenweg 5",
        postcode="64720",
        town="Michelstadt",
        status="active",
    )
    client = Client.objects.create(
        family_name="Haddad",
        given_names="Yusuf",
        birth_year=1985,
        birth_month=2,
        birth_day=14,
        kjc_customer_number="987A654321",
        household=Household.objects.create(bg_number="06431BG0099999"),
        street="Bahnhofstraße 12",
        postcode="64711",
    )
    Case.objects.create(client=client, caseworker=caseworker, status="active")
    # What the volunteers app requires before a volunteer sees a client at all:
    Assignment.objects.create(volunteer=volunteer, client=client, start_on=today, created_by=caseworker)
    Consent.objects.create(
        client=client,
        recipient_kind="volunteer",
        recipient_volunteer=volunteer,
        data_categories=["identity"],
        purpose="Begleitung",
        created_by=caseworker,
    )
    Consent.objects.create(
        client=client,
        recipient_kind="kjc",
        data_categories=["identity", "benefits"],
        purpose="Abstimmung mit dem KJC",
        created_by=caseworker,
    )
    KjcBranch.objects.create(name="Kommunales Job-Center Odenwaldkreis, Erbach")
    base = live_server.url

    # --- the caseworker creates the Vollmacht
    log_in(page, base, caseworker.email)
    page.goto(f"{base}/authorisations/new/?client={client.pk}")
    page.get_by_label("Bevollmächtigte:r").select_option(label="Hanna Helferin")
    rdg = page.get_by_label("Ich habe den Hinweis zu § 6 RDG gelesen.")
    expect(rdg).to_be_hidden()
    page.get_by_label("Widerspruch einlegen").check()  # shows the § 6 RDG notice
    expect(rdg).to_be_visible()
    expect(page.get_by_text("§ 6 Abs. 2 RDG").first).to_be_visible()
    expect(page.get_by_label("Geld in Empfang nehmen")).not_to_be_checked()
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.locator("#error-summary").get_by_text("Bei „Widerspruch einlegen“ bestätigen Sie bitte")
    ).to_be_visible()
    page.get_by_label("Ich habe den Hinweis zu § 6 RDG gelesen.").check()
    page.get_by_label("Arbeitsübersetzung in").select_option(label="Arabisch")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vollmacht Nr.")
    detail_url = page.url
    authorisation = Authorisation.objects.get()

    # --- print: the worker renders it; the page shows the progress and then, by itself
    # (static/js/progress.js), the download
    page.get_by_role("button", name="Drucken (PDF erzeugen)").click()
    expect(page.get_by_text("Die Vollmacht wird gedruckt")).to_be_visible()
    run_jobs()
    with page.expect_download() as download:
        page.get_by_role("link", name="Gedruckte Fassung herunterladen").click(timeout=15000)
    text = downloaded_text(download.value)
    assert "Haddad, Yusuf" in text and "Helferin, Hanna" in text and authorisation.short_code in text

    # --- record the signature
    page.goto(detail_url)
    expect(page.get_by_text("gedruckt").first).to_be_visible()
    page.get_by_label("Das unterschriebene Original liegt vor").check()
    page.get_by_role("button", name="Als unterschrieben erfassen").click()
    expect(page.locator("main .badge").first).to_have_text("unterschrieben")

    # --- hand it over to the KJC with the consent that goes with it
    page.get_by_role("link", name="Übergabe an das KJC").click()
    page.get_by_label(re.compile(r"Haddad.*Helferin")).check()
    page.get_by_label(re.compile(r"Abstimmung mit dem KJC")).check()
    page.get_by_label("Team im KJC").select_option(label="Leistung")
    page.get_by_role("button", name="Übergabe erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Übergabe Nr.")
    page.get_by_role("link", name="Übergabeprotokoll (PDF)").click()
    expect(page.get_by_text("Das Dokument wird erstellt")).to_be_visible()  # by the task worker
    run_jobs()
    with page.expect_download(timeout=15000) as sheet:
        pass  # progress.js re-reads the page and opens the address once the PDF is there
    assert "Empfangsbestätigung" in downloaded_text(sheet.value)
    expect(page.get_by_text("Das Dokument ist fertig. Der Download beginnt.")).to_be_visible()  # not a bar forever
    expect(page.get_by_role("link", name="Dokument herunterladen")).to_be_visible()
    handed_out = AccessLog.objects.filter(target__startswith="handover:", action=AccessLog.Action.PDF)
    assert handed_out.count() == 1  # the script's re-reads neither received nor logged it
    authorisation.refresh_from_db()
    assert (authorisation.status, authorisation.original_holder) == ("handed_over", "kjc")

    # --- the volunteer sees it in the portal and downloads it
    helper_context = browser.new_context(**browser_context_args)
    helper_page = helper_context.new_page()
    helper_page.set_viewport_size({"width": 390, "height": 844})
    log_in(helper_page, base, helper.email)
    helper_page.goto(f"{base}/portal/vollmachten/")
    expect(helper_page.get_by_text("Vollmacht von Yusuf Haddad", exact=True)).to_be_visible()
    expect(helper_page.get_by_text("an KJC übergeben")).to_be_visible()
    with helper_page.expect_download() as own:
        helper_page.get_by_role("link", name=re.compile("PDF herunterladen")).click()
    assert "Haddad, Yusuf" in downloaded_text(own.value)
    assert Authorisation.objects.effective_on().filter(agent=volunteer, principal=client).exists()

    # --- with the Vollmacht handed over, the portal's client page shows the address
    helper_page.goto(f"{base}/portal/clients/{client.pk}/")
    expect(helper_page.get_by_role("heading", name="Anschrift")).to_be_visible()
    expect(helper_page.get_by_text("Bahnhofstraße 12")).to_be_visible()

    # --- the caseworker revokes it
    page.goto(detail_url)
    page.get_by_role("link", name="Widerrufen").click()
    page.get_by_label("Wer widerruft?").select_option(label="Vollmachtgeber:in")
    page.get_by_label("Grund").fill("Die Begleitung endet.")
    page.get_by_role("button", name="Widerrufen").click()
    expect(page.get_by_text("widerrufen").first).to_be_visible()
    # The notice is the worker's job; meanwhile the page says so and watches for it by itself
    # (static/js/progress.js): the link appears without the user reloading.
    expect(page.get_by_text("Die Mitteilung an das KJC wird erstellt")).to_be_visible()
    run_jobs()
    expect(page.get_by_role("link", name="Mitteilung an das KJC (PDF)")).to_be_visible(timeout=15000)
    with page.expect_download() as notice:
        page.get_by_role("link", name="Mitteilung an das KJC (PDF)").click()
    assert "Widerruf einer Vollmacht nach § 13 SGB X" in downloaded_text(notice.value)

    # --- the volunteer's extended access ends with the next request
    helper_page.goto(f"{base}/portal/vollmachten/")
    expect(helper_page.get_by_text("widerrufen")).to_be_visible()
    expect(helper_page.get_by_role("link", name=re.compile("PDF herunterladen"))).to_have_count(0)
    response = helper_page.request.get(f"{base}/authorisations/{authorisation.pk}/pdf/")
    assert response.status == 404
    # ... and the portal's client page drops back to name and phone: the address is gone
    helper_page.goto(f"{base}/portal/clients/{client.pk}/")
    expect(helper_page.get_by_text("Bahnhofstraße 12")).to_have_count(0)
    expect(helper_page.get_by_text("Es fehlt: eine gültige, unterschriebene Vollmacht")).to_be_visible()
    assert not Authorisation.objects.effective_on().filter(agent=volunteer, principal=client).exists()
    helper_context.close()

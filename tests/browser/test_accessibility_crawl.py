"""axe-core on every page each role reaches by following links from its landing page (bounded),
on the demo district: any violation fails, listed per page."""

import pytest
from django.core.management import call_command

from tests.browser.axe import crawl

ROLES = [
    ("fm1@demo.invalid", "/"),
    ("teamleitung@demo.invalid", "/"),
    ("admin@demo.invalid", "/"),
    ("ehrenamt1@demo.invalid", "/portal/"),
    ("kjc@demo.invalid", "/kjc/"),
    (None, "/accounts/login/"),
]


@pytest.fixture
def demo(transactional_db, settings):
    settings.WIR_DEMO = True
    call_command("seed_demo", "--quiet")


def log_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill("demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def test_no_axe_violation_on_any_page_of_any_role(live_server, browser, demo):
    report, visited_per_role = {}, {}
    for email, landing in ROLES:
        context = browser.new_context(bypass_csp=True, locale="de-DE", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        if email:
            log_in(page, live_server.url, email)
            assert page.url == live_server.url + landing, email
        starts = [landing] if email else [landing, "/directory/", "/verify/"]
        for start in starts:
            visited, found = crawl(page, live_server.url, start, limit=30)
            visited_per_role.setdefault(email or "anonymous", []).extend(visited)
            report.update({f"{email or 'anonymous'} {path}": problems for path, problems in found.items()})
        context.close()
    assert len(visited_per_role["fm1@demo.invalid"]) >= 20  # the crawl really walks the staff pages
    assert len(visited_per_role["ehrenamt1@demo.invalid"]) >= 5
    assert report == {}

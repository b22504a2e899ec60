"""The public directory in Arabic on a phone: right to left, nothing wider than the screen."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from cases.models import Language
from offers.demo import seed_offers

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"

pytestmark = pytest.mark.django_db(transaction=True)


def _seed():
    """The directory's languages are master data from a migration, which earlier transactional tests
    in the same worker may have emptied: make sure the ones these tests read are there."""
    for code, name, native, rtl in (("ar", "Arabisch", "العربية", True), ("ti", "Tigrinya", "ትግርኛ", False)):
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native, "is_rtl": rtl, "in_directory": True}
        )
    seed_offers()


def test_the_arabic_directory_reads_right_to_left_on_a_phone(live_server, page: Page):
    _seed()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/directory/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("عروض وأنشطة للاجئين")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "directory-ar-390x844.png"))

    # filter by age on the phone (the filters beyond the search are folded away): the form keeps the language
    page.get_by_text("مرشحات أخرى").click()
    page.get_by_label("بحث").fill("سباحة")  # the search finds the Arabic titles too
    page.get_by_label("العمر").fill("9")
    page.get_by_label("الجنس").select_option(label="أنثى")
    page.get_by_role("button", name="عرض", exact=True).click()
    expect(page).to_have_url(re.compile(r"lang=ar.*age=9"))
    expect(page.get_by_role("heading", name="دورة سباحة للبنات – ⁨Erbach⁩")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # German-only offers are marked as German for screen readers and the eye
    page.goto(f"{live_server.url}/directory/?lang=ar&age=10&cost=but&q=Tischtennis")
    german = page.locator('h2[lang="de"]').first
    expect(german).to_contain_text("Tischtennis")
    expect(page.get_by_text("هذا العرض موصوف باللغة الألمانية فقط.").first).to_be_visible()


def test_the_directory_fits_a_phone_in_a_few_screens_and_finds_by_search(live_server, page: Page):
    """Issue 17: ~22 screens at 390×844 before (all details of 25 offers); now 10 compact offers
    a page with their details folded away."""
    _seed()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/directory/")
    screens = page.evaluate("document.documentElement.scrollHeight") / 844
    assert screens <= 5, f"{screens:.1f} screens"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "directory-de-390x844.png"), full_page=True)

    # an offer's details open in place
    first = page.locator("article").first
    expect(first.get_by_text("Träger", exact=True)).not_to_be_visible()
    first.get_by_text("Mehr erfahren").click()
    expect(first.get_by_text("Träger", exact=True)).to_be_visible()

    # the search field comes first and is found by its label
    page.get_by_label("Suche").fill("Schwimm")
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"q=Schwimm"))
    titles = page.locator("article h2").all_inner_texts()
    assert titles and all("chwimm" in title for title in titles), titles

"""The public directory in Arabic on a phone: right to left, nothing wider than the screen."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, expect

from offers.demo import seed_offers

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def test_the_arabic_directory_reads_right_to_left_on_a_phone(live_server, page: Page, transactional_db):
    seed_offers()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/directory/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("عروض وأنشطة للاجئين")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "directory-ar-390x844.png"))

    # filter by age on the phone: the form keeps the language
    page.get_by_label("العمر").fill("9")
    page.get_by_label("الجنس").select_option(label="أنثى")
    page.get_by_role("button", name="عرض", exact=True).click()
    expect(page).to_have_url(re.compile(r"lang=ar.*age=9"))
    expect(page.get_by_role("heading", name="دورة سباحة للبنات – ⁨Erbach⁩")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # German-only offers are marked as German for screen readers and the eye
    page.goto(f"{live_server.url}/directory/?lang=ar&age=10&cost=but")
    german = page.locator('h2[lang="de"]').first
    expect(german).to_contain_text("Tischtennis")
    expect(page.get_by_text("هذا العرض موصوف باللغة الألمانية فقط.").first).to_be_visible()

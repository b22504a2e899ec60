"""The navigation fits a 1280 px office screen for the roles with the most sections: nothing is
cut off at the right edge and the page never scrolls sideways (the links wrap instead)."""

import pytest
from playwright.sync_api import Page

from accounts.models import Role
from tests.factories import PASSWORD, make_user


@pytest.mark.parametrize(
    ("role", "name"), [(Role.ADMIN, "Anna Administration-Langname"), (Role.TEAMLEAD, "Tanja Teamleitung")]
)
def test_the_whole_navigation_fits_1280_pixels(live_server, page: Page, transactional_db, role, name):
    make_user("wide@example.org", role, name)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("wide@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/**")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    boxes = [
        link.bounding_box() for link in navigation.get_by_role("link").all() + [navigation.locator(".dropdown-toggle")]
    ]
    assert len(boxes) >= 10
    assert all(box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280 for box in boxes), boxes

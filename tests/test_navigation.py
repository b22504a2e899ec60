"""Every navigation link works for everybody it is shown to: no link leads to a 404."""

import re

import pytest
from django.urls import reverse

# Pages with the header navigation that each persona may open (its home and the shared account pages).
PAGES = ["home", "password_change", "two_factor_setup", "authorisations:verify_lookup"]


def header_links(html: str) -> set[str]:
    if "<header>" not in html:  # the Django admin's pages have their own
        return set()
    header = html.split("<header>", 1)[1].split("</header>", 1)[0]
    return set(re.findall(r'href="([^"#][^"]*)"', header))


def navigation_links(html: str) -> set[str]:
    """The links of the header and of every other navigation on the page (the sub-navigation of
    the data protection pages, breadcrumbs, page numbers)."""
    navs = re.findall(r"<nav\b.*?</nav>", html, flags=re.DOTALL)
    return header_links(html) | {href for nav in navs for href in re.findall(r'href="([^"#][^"]*)"', nav)}


@pytest.mark.parametrize(
    "persona", ["caseworker", "teamlead", "administrator", "volunteer", "kjc", "data_protection_officer"], indirect=True
)
def test_every_link_in_the_navigation_opens_for_the_user_who_sees_it(client, persona):
    """From the start pages through the header to every page it links to, and from there through
    their navigations once more."""
    client.force_login(persona)
    links = set()
    for page in PAGES:
        response = client.get(reverse(page), follow=True)
        assert response.status_code == 200, page
        links |= navigation_links(response.content.decode())
    assert links, "no navigation found"
    followed = set()
    for _depth in range(2):
        for href in sorted(links - followed):
            response = client.get(href, follow=True)
            assert response.status_code == 200, f"{href} as {persona.role}"
            followed.add(href)
            if response.get("Content-Type", "").startswith("text/html"):
                links |= navigation_links(response.content.decode())


def test_staff_see_the_back_office_navigation_and_nobody_else_does(client, caseworker, kjc, volunteer):
    clients_url = reverse("cases:client_list")
    client.force_login(caseworker)
    assert clients_url in header_links(client.get(reverse("password_change")).content.decode())
    for user in (kjc, volunteer):
        client.force_login(user)
        assert clients_url not in header_links(client.get(reverse("password_change")).content.decode())

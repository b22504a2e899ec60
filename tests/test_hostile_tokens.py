"""No 500 on hostile tokens (issue 10): NUL bytes, invalid UTF-8, overlong values and digits that are
not ASCII ("²", "١" pass `str.isdigit()` but not `int()`) in every token, code or id that a view
parses from the path or the query string — and in the one-time form token of every POST."""

import uuid

import pytest
from django.test import Client as HttpClient

from cases.models import Case, Client

LONG = "A" * 5000
SUPERSCRIPT_TWO = "%C2%B2"  # "²"
UID_OF_SUPERSCRIPT_TWO = "wrI"  # urlsafe_base64_encode("²".encode())
HUGE = "9" * 30

# (persona, url): the answer must be 400 or 404 — never 500, never a page that accepted the token.
PUBLIC = [
    "/verify/%00/",
    "/verify/%ff/",
    "/verify/%C0%AF/",
    f"/verify/{LONG}/",
    "/verify/abc%00def/",
    "/verify/?code=%00",
    "/verify/?code=%ff",
    "/verify/?code%00=1",
    "/portal/invitation/%00/abc-def/",
    "/portal/invitation/MQ/%00/",
    "/accounts/reset/%00/set-password/",
    "/accounts/reset/MQ/%00/",
    "/accounts/login/?next=%00",
    "/accounts/login/?next=%ff",
    "/directory/?lang=%00",
    "/directory/?q=%00",
    "/directory/?page=%00",
    "/admin/login/?next=%00",
]
STAFF = [
    "/authorisations/new/?client=%00",
    "/authorisations/new/?client=%ff",
    f"/authorisations/new/?client={LONG}",
    f"/authorisations/new/?client={SUPERSCRIPT_TWO}",
    "/authorisations/new/?assignment=%00",
    f"/authorisations/new/?assignment={SUPERSCRIPT_TWO}",
    f"/authorisations/new/?assignment={HUGE}",
    "/clients/?q=%00",
    "/clients/?page=%ff",
    "/offers/?q=%00",
    "/volunteers/?q=%00",
    "/followups/?owner=%00",
    "/clients/00000000-0000-0000-0000-00000000000%00/",
    f"/documents/{uuid.UUID(int=1)}%00/",
    "/accounts/two-factor/verify/?next=%00",
]
MINE = [  # {pk}: a client of the caseworker's
    "/clients/{pk}/consents/new/?recipient_provider=" + SUPERSCRIPT_TWO,
    f"/clients/{{pk}}/consents/new/?recipient_provider={HUGE}",
    "/clients/{pk}/referrals/new/?offer=" + SUPERSCRIPT_TWO,
    f"/clients/{{pk}}/referrals/new/?offer={HUGE}",
    "/volunteers/assignments/new/{pk}/?volunteer=" + SUPERSCRIPT_TWO,
    "/authorisations/new/?client={pk}%00",
]
TEAMLEAD = [
    f"/followups/?owner={SUPERSCRIPT_TWO}",
    f"/followups/?owner={HUGE}",
    f"/cases/reassign/?from={SUPERSCRIPT_TWO}",
    f"/cases/reassign/?from={HUGE}",
    "/cases/reassign/?from=%00",
]


def assert_refused(response, url):
    assert response.status_code in (400, 404), (url, response.status_code)


@pytest.mark.parametrize("url", PUBLIC)
def test_public_urls_refuse_hostile_tokens(client, db, url):
    assert_refused(client.get(url), url)


@pytest.mark.parametrize("url", STAFF)
def test_staff_urls_refuse_hostile_tokens(client, caseworker, url):
    client.force_login(caseworker)
    assert_refused(client.get(url), url)


@pytest.mark.parametrize("url", MINE)
def test_ids_in_the_query_string_of_my_pages_never_fail(client, caseworker, url):
    mine = Client.objects.create(family_name="Haddad", given_names="Rasha", birth_year=1990)
    Case.objects.create(client=mine, caseworker=caseworker)
    client.force_login(caseworker)
    response = client.get(url.format(pk=mine.pk))
    # an id that is no id is ignored (the form opens without a preset) or refused
    assert response.status_code in (200, 400, 404), (url, response.status_code)


@pytest.mark.parametrize("url", TEAMLEAD)
def test_ids_in_team_lead_pages_never_fail(client, teamlead, url):
    client.force_login(teamlead)
    response = client.get(url)
    assert response.status_code in (200, 400, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        f"/verify/?code={LONG}",  # the lookup form says "no Vollmacht for this code"
        f"/portal/invitation/{UID_OF_SUPERSCRIPT_TWO}/abc-def/",
        f"/portal/invitation/MQ/{LONG}/",
        f"/accounts/reset/{UID_OF_SUPERSCRIPT_TWO}/set-password/",
        f"/accounts/reset/MQ/{LONG}/",
    ],
)
def test_broken_link_tokens_get_the_polite_invalid_page(client, db, path):
    response = client.get(path)
    assert response.status_code in (200, 404)  # the "not valid" page, never a 500


@pytest.mark.parametrize("token", ["\x00", "abc\x00", "A" * 65, "€uro", "a b"])
def test_a_hostile_form_token_is_ignored_not_a_500(caseworker, token):
    mine = Client.objects.create(family_name="Haddad", given_names="Rasha", birth_year=1990)
    Case.objects.create(client=mine, caseworker=caseworker)
    http = HttpClient()
    http.force_login(caseworker)
    response = http.post(
        f"/clients/{mine.pk}/contacts/new/",
        {"form_token": token, "date": "2026-01-05", "duration_minutes": "30", "channel": "phone", "note": "x"},
    )
    assert response.status_code in (200, 302)


NEXT_TARGETS = [
    "abc",
    "9" * 40,
    "-1",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "http:/evil.example",
]


@pytest.mark.parametrize("target", NEXT_TARGETS)
def test_next_after_an_action_is_a_path_here_or_ignored(client, caseworker, target):
    """`next` is where a one-click action goes back to: a bare word used to reach `redirect()`, which
    took it for a view name (NoReverseMatch, a 500); another host must never be the target."""
    from offers.models import Category, Offer, Provider, Referral

    mine = Client.objects.create(family_name="Haddad", given_names="Rasha", birth_year=1990)
    Case.objects.create(client=mine, caseworker=caseworker)
    offer = Offer.objects.create(
        title="Kurs",
        provider=Provider.objects.create(name="Verein"),
        category=Category.objects.get_or_create(name="Sport")[0],
    )
    referral = Referral.objects.create(offer=offer, client=mine, created_by=caseworker)
    client.force_login(caseworker)
    response = client.post(f"/referrals/{referral.pk}/seen/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, "/")
    response = client.post(f"/referrals/{referral.pk}/seen/?next={target}")
    assert (response.status_code, response["Location"]) == (302, "/")
    response = client.post(f"/referrals/{referral.pk}/seen/", {"next": "/followups/?owner=all"})
    assert response["Location"] == "/followups/?owner=all"


@pytest.mark.parametrize("target", NEXT_TARGETS)
def test_the_second_factor_page_sends_a_hostile_next_home(client, caseworker, target):
    client.force_login(caseworker)  # no device, not required here: sent on to `next`
    response = client.get(f"/accounts/two-factor/verify/?next={target}")
    assert (response.status_code, response["Location"]) == (302, "/")

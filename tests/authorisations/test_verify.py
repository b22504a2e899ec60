"""The public verification page: valid or not, dates and scopes, nothing personal; rate-limited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from authorisations import services
from cases.models import AccessLog
from tests.factories import make_authorisation, printed

TODAY = timezone.localdate()


def verify_url(authorisation):
    return reverse("authorisations:verify", args=[authorisation.token])


def test_a_signed_one_verifies_as_valid_without_personal_data(client, principal, agent, caseworker, branch):
    authorisation = make_authorisation(
        principal, agent, caseworker, branch, status="signed", valid_until=TODAY + datetime.timedelta(days=90)
    )
    response = client.get(verify_url(authorisation))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gültig" in body and "Nicht gültig" not in body
    assert authorisation.valid_from.strftime("%d.%m.%Y") in body
    assert authorisation.valid_until.strftime("%d.%m.%Y") in body
    assert "Auskünfte erteilen und einholen" in body and "Anträge stellen" in body
    for personal in (principal.family_name, principal.given_names, "03.07.1988", agent.family_name, "Erbach"):
        assert personal not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("draft", "noch nicht als unterschrieben erfasst"),
        ("printed", "noch nicht als unterschrieben erfasst"),
        ("revoked", "widerrufen"),
        ("expired", "abgelaufen"),
    ],
)
def test_what_is_not_valid_says_so(client, principal, agent, caseworker, branch, status, message):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status=status)
    body = client.get(verify_url(authorisation)).content.decode()
    assert "Nicht gültig" in body and message in body


def test_one_past_its_end_date_is_not_valid_even_before_the_expiry_job(client, principal, agent, caseworker, branch):
    authorisation = make_authorisation(
        principal, agent, caseworker, branch, status="signed", valid_until=TODAY - datetime.timedelta(days=1)
    )
    body = client.get(verify_url(authorisation)).content.decode()
    assert "Nicht gültig" in body and "abgelaufen" in body


def test_the_paper_of_a_replaced_version_is_not_valid(client, draft, caseworker):
    printed(draft, caseworker)
    old_token = draft.token
    services.update_authorisation(authorisation=draft, content={"exclusions": "neu"})
    body = client.get(reverse("authorisations:verify", args=[old_token])).content.decode()
    assert "Nicht gültig" in body and "durch eine neuere ersetzt" in body and "Fassung 1" in body


def test_an_unknown_token_is_404(client, db):
    response = client.get(reverse("authorisations:verify", args=["x" * 40]))
    assert response.status_code == 404
    assert "Zu diesem Prüfcode gibt es keine Vollmacht." in response.content.decode()


def test_kjc_clerks_see_the_names(client, kjc, principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="handed_over")
    client.force_login(kjc)
    body = client.get(verify_url(authorisation)).content.decode()
    assert "Mariam Al-Hassan" in body and "Erika Schneider" in body and "03.07.1988" in body
    assert "Original an das KJC übergeben" in body
    log = AccessLog.objects.get()
    assert (log.user, log.client, log.target) == (kjc, principal, f"verify:{authorisation.pk}")


def test_other_logged_in_roles_see_no_names(client, other_volunteer, principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    client.force_login(other_volunteer)
    body = client.get(verify_url(authorisation)).content.decode()
    assert "Gültig" in body and "Al-Hassan" not in body
    assert not AccessLog.objects.exists()


def test_it_rejects_post(client, draft):
    assert client.post(verify_url(draft)).status_code == 405


def test_the_short_code_leads_to_the_page(client, draft):
    lookup = reverse("authorisations:verify_lookup")
    assert client.get(lookup).status_code == 200
    response = client.get(lookup, {"code": draft.short_code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.url == verify_url(draft)
    response = client.get(lookup, {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 200
    assert "Zu diesem Prüfcode gibt es keine Vollmacht." in response.content.decode()
    assert client.get(lookup, {"code": "<script>"}).status_code == 200


def test_the_short_code_of_a_replaced_version_still_finds_it(client, draft, caseworker):
    printed(draft, caseworker)
    old_code, old_token = draft.short_code, draft.token
    services.update_authorisation(authorisation=draft, content={"exclusions": "neu"})
    response = client.get(reverse("authorisations:verify_lookup"), {"code": old_code})
    assert response.url == reverse("authorisations:verify", args=[old_token])


def test_anonymous_requests_are_rate_limited_per_address(client, settings, draft):
    settings.WIR_RATE_LIMITS = {"verify": (3, 600)}
    for _ in range(3):
        assert client.get(verify_url(draft), REMOTE_ADDR="192.0.2.1").status_code == 200
    limited = client.get(verify_url(draft), REMOTE_ADDR="192.0.2.1")
    assert limited.status_code == 429
    assert "Zu viele Anfragen" in limited.content.decode()
    lookup = client.get(reverse("authorisations:verify_lookup"), {"code": draft.short_code}, REMOTE_ADDR="192.0.2.1")
    assert lookup.status_code == 429
    # another address is not affected
    assert client.get(verify_url(draft), REMOTE_ADDR="192.0.2.2").status_code == 200


def test_guessing_unknown_tokens_counts_too(client, settings, db):
    settings.WIR_RATE_LIMITS = {"verify": (2, 600)}
    statuses = [client.get(reverse("authorisations:verify", args=[f"guess{i}"])).status_code for i in range(4)]
    assert statuses == [404, 404, 429, 429]


def test_behind_one_trusted_proxy_the_address_it_appended_counts(client, settings, draft):
    settings.WIR_RATE_LIMITS = {"verify": (1, 600)}
    settings.WIR_TRUSTED_PROXIES = 1
    # a client cannot escape the limit by sending its own X-Forwarded-For: the proxy appends the real one
    first = client.get(verify_url(draft), HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.7")
    second = client.get(verify_url(draft), HTTP_X_FORWARDED_FOR="10.0.0.2, 198.51.100.7")
    assert (first.status_code, second.status_code) == (200, 429)


def test_without_trusted_proxies_rotating_x_forwarded_for_does_not_escape_the_limit(client, settings, draft):
    settings.WIR_RATE_LIMITS = {"verify": (2, 600)}
    statuses = [
        client.get(verify_url(draft), HTTP_X_FORWARDED_FOR=f"198.51.100.{i}", REMOTE_ADDR="192.0.2.9").status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_logged_in_kjc_clerks_have_a_higher_allowance_of_their_own(client, settings, kjc, draft):
    settings.WIR_RATE_LIMITS = {"verify": (1, 600), "verify_user": (3, 600)}
    client.force_login(kjc)
    assert [client.get(verify_url(draft)).status_code for _ in range(4)] == [200, 200, 200, 429]
    client.logout()
    assert client.get(verify_url(draft)).status_code == 200  # the address has its own count

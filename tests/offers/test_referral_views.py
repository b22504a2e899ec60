"""Referral pages: refer a client, change a referral's status, acknowledge a move-up, start BuT."""

import pytest

from cases.models import AccessLog
from offers import services
from offers.models import ButApplication, Referral
from tests.factories import give_consent, make_client

S = Referral.Status


@pytest.fixture
def girl(caseworker):
    return make_client(caseworker, given_names="Mariam", family_name="Yousef", years=9, gender="female")


@pytest.fixture
def full_course(girls_course, caseworker):
    """The girls' swimming course with its one place taken."""
    other = make_client(caseworker, given_names="Hana", family_name="Omar", years=10, gender="female")
    give_consent(other, girls_course.provider, caseworker)
    services.create_referral(offer=girls_course, client=other, user=caseworker, register=True)
    return girls_course


def new_url(client):
    return f"/clients/{client.pk}/referrals/new/"


def test_the_referral_form_works_for_the_caseworker(client, caseworker, girl, girls_course):
    client.force_login(caseworker)
    response = client.get(new_url(girl) + f"?offer={girls_course.pk}")
    assert response.status_code == 200
    assert response.context["form"]["offer"].value() == girls_course.pk


def test_the_referral_form_is_404_for_other_caseworkers(client, colleague, girl):
    client.force_login(colleague)
    assert client.get(new_url(girl)).status_code == 404
    assert client.post(new_url(girl), {}).status_code == 404


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_the_referral_form_is_404_for_other_roles(client, persona, girl):
    client.force_login(persona)
    assert client.get(new_url(girl)).status_code == 404


def test_anonymous_is_sent_to_login(client, girl):
    response = client.get(new_url(girl))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_it_rejects_put(client, caseworker, girl):
    client.force_login(caseworker)
    assert client.put(new_url(girl)).status_code == 405


def test_referring_to_a_full_course_puts_her_on_the_waiting_list(client, caseworker, girl, full_course):
    give_consent(girl, full_course.provider, caseworker)
    client.force_login(caseworker)
    response = client.post(new_url(girl), {"offer": full_course.pk, "register": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/clients/{girl.pk}/referrals/"
    content = response.content.decode()
    assert "ist voll: Mariam Yousef steht jetzt auf der Warteliste (Platz 1)" in content
    assert Referral.objects.get(client=girl).status == S.WAITLIST


def test_a_missing_consent_is_explained_at_the_field_and_the_input_kept(client, caseworker, girl, girls_course):
    client.force_login(caseworker)
    response = client.post(new_url(girl), {"offer": girls_course.pk, "register": "on", "note": "Mutter fragt nach"})
    assert response.status_code == 200
    errors = response.context["form"].errors["register"]
    assert "fehlt eine gültige Einwilligung von Mariam Yousef" in errors[0]
    # the page links to the consent form of the cases app (when it exists) with this provider
    assert response.context["missing_consent_for"] == girls_course.provider
    assert "Mutter fragt nach" in response.content.decode()
    assert not Referral.objects.exists()


def test_without_registering_the_offer_is_only_suggested(client, caseworker, girl, girls_course):
    client.force_login(caseworker)
    response = client.post(new_url(girl), {"offer": girls_course.pk})
    assert response.status_code == 302
    assert Referral.objects.get(client=girl).status == S.SUGGESTED


def test_a_restriction_needs_a_reason_and_accepts_one(client, caseworker, girls_course):
    boy = make_client(caseworker, given_names="Yusuf", family_name="Demir", years=8, gender="male")
    client.force_login(caseworker)
    response = client.post(new_url(boy), {"offer": girls_course.pk})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["override_reason"])
    assert "nur für Frauen und Mädchen" in errors and "begründen" in errors
    response = client.post(
        new_url(boy), {"offer": girls_course.pk, "override_reason": "Geschwisterkurs, Trainerin einverstanden"}
    )
    assert response.status_code == 302
    assert Referral.objects.get(client=boy).restriction_override_reason == "Geschwisterkurs, Trainerin einverstanden"


@pytest.mark.parametrize("offer_value", ["", "abc", "999999"])
def test_bad_offer_input_gives_a_field_error(client, caseworker, girl, offer_value):
    client.force_login(caseworker)
    response = client.post(new_url(girl), {"offer": offer_value})
    assert response.status_code == 200
    assert response.context["form"].errors["offer"]


def test_the_client_referrals_page_lists_referrals_and_logs_the_access(client, caseworker, girl, full_course):
    give_consent(girl, full_course.provider, caseworker)
    services.create_referral(offer=full_course, client=girl, user=caseworker, register=True)
    client.force_login(caseworker)
    response = client.get(f"/clients/{girl.pk}/referrals/")
    content = response.content.decode()
    assert "Schwimmkurs für Mädchen" in content and "Platz 1 auf der Warteliste" in content
    assert AccessLog.objects.filter(user=caseworker, client=girl, action=AccessLog.Action.VIEW).exists()


def test_the_client_referrals_page_is_404_for_other_caseworkers(client, colleague, girl):
    client.force_login(colleague)
    assert client.get(f"/clients/{girl.pk}/referrals/").status_code == 404


def test_cancelling_a_participant_moves_the_waiting_girl_up(client, caseworker, girl, full_course):
    give_consent(girl, full_course.provider, caseworker)
    waiting = services.create_referral(offer=full_course, client=girl, user=caseworker, register=True)
    registered = Referral.objects.get(offer=full_course, status=S.REGISTERED)
    client.force_login(caseworker)
    data = {"status": S.CANCELLED, "note": "umgezogen", "next": f"/offers/{full_course.pk}/"}
    asked = client.post(f"/referrals/{registered.pk}/status/", data)
    assert asked.status_code == 200 and "wirklich auf „abgebrochen“ setzen?" in asked.content.decode()
    registered.refresh_from_db()
    assert registered.status == S.REGISTERED  # only asked
    response = client.post(f"/referrals/{registered.pk}/status/", {**data, "confirmed": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/offers/{full_course.pk}/"
    assert "Eine Person ist von der Warteliste nachgerückt." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == S.REGISTERED and waiting.moved_up_at is not None


def test_an_invalid_status_is_explained_on_the_status_page(client, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(caseworker)
    response = client.post(f"/referrals/{referral.pk}/status/", {"status": S.REGISTERED})
    assert response.status_code == 200
    assert "Einwilligung" in response.context["form"].errors["status"][0]
    response = client.post(f"/referrals/{referral.pk}/status/", {"status": S.COMPLETED})
    assert response.status_code == 200
    assert response.context["form"].errors["status"]


def test_the_status_page_shows_the_history(client, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(caseworker)
    response = client.get(f"/referrals/{referral.pk}/status/")
    assert response.status_code == 200
    assert len(response.context["history"]) == 1


def test_the_status_of_another_caseworkers_referral_is_404(client, colleague, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(colleague)
    assert client.get(f"/referrals/{referral.pk}/status/").status_code == 404
    assert client.post(f"/referrals/{referral.pk}/status/", {"status": S.CANCELLED}).status_code == 404
    referral.refresh_from_db()
    assert referral.status == S.SUGGESTED


def test_next_may_not_lead_to_another_site(client, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(caseworker)
    response = client.post(
        f"/referrals/{referral.pk}/status/", {"status": S.CANCELLED, "next": "https://evil.example/", "confirmed": "1"}
    )
    assert response.status_code == 302 and response.url == f"/clients/{girl.pk}/referrals/"


def test_acknowledging_a_move_up(client, caseworker, girl, full_course):
    give_consent(girl, full_course.provider, caseworker)
    waiting = services.create_referral(offer=full_course, client=girl, user=caseworker, register=True)
    registered = Referral.objects.get(offer=full_course, status=S.REGISTERED)
    services.change_referral_status(referral=registered, status=S.CANCELLED, user=caseworker)
    client.force_login(caseworker)
    assert "Von der Warteliste nachgerückt" in client.get("/").content.decode()
    assert client.get(f"/referrals/{waiting.pk}/seen/").status_code == 405
    response = client.post(f"/referrals/{waiting.pk}/seen/", {"next": "/"})
    assert response.status_code == 302 and response.url == "/"
    waiting.refresh_from_db()
    assert waiting.moved_up_seen_at is not None
    assert "Von der Warteliste nachgerückt" not in client.get("/").content.decode()


def test_acknowledging_another_caseworkers_move_up_is_404(client, colleague, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(colleague)
    assert client.post(f"/referrals/{referral.pk}/seen/").status_code == 404


def test_one_click_starts_a_but_application(client, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(caseworker)
    assert client.get(f"/referrals/{referral.pk}/but/").status_code == 405
    response = client.post(f"/referrals/{referral.pk}/but/")
    application = ButApplication.objects.get(referral=referral)
    assert response.status_code == 302 and response.url == f"/but/{application.pk}/"
    response = client.post(f"/referrals/{referral.pk}/but/", follow=True)
    assert "schon einen BuT-Antrag" in response.content.decode()
    assert ButApplication.objects.count() == 1


def test_starting_but_for_another_caseworkers_referral_is_404(client, colleague, caseworker, girl, girls_course):
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=False)
    client.force_login(colleague)
    assert client.post(f"/referrals/{referral.pk}/but/").status_code == 404
    assert not ButApplication.objects.exists()

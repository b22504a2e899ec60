"""A BG number is not a key to someone else's household (issue 10).

BG numbers are guessable (district prefix + running number). A caseworker may join or learn of an
existing household only if one of its members is their client; otherwise the form answers with the
same neutral message whether or not the number exists elsewhere, and nothing is created. Household
pages, member lists and BuT show only the members the user may see.
"""

import datetime

import pytest
from django.utils import timezone

from cases.models import Case, Client, FollowUp, Household
from offers.models import ButApplication, ButCategory
from tests.factories import make_client, make_household

from .test_client_views import valid_data

NUMBER = "06431BG0012345"


@pytest.fixture
def colleagues_household(colleague):
    household = make_household(NUMBER)
    make_client(colleague, household=household, household_relation="head", given_names="Fremdmutter")
    child = make_client(
        colleague, household=household, household_relation="child", given_names="Fremdkind", birth_year=2016
    )
    return household, child


def neutral_text():
    from cases.models import BG_NUMBER_UNAVAILABLE

    return str(BG_NUMBER_UNAVAILABLE)


def field_errors(response, field="bg_number"):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_a_caseworker_cannot_join_a_colleagues_household_by_typing_its_number(client, caseworker, colleagues_household):
    household, _child = colleagues_household
    client.force_login(caseworker)
    response = client.post("/clients/new/", valid_data(bg_number="06431 bg 0012345"))
    assert response.status_code == 200
    assert field_errors(response) == [neutral_text()]
    assert not Client.objects.filter(given_names="Ahmed").exists()
    assert household.members.count() == 2
    body = response.content.decode()
    assert "Fremdmutter" not in body and "bereits vergeben" not in body
    assert response.context["form"]["family_name"].value() == "Khalil"  # the input stays


def test_editing_a_client_into_a_colleagues_household_is_refused_the_same_way(client, caseworker, colleagues_household):
    mine = make_client(caseworker, given_names="Meine")
    client.force_login(caseworker)
    data = valid_data(bg_number=NUMBER, version=str(mine.version))
    response = client.post(f"/clients/{mine.pk}/edit/", data)
    assert field_errors(response) == [neutral_text()]
    mine.refresh_from_db()
    assert mine.household is None


def test_renaming_my_household_to_an_existing_number_gives_the_same_neutral_message(
    client, caseworker, colleagues_household
):
    own = make_household("06431BG0099999")
    make_client(caseworker, household=own)
    client.force_login(caseworker)
    response = client.post(f"/households/{own.pk}/", {"bg_number": NUMBER, "note": ""})
    assert field_errors(response) == [neutral_text()]
    assert "bereits vergeben" not in response.content.decode()
    own.refresh_from_db()
    assert own.bg_number == "06431BG0099999"


def test_a_new_number_still_creates_the_household(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/clients/new/", valid_data(bg_number="06431BG0077777"))
    assert response.status_code == 302
    assert Household.objects.get(bg_number="06431BG0077777").members.count() == 1


def test_a_caseworker_with_a_client_in_the_household_may_join_it(client, caseworker, colleagues_household):
    household, _child = colleagues_household
    make_client(caseworker, household=household, household_relation="partner", given_names="Meinvater")
    client.force_login(caseworker)
    response = client.post("/clients/new/", valid_data(bg_number=NUMBER, household_relation="child"))
    assert response.status_code == 302
    assert household.members.count() == 4


def test_a_team_lead_can_link_a_client_to_any_household(client, teamlead, caseworker, colleagues_household):
    household, _child = colleagues_household
    client.force_login(teamlead)
    response = client.post("/clients/new/", valid_data(bg_number=NUMBER, caseworker=str(caseworker.pk)))
    assert response.status_code == 302
    assert household.members.filter(given_names="Ahmed").exists()


def test_the_service_checks_again_when_the_household_appeared_after_the_form_check(caseworker, colleague):
    from cases import services
    from cases.forms import ClientForm, ClientLanguageFormSet

    data = valid_data(bg_number=NUMBER)
    form = ClientForm(data, user=caseworker)
    languages = ClientLanguageFormSet(data, prefix="languages")
    assert form.is_valid() and languages.is_valid()
    household = make_household(NUMBER)  # a colleague created it in between
    make_client(colleague, household=household)
    with pytest.raises(Exception) as raised:
        services.create_client(
            client=form.save(commit=False),
            bg_number=form.cleaned_data["bg_number"],
            languages=languages.save(commit=False),
            caseworker=caseworker,
            user=caseworker,
        )
    assert "bg_number" in raised.value.message_dict
    assert household.members.count() == 1 and not Client.objects.filter(given_names="Ahmed").exists()


def test_household_page_and_client_page_show_only_members_i_may_see(client, caseworker, colleagues_household):
    household, _child = colleagues_household
    mine = make_client(caseworker, household=household, household_relation="partner", given_names="Meinvater")
    dependant = make_client(None, household=household, household_relation="child", given_names="Ohnefall")
    client.force_login(caseworker)
    for url in (f"/households/{household.pk}/", f"/clients/{mine.pk}/"):
        body = client.get(url).content.decode()
        assert "Fremdmutter" not in body and "Fremdkind" not in body, url
        assert "Ohnefall" in body, url  # a member without a case of their own belongs to the household
    members = household.members_for(caseworker)
    assert [m for m, _link in members] == sorted([mine, dependant], key=lambda c: (c.birth_year, c.pk))
    assert dict(members)[dependant] is False  # listed, but no link to a page they cannot open


def test_but_of_a_colleagues_child_in_a_shared_household_stays_hidden(client, caseworker, colleagues_household):
    household, child = colleagues_household
    mine = make_client(caseworker, household=household, household_relation="partner", given_names="Meinvater")
    application = ButApplication.objects.create(
        child=child, category=ButCategory.PARTICIPATION, created_by=child.cases.get().caseworker
    )
    client.force_login(caseworker)
    assert client.get(f"/but/{application.pk}/").status_code == 404
    assert client.post(f"/but/{application.pk}/expenses/", {"spent_on": "2026-01-01", "amount": "5"}).status_code == 404
    form = client.get(f"/clients/{mine.pk}/but/new/").context["form"]
    assert child not in form.fields["child"].queryset
    response = client.post(
        f"/clients/{mine.pk}/but/new/",
        {"child": child.pk, "category": "tutoring", "amount": "10", "advised_on": "2026-01-01"},
    )
    assert response.status_code == 200 and ButApplication.objects.count() == 1
    assert "Fremdkind" not in client.get(f"/clients/{mine.pk}/referrals/").content.decode()


# ------------------------------------------------------------------ assignable records


def test_a_follow_up_cannot_be_given_to_someone_without_access(client, caseworker, colleague):
    mine = make_client(caseworker, given_names="Geheim")
    client.force_login(caseworker)
    form = client.get(f"/clients/{mine.pk}/").context["followup_form"]
    assert colleague not in form.fields["owner"].queryset
    due = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(f"/clients/{mine.pk}/followups/new/", {"due_on": due, "text": "x", "owner": colleague.pk})
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not FollowUp.objects.exists()


def test_a_follow_up_can_be_given_to_the_team_lead_or_a_colleague_with_a_case(client, caseworker, colleague, teamlead):
    mine = make_client(caseworker)
    Case.objects.filter(client=mine).update(
        status=Case.Status.CLOSED, closed_on=timezone.localdate(), closing_reason="other"
    )
    Case.objects.create(client=mine, caseworker=colleague)
    client.force_login(caseworker)
    due = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    for owner in (teamlead, colleague):
        response = client.post(f"/clients/{mine.pk}/followups/new/", {"due_on": due, "text": "x", "owner": owner.pk})
        assert response.status_code == 302
    assert set(FollowUp.objects.values_list("owner", flat=True)) == {teamlead.pk, colleague.pk}


def test_an_old_follow_up_of_a_client_i_lost_does_not_show_its_name_on_my_dashboard(client, caseworker, colleague):
    theirs = make_client(colleague, given_names="Verborgen")
    FollowUp.objects.create(client=theirs, owner=caseworker, due_on=timezone.localdate(), text="Rückruf")
    client.force_login(caseworker)
    body = client.get("/").content.decode()
    assert "Verborgen" not in body


def test_a_follow_up_of_a_restricted_person_is_given_to_nobody_who_cannot_see_them(
    client, caseworker, teamlead, administrator
):
    """Art. 18: only the administration sees the person; a team lead or their caseworker given the
    follow-up would carry the name on their list without access."""
    restricted = make_client(caseworker, given_names="Eingeschränkt", restricted_at=timezone.now())
    client.force_login(administrator)
    due = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    for owner in (teamlead, caseworker):
        response = client.post(
            f"/clients/{restricted.pk}/followups/new/", {"due_on": due, "text": "x", "owner": owner.pk}
        )
        assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not FollowUp.objects.exists()


# ------------------------------------------------------------------ typed numbers in the search


@pytest.mark.parametrize("query", ["06431BG0077777", "06431 bg 0077777", "777D123456", "777d 123456"])
def test_a_bg_or_customer_number_in_the_search_finds_only_people_the_user_may_see(
    client, caseworker, colleague, teamlead, query
):
    """The exact-number match of the search (BG number, KJC customer number) goes through the same
    visibility as the names: a colleague's client is not found by their numbers, nor is a person
    whose processing is restricted (Art. 18) — not even by their own caseworker or the team lead."""
    household = make_household("06431BG0077777")
    make_client(colleague, family_name="Zqxfremd", household=household, kjc_customer_number="777D123456")
    make_client(caseworker, family_name="Zqxeigen", household=household, kjc_customer_number="777D123456")
    Client.objects.filter(family_name="Zqxeigen").update(restricted_at=timezone.now())
    for user, hidden in [(caseworker, ("Zqxfremd", "Zqxeigen")), (teamlead, ("Zqxeigen",))]:
        client.force_login(user)
        body = client.get("/clients/", {"q": query}).content.decode()
        assert not [name for name in hidden if name in body], user
    assert "Zqxfremd" in body  # the team lead finds the colleague's client


def test_a_household_of_restricted_people_only_is_the_administrations(client, caseworker, teamlead, administrator):
    """Art. 18: only the administration sees a restricted person — nor does the team lead open the
    household they alone make up (its number and note are about them)."""
    household = make_household()
    make_client(caseworker, household=household, restricted_at=timezone.now())
    for user, status in [(teamlead, 404), (caseworker, 404), (administrator, 200)]:
        client.force_login(user)
        assert client.get(f"/households/{household.pk}/").status_code == status, user

import pytest
from django.urls import reverse
from django.utils import timezone

from authorisations.models import Authorisation, Handover
from cases.models import AccessLog, Consent
from tests.conftest import get_document
from tests.factories import make_agent, make_authorisation, make_principal, pdf_text

TODAY = timezone.localdate()


def url(name, *args):
    return reverse(f"authorisations:{name}", args=args)


@pytest.fixture
def signed_one(principal, agent, caseworker, branch):
    return make_authorisation(principal, agent, caseworker, branch, status="signed")


@pytest.fixture
def kjc_consent(principal, caseworker):
    return Consent.objects.create(
        client=principal,
        recipient_kind="kjc",
        data_categories=["identity", "benefits"],
        purpose="Abstimmung mit dem KJC",
        created_by=caseworker,
    )


def test_the_form_offers_signed_vollmachten_and_their_kjc_consents(client, caseworker, signed_one, kjc_consent, branch):
    draft = make_authorisation(signed_one.principal, make_agent(family_name="Weber"), caseworker, branch)
    stranger = make_principal(family_name="Fremd", language=None)
    foreign = make_authorisation(stranger, make_agent(), caseworker, branch, status="signed")
    client.force_login(caseworker)
    response = client.get(url("handover_create"))
    form = response.context["form"]
    assert list(form.fields["authorisations"].queryset) == [signed_one]  # not the draft, not other caseworkers' clients
    assert foreign not in form.fields["authorisations"].queryset
    assert draft not in form.fields["authorisations"].queryset
    assert draft not in form.fields["authorisations"].queryset
    assert list(form.fields["consents"].queryset) == [kjc_consent]


def test_it_creates_a_handover(client, caseworker, signed_one, kjc_consent, branch):
    client.force_login(caseworker)
    data = {
        "authorisations": [signed_one.pk],
        "consents": [kjc_consent.pk],
        "kjc_branch": branch.pk,
        "team": "benefits",
        "handed_over_on": TODAY.isoformat(),
        "note": "",
    }
    response = client.post(url("handover_create"), data)
    handover = Handover.objects.get()
    assert response.status_code == 302 and response.url == url("handover_detail", handover.pk)
    signed_one.refresh_from_db()
    assert (signed_one.status, signed_one.original_holder, signed_one.handover) == ("handed_over", "kjc", handover)
    assert list(handover.consents.all()) == [kjc_consent]
    assert handover.created_by == caseworker


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"authorisations": []}, "authorisations"),
        ({"team": "other"}, "team"),
        ({"handed_over_on": "2099-01-01"}, "handed_over_on"),
        ({"handed_over_on": "gestern"}, "handed_over_on"),
    ],
)
def test_bad_handover_input_gets_a_german_error(client, caseworker, signed_one, branch, change, field):
    client.force_login(caseworker)
    data = {
        "authorisations": [signed_one.pk],
        "kjc_branch": branch.pk,
        "team": "benefits",
        "handed_over_on": TODAY.isoformat(),
        "note": "Behalten",
        **change,
    }
    response = client.post(url("handover_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Behalten" in response.content.decode()
    assert not Handover.objects.exists()


def test_consents_go_only_with_the_vollmacht_of_the_same_person(client, caseworker, signed_one, branch, agent):
    other = make_principal(caseworker, family_name="Osman")
    make_authorisation(other, agent, caseworker, branch, status="signed")
    consent = Consent.objects.create(
        client=other, recipient_kind="kjc", data_categories=["identity"], purpose="KJC", created_by=caseworker
    )
    client.force_login(caseworker)
    data = {
        "authorisations": [signed_one.pk],
        "consents": [consent.pk],
        "kjc_branch": branch.pk,
        "team": "benefits",
        "handed_over_on": TODAY.isoformat(),
    }
    response = client.post(url("handover_create"), data)
    assert "consents" in response.context["form"].errors
    assert not Handover.objects.exists()


def test_the_handover_sheet_lists_everything_for_the_receipt(client, caseworker, kjc, signed_one, kjc_consent, branch):
    from authorisations import services

    handover = services.create_handover(
        user=caseworker,
        kjc_branch=branch,
        team="integration",
        handed_over_on=TODAY,
        authorisations=[signed_one],
        consents=[kjc_consent],
    )
    for user in (caseworker, kjc):
        client.force_login(user)
        if user == caseworker:
            response = get_document(client, url("handover_pdf", handover.pk))  # made by the task worker
        else:  # the same sheet (the same HTML): the stored PDF at once
            response = client.get(url("handover_pdf", handover.pk))
        assert response.status_code == 200
        text = " ".join(pdf_text(response.content).split())
        assert f"Übergabeprotokoll Nr. {handover.pk}" in text
        assert "Eingliederung" in text
        assert "Al-Hassan, Mariam" in text and "Schneider, Erika" in text
        assert signed_one.principal.kjc_customer_number in text and signed_one.short_code in text
        assert "Abstimmung mit dem KJC" in text
        assert "Empfangen: Datum, Name, Unterschrift KJC, Stempel" in text
    assert (
        AccessLog.objects.filter(action="pdf", target=f"handover:{handover.pk}", client=signed_one.principal).count()
        == 2
    )


def test_handovers_are_scoped(client, caseworker, colleague, volunteer, signed_one, branch):
    from authorisations import services

    handover = services.create_handover(
        user=caseworker, kjc_branch=branch, team="benefits", handed_over_on=TODAY, authorisations=[signed_one]
    )
    client.force_login(colleague)
    assert client.get(url("handover_detail", handover.pk)).status_code == 404
    assert client.get(url("handover_pdf", handover.pk)).status_code == 404
    assert list(client.get(url("handover_list")).context["page"].object_list) == []
    client.force_login(volunteer)
    for name in ("handover_list", "handover_create"):
        assert client.get(url(name)).status_code == 404
    assert client.get(url("handover_pdf", handover.pk)).status_code == 404
    client.force_login(caseworker)
    assert client.get(url("handover_detail", handover.pk)).status_code == 200
    assert client.post(url("handover_detail", handover.pk)).status_code == 405
    assert client.post(url("handover_list")).status_code == 405


@pytest.mark.parametrize("rows", [5, 50])
def test_the_handover_list_runs_a_constant_number_of_queries(
    client, teamlead, branch, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        Handover.objects.create(kjc_branch=branch, team="benefits", created_by=teamlead)
    client.force_login(teamlead)
    with django_assert_max_num_queries(10):
        response = client.get(url("handover_list"))
    assert len(response.context["page"].object_list) == min(rows, 25)


def test_the_kjc_start_page_shows_the_handovers_and_the_verification(client, kjc, caseworker, signed_one, branch):
    from authorisations import services

    handover = services.create_handover(
        user=caseworker, kjc_branch=branch, team="benefits", handed_over_on=TODAY, authorisations=[signed_one]
    )
    client.force_login(kjc)
    response = client.get(reverse("kjc:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [handover]
    assert response.context["page"].object_list[0].authorisation_count == 1
    assert reverse("authorisations:verify_lookup") in body and 'name="code"' in body
    assert url("handover_pdf", handover.pk) in body
    assert "Al-Hassan" not in body  # names only on the verification page and the sheet
    assert Authorisation.objects.get().status == "handed_over"


@pytest.mark.parametrize("persona", ["caseworker", "volunteer", "teamlead"], indirect=True)
def test_the_kjc_start_page_is_404_for_others(client, persona):
    client.force_login(persona)
    assert client.get(reverse("kjc:home")).status_code == 404

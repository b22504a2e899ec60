import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from authorisations.models import Authorisation, new_short_code, normalise_short_code
from tests.factories import make_agent, make_authorisation, make_principal

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("status", "valid"),
    [
        ("draft", False),
        ("printed", False),
        ("signed", True),
        ("handed_over", True),
        ("revoked", False),
        ("expired", False),
    ],
)
def test_it_is_effective_only_when_signed_or_handed_over(status, valid, principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status=status)
    assert authorisation.is_valid_on(TODAY) is valid
    assert Authorisation.objects.effective_on(TODAY).filter(pk=authorisation.pk).exists() is valid


def test_it_is_effective_only_within_its_validity(principal, agent, caseworker, branch):
    authorisation = make_authorisation(
        principal,
        agent,
        caseworker,
        branch,
        status="signed",
        valid_from=TODAY,
        valid_until=TODAY + datetime.timedelta(5),
    )
    for day, valid in [(TODAY - datetime.timedelta(1), False), (TODAY, True), (TODAY + datetime.timedelta(5), True)]:
        assert authorisation.is_valid_on(day) is valid
        assert Authorisation.objects.effective_on(day).filter(pk=authorisation.pk).exists() is valid
    assert not authorisation.is_valid_on(TODAY + datetime.timedelta(6))
    assert authorisation.invalid_reason(TODAY + datetime.timedelta(6)) == "expired"
    assert authorisation.invalid_reason(TODAY - datetime.timedelta(1)) == "not_yet"


def test_one_active_vollmacht_per_principal_and_agent(principal, agent, caseworker, branch):
    make_authorisation(principal, agent, caseworker, branch, status="signed")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_authorisation(principal, agent, caseworker, branch)
    # another agent, or after revocation, is fine
    make_authorisation(principal, make_agent(family_name="Weber"), caseworker, branch)


def test_a_revoked_one_does_not_block_a_new_one(principal, agent, caseworker, branch):
    make_authorisation(principal, agent, caseworker, branch, status="revoked")
    assert make_authorisation(principal, agent, caseworker, branch).status == "draft"


def test_objections_need_the_rdg_notice(principal, agent, caseworker, branch):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_authorisation(principal, agent, caseworker, branch, scopes=["objection"])


def test_the_end_is_not_before_the_start(principal, agent, caseworker, branch):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_authorisation(
            principal, agent, caseworker, branch, valid_from=TODAY, valid_until=TODAY - datetime.timedelta(1)
        )


def test_a_signed_one_has_a_signing_date(draft):
    draft.status = "signed"
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_a_handed_over_one_is_held_by_the_kjc(draft):
    draft.status = "handed_over"
    draft.signed_on = TODAY
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_short_codes_are_typed_in_forgivingly():
    code = new_short_code()
    assert len(code) == 14
    assert normalise_short_code(code.lower().replace("-", " ")) == code
    assert normalise_short_code("ABCD-EFGH-JKM") == ""
    assert normalise_short_code("abcd efgh jkmo") == "ABCD-EFGH-JKM0"


def test_tokens_are_long_and_unique(principal, caseworker, branch):
    tokens = {make_authorisation(principal, make_agent(), caseworker, branch).token for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token) >= 32 for token in tokens)


def test_every_change_is_in_the_history(draft):
    before = draft.history.count()
    draft.exclusions = "Keine Umzüge"
    draft.save()
    assert draft.history.count() == before + 1
    assert draft.history.first().exclusions == "Keine Umzüge"


def test_visibility_follows_the_clients(principal, agent, caseworker, colleague, teamlead, volunteer, kjc, branch):
    mine = make_authorisation(principal, agent, caseworker, branch)
    other = make_authorisation(make_principal(colleague, family_name="Osman"), agent, colleague, branch)
    assert set(Authorisation.objects.visible_to(caseworker)) == {mine}
    assert set(Authorisation.objects.visible_to(colleague)) == {other}
    assert set(Authorisation.objects.visible_to(teamlead)) == {mine, other}
    assert not Authorisation.objects.visible_to(volunteer).exists()
    assert not Authorisation.objects.visible_to(kjc).exists()

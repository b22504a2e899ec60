import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from authorisations import services
from authorisations.models import Authorisation, AuthorisationPdf
from cases.models import Consent
from tests import files
from tests.factories import make_authorisation, make_principal, pdf_text, printed, signed
from wir_fallmanagement.uploads import check_upload

TODAY = timezone.localdate()


def test_printing_stores_the_pdf_once_and_marks_it_printed(draft, caseworker):
    first = services.print_authorisation(authorisation=draft, user=caseworker, base_url="http://testserver")
    again = services.print_authorisation(authorisation=draft, user=caseworker, base_url="http://testserver")
    draft.refresh_from_db()
    assert draft.status == "printed"
    assert draft.printed_at is not None
    assert first.pk == again.pk
    assert bytes(first.pdf).startswith(b"%PDF")
    assert first.size == len(bytes(first.pdf)) and len(first.sha256) == 64
    assert first.token == draft.token and first.short_code == draft.short_code


def test_printing_needs_a_branch(principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, kjc_branch=None)
    with pytest.raises(ValidationError):
        services.print_authorisation(authorisation=authorisation, user=caseworker, base_url="http://testserver")


def test_changing_a_printed_one_makes_a_new_version_and_keeps_the_old_pdf(draft, caseworker):
    printed(draft, caseworker)
    old_pdf = bytes(draft.current_pdf().pdf)
    old_token, old_code = draft.token, draft.short_code
    new_version = services.update_authorisation(authorisation=draft, content={"exclusions": "Keine Umzüge"})
    draft.refresh_from_db()
    assert new_version is True
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.token != old_token and draft.short_code != old_code
    assert draft.current_pdf() is None
    kept = draft.pdfs.get(version=1)
    assert bytes(kept.pdf) == old_pdf and kept.token == old_token
    printed(draft, caseworker)
    assert "Fassung 2" in pdf_text(bytes(draft.current_pdf().pdf))
    assert draft.pdfs.filter(kind=AuthorisationPdf.Kind.AUTHORISATION).count() == 2


def test_changing_a_draft_keeps_the_version(draft):
    assert services.update_authorisation(authorisation=draft, content={"exclusions": "x"}) is False
    draft.refresh_from_db()
    assert (draft.version, draft.exclusions) == (1, "x")


def test_an_unchanged_save_is_no_new_version(draft, caseworker):
    printed(draft, caseworker)
    content = {"agent": draft.agent, "exclusions": draft.exclusions, "scopes": list(draft.scopes)}
    assert services.update_authorisation(authorisation=draft, content=content) is False
    draft.refresh_from_db()
    assert (draft.version, draft.status) == (1, "printed")


def test_a_signed_one_cannot_be_changed(principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    with pytest.raises(ValidationError):
        services.update_authorisation(authorisation=authorisation, content={"exclusions": "x"})


def test_marking_signed_records_date_holder_and_scan(draft, caseworker):
    printed(draft, caseworker)
    scan = check_upload(SimpleUploadedFile("scan.pdf", files.pdf(), content_type="application/pdf"))
    services.mark_signed(authorisation=draft, user=caseworker, signed_on=TODAY, holder="agent", scan=scan)
    draft.refresh_from_db()
    assert draft.status == "signed"
    assert (draft.signed_on, draft.original_holder, draft.original_held_since) == (TODAY, "agent", TODAY)
    assert draft.signed_recorded_by == caseworker
    assert draft.signed_scan.client == draft.principal
    assert draft.signed_scan.size == len(files.pdf())
    assert draft.is_valid


def test_only_a_printed_one_can_be_signed(draft, caseworker):
    with pytest.raises(ValidationError):
        services.mark_signed(authorisation=draft, user=caseworker, signed_on=TODAY, holder="office")


def test_handover_moves_the_originals_to_the_kjc(principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    consent = Consent.objects.create(
        client=principal, recipient_kind="kjc", data_categories=["identity"], purpose="KJC", created_by=caseworker
    )
    handover = services.create_handover(
        user=caseworker,
        kjc_branch=branch,
        team="integration",
        handed_over_on=TODAY,
        authorisations=[authorisation],
        consents=[consent],
    )
    authorisation.refresh_from_db()
    assert authorisation.status == "handed_over"
    assert authorisation.handover == handover
    assert (authorisation.original_holder, authorisation.original_held_since) == ("kjc", TODAY)
    assert list(handover.consents.all()) == [consent]
    assert authorisation.is_valid


def test_handover_takes_only_signed_ones_and_their_consents(principal, agent, caseworker, branch):
    draft = make_authorisation(principal, agent, caseworker, branch)
    with pytest.raises(ValidationError):
        services.create_handover(
            user=caseworker, kjc_branch=branch, team="benefits", handed_over_on=TODAY, authorisations=[draft]
        )
    other = make_principal(caseworker, family_name="Osman")
    stranger = Consent.objects.create(
        client=other, recipient_kind="kjc", data_categories=["identity"], purpose="KJC", created_by=caseworker
    )
    draft.delete()
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    with pytest.raises(ValidationError):
        services.create_handover(
            user=caseworker,
            kjc_branch=branch,
            team="benefits",
            handed_over_on=TODAY,
            authorisations=[authorisation],
            consents=[stranger],
        )
    authorisation.refresh_from_db()
    assert authorisation.status == "signed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_revocation_ends_validity_at_once_and_writes_the_notice(draft, caseworker, run_jobs):
    signed(draft, caseworker)
    assert Authorisation.objects.effective_on().filter(pk=draft.pk).exists()
    services.revoke_authorisation(
        authorisation=draft,
        user=caseworker,
        declared_by="principal",
        reason="Die Begleitung ist beendet – vertraulich",
        revoked_on=TODAY,
    )
    draft.refresh_from_db()
    assert draft.status == "revoked"
    assert (draft.revoked_on, draft.revoked_recorded_by, draft.revoked_declared_by) == (TODAY, caseworker, "principal")
    assert draft.revoked_at is not None
    assert not Authorisation.objects.effective_on().filter(pk=draft.pk).exists()
    assert not draft.pdfs.filter(kind="revocation").exists()  # the notice is the worker's job
    run_jobs()
    notice = draft.pdfs.get(kind="revocation")
    text = pdf_text(bytes(notice.pdf))
    assert "Widerruf einer Vollmacht nach § 13 SGB X" in text
    assert "Hiermit widerrufe ich die oben genannte Vollmacht" in text
    assert draft.principal.kjc_customer_number in text
    assert "Kommunales Job-Center Odenwaldkreis, Erbach" in text
    assert "vertraulich" not in text  # the reason stays in the file
    with pytest.raises(ValidationError):
        services.revoke_authorisation(
            authorisation=draft, user=caseworker, declared_by="principal", reason="x", revoked_on=TODAY
        )


def test_revocation_delivery_is_recorded(principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="revoked")
    services.record_revocation_delivery(authorisation=authorisation, sent_on=TODAY, received_on=TODAY)
    authorisation.refresh_from_db()
    assert (authorisation.revocation_sent_on, authorisation.revocation_received_on) == (TODAY, TODAY)


def test_expiry_marks_only_the_ended_ones(principal, agent, caseworker, branch):
    from tests.factories import make_agent

    ended = make_authorisation(
        principal, agent, caseworker, branch, status="signed", valid_until=TODAY - datetime.timedelta(1)
    )
    running = make_authorisation(principal, make_agent(), caseworker, branch, status="signed", valid_until=TODAY)
    assert services.expire_authorisations(today=TODAY) == 1
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == ("expired", "signed")
    assert ended.expired_at is not None
    assert services.expire_authorisations(today=TODAY) == 0


def test_the_expiry_command(principal, agent, caseworker, branch):
    from io import StringIO

    from django.core.management import call_command

    make_authorisation(principal, agent, caseworker, branch, status="signed", valid_until=TODAY - datetime.timedelta(1))
    out = StringIO()
    call_command("expire_authorisations", stdout=out)
    assert "1 Vollmacht(en) als abgelaufen markiert." in out.getvalue()
    assert Authorisation.objects.get().status == "expired"


def test_creating_expires_an_ended_one_of_the_same_pair(principal, agent, caseworker, branch):
    make_authorisation(principal, agent, caseworker, branch, status="signed", valid_until=TODAY - datetime.timedelta(1))
    new = services.create_authorisation(
        principal=principal, agent=agent, created_by=caseworker, kjc_branch=branch, scopes=["information"]
    )
    assert new.status == "draft"
    assert Authorisation.objects.filter(status="expired").count() == 1

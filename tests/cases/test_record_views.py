import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import Role
from cases.models import AccessLog, Case, Consent, Contact, Document, FollowUp, Goal
from tests import files
from tests.factories import make_client, make_household, make_user

PDF = files.pdf()
PNG = files.image("PNG")
JPEG = files.image("JPEG")


@pytest.fixture
def mine(caseworker):
    return make_client(caseworker, family_name="Meinname")


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


# ------------------------------------------------------------------------------ contacts


def test_log_a_contact_with_todays_date_by_default(logged_in, mine, caseworker):
    form = logged_in.get(f"/clients/{mine.pk}/").context["contact_form"]
    assert form["date"].value() == timezone.localdate()
    response = logged_in.post(
        f"/clients/{mine.pk}/contacts/new/",
        {"date": timezone.localdate().isoformat(), "duration_minutes": "30", "channel": "phone", "note": "Kurz"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.author == caseworker and not contact.from_volunteer
    assert "Kurz" in logged_in.get(f"/clients/{mine.pk}/").content.decode()


def test_contact_in_the_future_or_with_bad_duration_is_refused_with_input_kept(logged_in, mine):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = logged_in.post(
        f"/clients/{mine.pk}/contacts/new/",
        {"date": future, "duration_minutes": "-5", "channel": "phone", "note": "Behalte mich"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "date" in errors and "duration_minutes" in errors
    assert "Behalte mich" in response.content.decode()
    assert not Contact.objects.exists()


def test_contact_checks_ownership(client, colleague, mine):
    client.force_login(colleague)
    response = client.post(
        f"/clients/{mine.pk}/contacts/new/", {"date": "2026-01-01", "duration_minutes": "5", "channel": "phone"}
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_contact_list_paginates(logged_in, mine, caseworker):
    Contact.objects.bulk_create([Contact(client=mine, author=caseworker, note=f"n{i}") for i in range(30)])
    assert len(logged_in.get(f"/clients/{mine.pk}/contacts/").context["page"]) == 25


def test_contact_form_rejects_missing_csrf_token(caseworker, mine):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(caseworker)
    response = strict.post(f"/clients/{mine.pk}/contacts/new/", {"duration_minutes": "5", "channel": "phone"})
    assert response.status_code == 403


# ------------------------------------------------------------------------------ follow-ups


def test_add_and_complete_a_followup(logged_in, mine, caseworker):
    due = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = logged_in.post(
        f"/clients/{mine.pk}/followups/new/", {"due_on": due, "text": "Anrufen", "owner": caseworker.pk}
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert "Anrufen" in logged_in.get("/followups/").content.decode()
    assert logged_in.get(f"/followups/{followup.pk}/done/").status_code == 405
    assert logged_in.post(f"/followups/{followup.pk}/done/").status_code == 302
    followup.refresh_from_db()
    assert followup.done_at is not None and followup.done_by == caseworker
    assert list(logged_in.get("/followups/").context["page"]) == []


def test_followup_done_checks_ownership(client, colleague, mine, caseworker):
    followup = FollowUp.objects.create(client=mine, owner=caseworker, due_on=timezone.localdate(), text="x")
    client.force_login(colleague)
    assert client.post(f"/followups/{followup.pk}/done/").status_code == 404
    followup.refresh_from_db()
    assert followup.done_at is None


def test_followup_without_date_gets_a_field_error(logged_in, mine, caseworker):
    response = logged_in.post(
        f"/clients/{mine.pk}/followups/new/", {"due_on": "31.02.2026", "text": "x", "owner": caseworker.pk}
    )
    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors


def test_followup_list_shows_overdue_first_and_paginates(logged_in, mine, caseworker):
    today = timezone.localdate()
    FollowUp.objects.bulk_create(
        [
            FollowUp(client=mine, owner=caseworker, due_on=today + datetime.timedelta(days=i - 3), text=f"t{i}")
            for i in range(30)
        ]
    )
    page = logged_in.get("/followups/").context["page"]
    assert len(page) == 25
    assert page[0].text == "t0"


# ------------------------------------------------------------------------------ goals


def test_goal_create_and_status_change(logged_in, mine):
    assert (
        logged_in.post(
            f"/clients/{mine.pk}/goals/new/", {"title": "B1-Kurs", "topic": "language", "status": "open"}
        ).status_code
        == 302
    )
    goal = Goal.objects.get()
    assert logged_in.post(f"/goals/{goal.pk}/status/", {"status": "achieved"}).status_code == 302
    goal.refresh_from_db()
    assert goal.status == "achieved"
    logged_in.post(f"/goals/{goal.pk}/status/", {"status": "nonsense"})
    goal.refresh_from_db()
    assert goal.status == "achieved"


def test_goal_status_checks_ownership_and_method(client, colleague, mine, caseworker):
    goal = Goal.objects.create(client=mine, title="x", created_by=caseworker)
    client.force_login(colleague)
    assert client.post(f"/goals/{goal.pk}/status/", {"status": "dropped"}).status_code == 404
    client.force_login(caseworker)
    assert client.get(f"/goals/{goal.pk}/status/").status_code == 405


# ------------------------------------------------------------------------------ consents


def consent_data(**overrides):
    return {
        "recipient_kind": "kjc",
        "data_categories": ["identity", "benefits"],
        "purpose": "Abstimmung mit dem KJC",
        "form": "written",
        "given_on": timezone.localdate().isoformat(),
        **overrides,
    }


def test_record_a_consent_with_its_signed_scan(logged_in, mine):
    scan = SimpleUploadedFile("einwilligung.pdf", PDF, content_type="application/pdf")
    response = logged_in.post(f"/clients/{mine.pk}/consents/new/", {**consent_data(), "scan_file": scan})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.is_valid
    assert consent.scan.content_type == "application/pdf"
    assert consent.scan.kind == Document.Kind.CONSENT


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recipient_kind": "volunteer"}, "recipient_volunteer"),
        ({"recipient_kind": "provider"}, "recipient_provider"),
        ({"recipient_kind": "other"}, "recipient_name"),
        ({"data_categories": ["health"], "form": "oral"}, "form"),
        ({"given_on": "2999-01-01"}, "given_on"),
        ({"valid_until": "2000-01-01"}, "valid_until"),
        ({"data_categories": []}, "data_categories"),
    ],
)
def test_consent_rules_show_at_the_field(logged_in, mine, overrides, field):
    response = logged_in.post(f"/clients/{mine.pk}/consents/new/", consent_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Consent.objects.exists()


def test_revoke_a_consent(logged_in, mine, caseworker):
    consent = Consent.objects.create(
        client=mine, recipient_kind="kjc", data_categories=["identity"], purpose="x", created_by=caseworker
    )
    response = logged_in.post(f"/consents/{consent.pk}/revoke/", {"revoked_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_on == timezone.localdate()
    assert not consent.is_valid


def test_revoke_checks_ownership(client, colleague, mine, caseworker):
    consent = Consent.objects.create(
        client=mine, recipient_kind="kjc", data_categories=["identity"], purpose="x", created_by=caseworker
    )
    client.force_login(colleague)
    assert (
        client.post(f"/consents/{consent.pk}/revoke/", {"revoked_on": timezone.localdate().isoformat()}).status_code
        == 404
    )


# ------------------------------------------------------------------------------ documents


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [("a.pdf", PDF, "application/pdf"), ("b.PNG", PNG, "image/png"), ("c.jpeg", JPEG, "image/jpeg")],
)
def test_upload_and_download_a_document(logged_in, mine, settings, name, content, ctype):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = logged_in.post(
        f"/clients/{mine.pk}/documents/new/", {"title": "Bescheid", "kind": "decision", "file": upload}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == ctype
    assert name not in document.file.name  # random internal name
    assert str(settings.MEDIA_ROOT) in document.file.path
    download = logged_in.get(f"/documents/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    stored = b"".join(download.streaming_content)
    if ctype == "application/pdf":
        assert stored == content
    else:  # images are re-encoded: the same pixels, nothing else
        assert Image.open(io.BytesIO(stored)).size == Image.open(io.BytesIO(content)).size
    assert AccessLog.objects.filter(action="document", client=mine).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.pdf", b"GIF89a...", "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Erlaubt sind nur"),
        ("x.png", PDF, "Dateiendung passt nicht"),
        ("x.jpg", b"\xff\xd8\xff" + b"<html><script>alert(1)</script></html>", "beschädigt"),
        ("x.pdf", b"", "leer"),
    ],
)
def test_bad_uploads_are_refused_with_a_german_message(logged_in, mine, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = logged_in.post(
        f"/clients/{mine.pk}/documents/new/", {"title": "Bescheid", "kind": "decision", "file": upload}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert 'value="Bescheid"' in response.content.decode()
    assert not Document.objects.exists()


def test_oversized_uploads_are_refused(logged_in, mine, settings):
    settings.WIR_MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    response = logged_in.post(f"/clients/{mine.pk}/documents/new/", {"title": "Groß", "kind": "other", "file": upload})
    assert "zu groß" in " ".join(response.context["form"].errors["file"])


def test_document_download_checks_ownership(client, colleague, mine, caseworker):
    upload = io.BytesIO(PDF)
    upload.name = "a.pdf"
    client.force_login(caseworker)
    client.post(f"/clients/{mine.pk}/documents/new/", {"title": "t", "kind": "other", "file": upload})
    document = Document.objects.get()
    client.force_login(colleague)
    assert client.get(f"/documents/{document.pk}/").status_code == 404


# ------------------------------------------------------------------------------ cases


def test_change_case_status_and_close_with_reason(logged_in, mine):
    case = mine.cases.get()
    assert logged_in.post(f"/cases/{case.pk}/status/", {"status": "active"}).status_code == 302
    response = logged_in.post(f"/cases/{case.pk}/status/", {"status": "closed"})
    assert response.status_code == 200
    assert "closing_reason" in response.context["form"].errors
    closing = {"status": "closed", "closing_reason": "moved"}
    asked = logged_in.post(f"/cases/{case.pk}/status/", closing)
    assert asked.status_code == 200 and "Den Fall von" in asked.content.decode()
    case.refresh_from_db()
    assert case.status == "active"  # only asked, nothing closed yet
    assert logged_in.post(f"/cases/{case.pk}/status/", {**closing, "confirmed": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_reason == "moved"


def test_impossible_transition_is_refused(logged_in, mine):
    case = mine.cases.get()
    response = logged_in.post(f"/cases/{case.pk}/status/", {"status": "dormant"})  # intake → dormant
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "intake"


def test_open_a_new_case_only_when_none_is_open(logged_in, mine, caseworker):
    logged_in.post(f"/clients/{mine.pk}/cases/new/", {"caseworker": caseworker.pk})
    assert mine.cases.count() == 1
    mine.cases.get().change_status(Case.Status.CLOSED, reason="other")
    logged_in.post(f"/clients/{mine.pk}/cases/new/", {"caseworker": caseworker.pk})
    assert mine.cases.open().count() == 1


def test_case_status_checks_ownership(client, colleague, mine):
    client.force_login(colleague)
    assert client.post(f"/cases/{mine.cases.get().pk}/status/", {"status": "active"}).status_code == 404


# ------------------------------------------------------------------------------ caseload handover


def test_teamlead_moves_several_cases_and_their_followups_in_one_step(client, teamlead, caseworker, colleague):
    a, b, c = (make_client(caseworker, family_name=n) for n in ("A", "B", "C"))
    FollowUp.objects.create(client=a, owner=caseworker, due_on=timezone.localdate(), text="mitnehmen")
    client.force_login(teamlead)
    page = client.get(f"/cases/reassign/?from={caseworker.pk}")
    assert page.status_code == 200
    cases = [a.cases.get().pk, b.cases.get().pk]
    response = client.post("/cases/reassign/", {"from": caseworker.pk, "to_caseworker": colleague.pk, "cases": cases})
    assert response.status_code == 302
    assert set(Case.objects.filter(caseworker=colleague).values_list("client__family_name", flat=True)) == {"A", "B"}
    assert c.cases.get().caseworker == caseworker
    assert FollowUp.objects.get().owner == colleague


@pytest.mark.parametrize("persona", ["caseworker", "volunteer", "kjc"], indirect=True)
def test_reassign_is_for_team_leads_only(client, persona):
    client.force_login(persona)
    assert client.get("/cases/reassign/").status_code == 404


def test_after_handover_the_old_caseworker_no_longer_sees_the_client(client, teamlead, caseworker, colleague):
    a = make_client(caseworker)
    client.force_login(teamlead)
    client.post("/cases/reassign/", {"from": caseworker.pk, "to_caseworker": colleague.pk, "cases": [a.cases.get().pk]})
    client.force_login(caseworker)
    assert client.get(f"/clients/{a.pk}/").status_code == 404
    client.force_login(colleague)
    assert client.get(f"/clients/{a.pk}/").status_code == 200


# ------------------------------------------------------------------------------ households


def test_household_page_shows_members_and_validates_the_number(logged_in, caseworker):
    household = make_household("06431BG0000001")
    make_client(caseworker, household=household, given_names="Rasha")
    assert "Rasha" in logged_in.get(f"/households/{household.pk}/").content.decode()
    response = logged_in.post(f"/households/{household.pk}/", {"bg_number": "falsch", "note": ""})
    assert response.status_code == 200 and "bg_number" in response.context["form"].errors
    assert (
        logged_in.post(
            f"/households/{household.pk}/",
            {"bg_number": "06431 bg 0000002", "note": "", "edit_version": household.edit_version},
        ).status_code
        == 302
    )
    household.refresh_from_db()
    assert household.bg_number == "06431BG0000002"


def test_household_of_others_is_404(client, caseworker, colleague):
    household = make_household()
    make_client(caseworker, household=household)
    client.force_login(colleague)
    assert client.get(f"/households/{household.pk}/").status_code == 404


def test_duplicate_bg_number_on_household_page_is_a_field_error(logged_in, caseworker):
    make_household("06431BG0000009")
    household = make_household("06431BG0000001")
    make_client(caseworker, household=household)
    response = logged_in.post(f"/households/{household.pk}/", {"bg_number": "06431BG0000009", "note": ""})
    # A field error, but the neutral one: "already taken" would tell that the number exists.
    errors = " ".join(response.context["form"].errors["bg_number"])
    assert "nicht eingetragen werden" in errors and "bereits vergeben" not in errors


def test_inactive_caseworkers_are_not_offered_as_targets(client, teamlead, caseworker):
    gone = make_user("gone@example.org", Role.CASEWORKER)
    gone.is_active = False
    gone.save()
    client.force_login(teamlead)
    form = client.get(f"/cases/reassign/?from={caseworker.pk}").context["form"]
    assert gone not in form.fields["to_caseworker"].queryset


# ------------------------------------------------------------------------------ sending a form twice


def test_a_form_sent_twice_creates_one_record(logged_in, mine):
    page = logged_in.get(f"/clients/{mine.pk}/").content.decode()
    token = re.search(r'action="/clients/[^"]+/contacts/new/".*?name="form_token" value="([^"]+)"', page, re.S).group(1)
    data = {
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "30",
        "channel": "phone",
        "note": "Doppelklick",
        "form_token": token,
    }
    first = logged_in.post(f"/clients/{mine.pk}/contacts/new/", data)
    second = logged_in.post(f"/clients/{mine.pk}/contacts/new/", data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Contact.objects.count() == 1
    followed = logged_in.get(second.url).content.decode()
    assert "nur einmal gespeichert" in followed


def test_a_corrected_form_with_the_same_token_is_accepted(logged_in, mine):
    token = "tok-" + "x" * 20
    bad = {"date": "2999-01-01", "duration_minutes": "30", "channel": "phone", "form_token": token}
    assert logged_in.post(f"/clients/{mine.pk}/contacts/new/", bad).status_code == 200
    good = {**bad, "date": timezone.localdate().isoformat()}
    assert logged_in.post(f"/clients/{mine.pk}/contacts/new/", good).status_code == 302
    assert Contact.objects.count() == 1


def test_double_submitted_client_creation_makes_one_client(logged_in):
    from cases.models import Client

    from .test_client_views import valid_data

    data = {**valid_data(), "form_token": "client-create-token-123"}
    logged_in.post("/clients/new/", data)
    logged_in.post("/clients/new/", data)
    assert Client.objects.count() == 1

import datetime
import re

import pytest
from django.core import mail

from accounts.models import Role, User
from tests.conftest import run_worker
from tests.factories import make_user
from volunteers import tokens
from volunteers.models import Volunteer

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("run_jobs")]

NEW_PASSWORD = "Ehrenamt-ist-toll-2026"


@pytest.fixture
def staff(client, caseworker):
    client.force_login(caseworker)
    return client


def invite(staff, record):
    response = staff.post(f"/volunteers/{record.pk}/invite/")
    run_worker()  # the invitation mail goes out from the task worker
    return response


def link_in(message):
    return re.search(r"http://testserver(/portal/invitation/\S+/)", message.body).group(1)


def accept(client, link, password=NEW_PASSWORD, confirm=None):
    return client.post(link, {"new_password1": password, "new_password2": confirm or password})


def test_it_creates_an_account_without_password_and_mails_a_link(staff, make_volunteer):
    record = make_volunteer(email="Neu.Helfer@Example.org")
    response = invite(staff, record)
    assert response.status_code == 302
    record.refresh_from_db()
    user = record.user
    assert user.email == "neu.helfer@example.org"
    assert user.role == Role.VOLUNTEER
    assert user.full_name == record.full_name
    assert not user.has_usable_password()
    assert record.invited_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu.helfer@example.org"]
    assert message.subject == "Ihre Einladung zum Ehrenamtsportal"
    assert "gilt bis" in message.body
    assert link_in(message)
    assert "Die Einladung ist an neu.helfer@example.org gegangen." in staff.get(response.url).content.decode()


def test_the_volunteer_sets_a_password_and_can_log_in(client, staff, make_volunteer):
    record = make_volunteer()
    invite(staff, record)
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "Willkommen im Ehrenamtsportal" in page.content.decode()
    response = accept(client, link)
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    record.refresh_from_db()
    assert record.user.check_password(NEW_PASSWORD)
    assert client.post("/accounts/login/", {"username": record.email, "password": NEW_PASSWORD}).status_code == 302
    assert client.get("/").url == "/portal/"


def test_the_link_works_only_once(client, staff, make_volunteer):
    record = make_volunteer()
    invite(staff, record)
    link = link_in(mail.outbox[0])
    client.logout()
    accept(client, link)
    again = client.get(link)
    assert "Dieser Link gilt nicht mehr" in again.content.decode()
    accept(client, link, password="Ganz-anderes-Passwort-99")
    record.refresh_from_db()
    assert record.user.check_password(NEW_PASSWORD)


def test_re_sending_invalidates_the_old_link(client, staff, make_volunteer):
    record = make_volunteer()
    invite(staff, record)
    response = invite(staff, record)
    assert "der frühere Link gilt nicht mehr" in staff.get(response.url).content.decode()
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    assert old != new
    client.logout()
    assert "Dieser Link gilt nicht mehr" in client.get(old).content.decode()
    accept(client, old)
    record.refresh_from_db()
    assert not record.user.has_usable_password()
    assert accept(client, new).status_code == 302
    assert User.objects.filter(role=Role.VOLUNTEER).count() == 1


def test_the_link_expires_after_seven_days(client, staff, make_volunteer, monkeypatch):
    record = make_volunteer()
    invite(staff, record)
    link = link_in(mail.outbox[0])
    client.logout()
    real_now = tokens.invitation_tokens._now
    monkeypatch.setattr(tokens.invitation_tokens, "_now", lambda: real_now() + datetime.timedelta(days=6, hours=23))
    assert "Willkommen" in client.get(link).content.decode()
    monkeypatch.setattr(tokens.invitation_tokens, "_now", lambda: real_now() + datetime.timedelta(days=7, hours=1))
    assert "Dieser Link gilt nicht mehr" in client.get(link).content.decode()
    accept(client, link)
    record.refresh_from_db()
    assert not record.user.has_usable_password()


def test_a_password_reset_token_is_not_an_invitation(client, staff, make_volunteer):
    from django.contrib.auth.tokens import default_token_generator

    record = make_volunteer()
    invite(staff, record)
    record.refresh_from_db()
    link = link_in(mail.outbox[0])
    uid = link.split("/")[3]
    client.logout()
    forged = f"/portal/invitation/{uid}/{default_token_generator.make_token(record.user)}/"
    assert "Dieser Link gilt nicht mehr" in client.get(forged).content.decode()


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("kurz", None, "Dieses Passwort ist zu kurz"),
        ("12345678901234", None, "Dieses Passwort ist komplett numerisch"),
        ("password123", None, "Dieses Passwort ist zu üblich"),
        (NEW_PASSWORD, "Anderes-Passwort-2026", "Die beiden Passwörter sind nicht identisch"),
    ],
)
def test_django_password_validators_apply(client, staff, make_volunteer, password, confirm, message):
    record = make_volunteer()
    invite(staff, record)
    link = link_in(mail.outbox[0])
    client.logout()
    response = accept(client, link, password, confirm)
    assert response.status_code == 200
    assert message in response.content.decode()
    record.refresh_from_db()
    assert not record.user.has_usable_password()


@pytest.mark.parametrize(
    "path",
    [
        "/portal/invitation/x/y/",
        "/portal/invitation/MQ/abc-def/",
        "/portal/invitation/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5/abc-def/",
        "/portal/invitation/%C3%A4%C3%B6/zz-zz/",
        "/portal/invitation/MQ/zzzzzzzzzzzzzzzzzzzzzzzzz-1/",
    ],
)
def test_broken_links_get_a_polite_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Dieser Link gilt nicht mehr" in response.content.decode()


def test_the_link_page_is_public_and_never_cached(client, staff, make_volunteer):
    record = make_volunteer()
    invite(staff, record)
    client.logout()
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_attaches_an_existing_unlinked_volunteer_account(staff, make_volunteer):
    user = make_user("vorhanden@example.org", Role.VOLUNTEER, "Vorhandene Person")
    record = make_volunteer(email="vorhanden@example.org")
    invite(staff, record)
    record.refresh_from_db()
    assert record.user == user


def test_it_refuses_an_address_of_a_staff_account(staff, make_volunteer, colleague):
    record = make_volunteer(email=colleague.email)
    response = invite(staff, record)
    assert "gehört schon zu einem anderen Benutzerkonto" in staff.get(response.url).content.decode()
    record.refresh_from_db()
    assert record.user is None
    assert mail.outbox == []


def test_it_needs_an_email_address(staff, make_volunteer):
    record = make_volunteer(email="")
    response = invite(staff, record)
    assert "Bitte tragen Sie zuerst eine E-Mail-Adresse ein" in staff.get(response.url).content.decode()
    assert mail.outbox == []


def test_volunteers_who_left_are_not_invited(staff, make_volunteer):
    record = make_volunteer(status=Volunteer.Status.LEFT)
    response = invite(staff, record)
    assert "Ausgeschiedene" in staff.get(response.url).content.decode()
    assert mail.outbox == []


def test_accepting_reactivates_a_deactivated_account(client, staff, make_volunteer, volunteer):
    volunteer.is_active = False
    volunteer.save()
    record = make_volunteer(volunteer)
    invite(staff, record)
    client.logout()
    accept(client, link_in(mail.outbox[0]))
    volunteer.refresh_from_db()
    assert volunteer.is_active


def test_inviting_rejects_get(staff, make_volunteer):
    assert staff.get(f"/volunteers/{make_volunteer().pk}/invite/").status_code == 405


def test_the_invitation_page_rejects_put(client, db):
    assert client.put("/portal/invitation/MQ/abc-def/").status_code == 405

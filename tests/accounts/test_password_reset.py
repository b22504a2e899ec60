import re

import pytest
from django.core import mail

from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_password_reset_sends_a_german_mail_with_a_working_link(client, volunteer, run_jobs):
    response = client.post("/accounts/password_reset/", {"email": volunteer.email})
    assert response.status_code == 302
    run_jobs()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [volunteer.email]
    assert "Passwort zurücksetzen" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "Neues-Passwort-2026!", "new_password2": "Neues-Passwort-2026!"})
    assert done.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.check_password("Neues-Passwort-2026!")
    assert not volunteer.check_password(PASSWORD)


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client, db):
    response = client.post("/accounts/password_reset/", {"email": "unknown@example.org"})
    assert response.status_code == 302
    assert response.url == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_short_passwords_are_rejected_in_german(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "kurz", "new_password2": "kurz"},
    )
    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz" in response.content.decode()

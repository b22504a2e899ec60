"""Staff pages are German unless the user chooses English; the browser does not decide."""

from tests.conftest import login


def test_an_english_browser_still_gets_german_pages(client, caseworker):
    login(client, caseworker)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de"' in response.content.decode()
    assert response["Content-Language"] == "de"


def test_the_login_page_is_german_for_an_english_browser(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="de"' in response.content.decode()


def test_the_users_choice_is_kept_on_the_account_with_history(client, caseworker):
    login(client, caseworker)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/clients/"})
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.language == "en"
    assert caseworker.history.first().language == "en"
    other_device = client.__class__()
    other_device.force_login(caseworker)
    page = other_device.get("/clients/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en"' in page
    assert "Clients" in page


def test_an_unknown_language_changes_nothing(client, caseworker):
    login(client, caseworker)
    client.post("/i18n/setlang/", {"language": "xx"})
    caseworker.refresh_from_db()
    assert caseworker.language == "de"

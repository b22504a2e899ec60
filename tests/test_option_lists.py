"""The option lists of selects (issue 13, the Python cost of a page): read in one ordinary query,
never through a server-side cursor, and never stale; the countries in the page's language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Role
from cases.forms import FollowUpForm, NewCaseForm
from cases.models import Municipality
from tests.factories import make_client, make_user
from wir_fallmanagement.forms import country_choices


def _cursors(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("DECLARE")]


def _options(html: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


@pytest.mark.parametrize("path", ["/clients/", "/offers/", "/volunteers/"])
def test_list_filters_read_their_options_without_a_server_side_cursor(client, teamlead, path):
    """Django reads a model choice field's options with queryset.iterator(): on PostgreSQL a
    DECLARE … CURSOR, FETCH and CLOSE per select, three round trips on every list page."""
    Municipality.objects.create(name="Erbach")
    client.force_login(teamlead)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path + "?reset=1", follow=True)
    assert response.status_code == 200
    assert "Erbach" in response.content.decode()
    assert _cursors(captured) == []


def test_guided_forms_read_their_options_in_one_query(caseworker, teamlead):
    person = make_client(caseworker)
    for form in (NewCaseForm(), FollowUpForm(user=teamlead, client=person)):
        with CaptureQueriesContext(connection) as captured:
            html = str(form)
        assert _cursors(captured) == []
        assert len(captured) == 1
        assert caseworker.full_name in html


def test_the_filter_options_are_read_anew_for_every_page(client, teamlead, caseworker):
    """Not kept between requests: a new caseworker or a renamed municipality shows at once."""
    town = Municipality.objects.create(name="Erbach")
    client.force_login(teamlead)
    before = client.get("/clients/?q=").content.decode()
    assert "Erbach" in _options(before, "municipality").values()
    newcomer = make_user("fm.new@example.org", Role.CASEWORKER, "Nora Neu")
    town.name = "Michelstadt"
    town.save()
    after = client.get("/clients/?q=").content.decode()
    assert _options(after, "caseworker")[str(newcomer.pk)] == "Nora Neu"
    assert _options(after, "municipality")[str(town.pk)] == "Michelstadt"
    assert "Erbach" not in _options(after, "municipality").values()


def test_the_nationality_filter_speaks_the_users_language_and_keeps_the_choice(client, teamlead):
    client.force_login(teamlead)
    german = client.get("/clients/?nationality=SY").content.decode()
    assert _options(german, "nationality")["DE"] == "Deutschland"
    assert '<option value="SY" selected>Syrien</option>' in german
    teamlead.language = "en"
    teamlead.save()
    english = client.get("/clients/?nationality=SY").content.decode()
    assert _options(english, "nationality")["DE"] == "Germany"
    assert '<option value="SY" selected>Syria</option>' in english


def test_country_choices_are_the_countries_of_the_active_language():
    from django_countries import countries

    for language in ("de", "en"):
        with translation.override(language):
            assert list(country_choices()) == [(code, str(name)) for code, name in countries]

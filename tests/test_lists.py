"""Staff lists that remember and sort (wir_fallmanagement/lists.py): filters, sort order and page
are kept for the session, "Filter zurücksetzen" forgets them, columns sort by whitelisted fields
only, with aria-sort on the sorted column."""

import re

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from cases.models import FollowUp
from tests.factories import make_agent, make_authorisation, make_branch, make_client, make_volunteer

# list URL → a filter it understands
LISTS = {
    "/clients/": "q=Abel",
    "/followups/": "owner=all",
    "/volunteers/": "status=paused",
    "/authorisations/": "status=draft",
    "/handovers/": "sort=date",
    "/offers/": "period=all",
    "/but/": "status=applied",
}


@pytest.fixture
def clients(caseworker):
    return [make_client(caseworker, family_name=name) for name in ("Abel", "Berger", "Celik")]


@pytest.mark.parametrize(("url", "params"), LISTS.items())
def test_coming_back_through_the_navigation_shows_the_same_view(client, caseworker, url, params):
    client.force_login(caseworker)
    assert client.get(f"{url}?{params}&page=1").status_code == 200
    back = client.get(url)
    assert back.status_code == 302 and back.url == f"{url}?{params}&page=1"
    page = client.get(back.url).content.decode()
    assert "Filter zurücksetzen" in page


@pytest.mark.parametrize("url", LISTS)
def test_filter_zuruecksetzen_forgets_the_view(client, caseworker, url):
    client.force_login(caseworker)
    client.get(f"{url}?{LISTS[url]}")
    reset = client.get(f"{url}?reset=1")
    assert reset.status_code == 302 and reset.url == url
    assert client.get(url).status_code == 200  # nothing remembered any longer


def test_each_list_and_each_session_remembers_its_own_view(client, caseworker, colleague, clients):
    client.force_login(caseworker)
    client.get("/clients/?q=Abel")
    client.get("/volunteers/?status=paused")
    assert client.get("/clients/").url == "/clients/?q=Abel"
    assert client.get("/volunteers/").url == "/volunteers/?status=paused"
    other = HttpClient()
    other.force_login(colleague)
    assert other.get("/clients/").status_code == 200


def test_the_remembered_page_and_sort_come_back(client, caseworker):
    for n in range(30):
        make_client(caseworker, family_name=f"Name{n:02d}")
    client.force_login(caseworker)
    first = client.get("/clients/?sort=-name").context["page"]
    second = client.get(f"/clients/?sort=-name&after={first.next_cursor}")  # keyset pages: the cursor is kept
    response = client.get("/clients/", follow=True)
    assert response.redirect_chain[-1][0] == f"/clients/?sort=-name&after={first.next_cursor}"
    page = response.context["page"]
    assert [c.family_name for c in page] == [c.family_name for c in second.context["page"]]
    assert [c.family_name for c in page][:2] == ["Name04", "Name03"]


def test_the_client_list_sorts_by_name_both_ways_with_aria_sort(client, caseworker, clients):
    client.force_login(caseworker)
    response = client.get("/clients/?sort=name")
    assert [c.family_name for c in response.context["page"]] == ["Abel", "Berger", "Celik"]
    html = response.content.decode()
    header = re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="([^"]+)"', html)
    assert header and header.group(1) == "?sort=-name"
    assert html.count("aria-sort=") == 1  # only the sorted column says how it is sorted
    assert "absteigend sortieren" in html  # the link says what it does
    response = client.get("/clients/?sort=-name")
    assert [c.family_name for c in response.context["page"]] == ["Celik", "Berger", "Abel"]
    assert 'aria-sort="descending"' in response.content.decode()


def test_sorting_keeps_the_filters_and_starts_on_page_one(client, caseworker, clients):
    client.force_login(caseworker)
    html = client.get("/clients/?q=Abel&page=1&sort=name").content.decode()
    assert 'href="?q=Abel&amp;sort=born"' in html


@pytest.mark.parametrize(
    "sort",
    ["password", "-", "--name", "name;drop table", "pk", "family_name", "-client__user__password", "ä" * 300, ""],
)
@pytest.mark.parametrize("url", LISTS)
def test_a_hostile_sort_gives_the_default_order_never_a_500(client, caseworker, clients, url, sort):
    client.force_login(caseworker)
    response = client.get(url, {"sort": sort, "page": "1"})
    assert response.status_code == 200
    assert response.context["sort"].name in response.context["sort"].columns


def test_a_hostile_sort_on_the_client_list_sorts_by_name(client, caseworker, clients):
    client.force_login(caseworker)
    response = client.get("/clients/", {"sort": "-client__user__password"})
    assert [c.family_name for c in response.context["page"]] == ["Abel", "Berger", "Celik"]


@pytest.mark.parametrize(
    "query",
    [
        "status=%00",
        "municipality=999999999999999999999",
        "caseworker=abc",
        "owner=-1",
        "language=x",
        "page=-1",
        "page=9999",
        "q=" + "x" * 5000,
        "reset",
        "sort=name&sort=-born",
    ],
)
@pytest.mark.parametrize("url", LISTS)
def test_hostile_filter_params_never_give_a_500(client, caseworker, clients, url, query):
    client.force_login(caseworker)
    response = client.get(f"{url}?{query}", follow=True)
    assert response.status_code in (200, 400)


def test_an_overlong_query_is_shown_but_not_remembered(client, caseworker):
    client.force_login(caseworker)
    client.get("/clients/?q=Abel")
    client.get("/clients/?q=" + "x" * 3000)
    assert client.get("/clients/").url == "/clients/?q=Abel"


def test_every_sortable_list_marks_its_sorted_column(client, teamlead, caseworker):
    person = make_client(caseworker)
    FollowUp.objects.create(client=person, owner=teamlead, due_on=timezone.localdate(), text="Rückruf")
    make_volunteer()
    make_authorisation(person, make_agent(), caseworker, make_branch(), status="handed_over")
    client.force_login(teamlead)
    for url in ["/clients/", "/followups/", "/volunteers/", "/authorisations/", "/handovers/"]:
        html = client.get(f"{url}?reset=1", follow=True).content.decode()
        assert html.count("aria-sort=") <= 1, url
        assert re.search(r'<th scope="col"( aria-sort="\w+")?>\s*<a href="\?[^"]*sort=', html), url

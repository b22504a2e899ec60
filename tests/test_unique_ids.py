"""No element id appears twice on a page: every page of the URL × role matrix, as every role,
and the forms as they come back with errors (POST without data)."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.test_url_role_matrix import ACCESS, http_for, url_for, world  # noqa: F401 (fixture)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


def duplicate_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted(i for i, n in parser.ids.items() if n > 1)


def test_the_check_finds_a_duplicate():
    assert duplicate_ids('<p id="id_status"></p><select id="id_status"></select><a id="x"></a>') == ["id_status"]


# One role of each kind: what a page shows differs by kind (and the matrix checks every role).
KINDS = ["owner", "teamlead", "admin", "kjc", "volunteer_valid"]
CELLS = [(name, role) for name in sorted(ACCESS) for role in KINDS]


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}|{r}" for n, r in CELLS])
def test_no_duplicate_ids(world, name, role, request):  # noqa: F811
    (get_expect, post_expect), _builder = ACCESS[name]
    if get_expect[role] >= 500:
        request.getfixturevalue("expect_errors")
    http = http_for(world, role)
    url = url_for(name, world)
    responses = [http.get(url)]
    if post_expect is not None and post_expect[role] == 200:
        responses.append(http.post(url, {}))
    for response in responses:
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            assert duplicate_ids(response.content.decode()) == [], f"{url} as {role}"

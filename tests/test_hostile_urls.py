"""Every URL pattern of the project, walked with hostile values (issue 10): in each path converter
that takes text (str, slug, path), in each whole-number id, and in every query-string parameter any
view reads — NUL, invalid UTF-8, overlong text, huge and negative numbers, digits that are not
ASCII, impossible dates, broken keyset cursors. Whoever asks (each role, anonymous included), the
answer is never a server error.

The routes and their real ids come from the URL × role matrix (tests/test_url_role_matrix.py), so a
new URL is walked as soon as it has its matrix entry — which the matrix demands. The list of
query-string names below is checked against the source: a view that reads a new GET parameter
fails `test_every_query_parameter_a_view_reads_is_walked` until it is added here.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import reverse

from tests.test_url_role_matrix import ACCESS, iter_patterns
from tests.test_url_role_matrix import world as world  # the matrix's fixture, used by name

ROOT = Path(__file__).resolve().parent.parent
LONG = "A" * 5000

# Raw (already percent-encoded where needed) values for the query string and text converters.
HOSTILE_TEXT = [
    "%00",
    "%ff",
    "%C0%AF",
    LONG,
    "9" * 40,
    "-1",
    "%C2%B2",  # "²": str.isdigit() but not int()
    "..%2F..%2Fetc%2Fpasswd",
]
HOSTILE_QUERY = [
    "%ff",
    "9" * 40,
    "-1",
    "%C2%B2",
    "%D9%A1",  # Arabic-Indic one
    "1e400",
    "2026-02-30",
    "99999-12-31",
    "abc",  # a bare word (redirect() takes it for a view name)
    "%2F%2Fevil.example",
    "eyJ4Ijox",  # base64 of broken JSON (a keyset cursor)
    LONG,
]
HOSTILE_INTS = ["9" * 30, "2147483648", "9223372036854775808", "0"]

# Every name a view or filter reads from the query string (see the test below).
QUERY_NAMES = sorted(
    {
        "q", "page", "after", "before", "next", "owner", "from", "client", "assignment", "offer",
        "volunteer", "recipient_provider", "recipient_kind", "code", "lang", "show", "neu", "year",
        "kind", "quarter", "month", "first", "last", "municipality", "caseworker", "status",
        "category", "language", "age", "gender", "cost", "period", "at_after", "at_before", "action",
        "retry", "sort", "order", "reset", "format", "fmt", "team", "worklist", "outcome", "erasure", "params",
        "nationality",
    }
)  # fmt: skip

# The administration passes every staff check and sees everyone (restricted people too); the caseworker
# takes the paths of a caseload; the others have pages of their own.
ROLES = ["anonymous", "owner", "admin", "kjc", "dpo", "volunteer_valid"]
#: the answer of a URL the role may not use at all
DENIED = {role: 302 if role == "anonymous" else 404 for role in ROLES}


def converters_by_name() -> dict[str, dict[str, str]]:
    """URL name → {kwarg: converter} from the routes."""
    found = {}
    for route, name in iter_patterns():
        if name:
            found[name] = {kw: conv or "str" for conv, kw in re.findall(r"<(?:(\w+):)?(\w+)>", route)}
    return found


def hostile_paths(name: str, world) -> list[str]:
    """The URL with its real ids, then with each text or number in the path replaced by hostile values."""
    (_access, builder) = ACCESS[name]
    kwargs = builder(world) if builder else {}
    real = reverse(name, kwargs=kwargs or None)
    paths = [real]
    for kwarg, converter in converters_by_name().get(name, {}).items():
        if converter in ("str", "slug", "path"):
            marked = reverse(name, kwargs={**kwargs, kwarg: "HOSTILEMARK"})
            paths += [marked.replace("HOSTILEMARK", value) for value in HOSTILE_TEXT]
        elif converter == "int":
            marked = reverse(name, kwargs={**kwargs, kwarg: 424242})
            paths += [marked.replace("424242", value) for value in HOSTILE_INTS]
    return paths


# Read before the others and able to end the request early (a broken cursor, page or target):
# each is walked alone as well, so that it cannot hide what the others do.
ALONE = {
    "after": ["eyJ4Ijox", "%C2%B2", LONG],
    "before": ["W1siYSIsMV1d", "-1"],
    "page": ["9" * 40, "-1"],
    "next": ["abc", "9" * 40],
}


def queries() -> list[str]:
    """All parameters set to one hostile value at a time, and the early ones alone."""
    together = ["&".join(f"{n}={value}" for n in QUERY_NAMES) for value in HOSTILE_QUERY]
    alone = [f"{n}={value}" for n, values in ALONE.items() for value in values]
    return together + alone


def walk(http, name, world, role) -> list:
    """The failures of one URL: every hostile path and query by GET, hostile fields by POST."""
    if role != "anonymous":  # a hostile form before (2FA, password change …) may have ended the session
        http.force_login(world["users"][role])
    failures = []
    paths = hostile_paths(name, world)
    urls = paths + [f"{paths[0]}?{query}" for query in queries()]
    failures += [(status, url[:160]) for url in urls if (status := http.get(url).status_code) >= 500]
    # POST with the same hostile values in the body (forms and one-click actions read them there)
    for value in ("9" * 40, "abc", "\x00"):
        status = http.post(paths[0], dict.fromkeys([*QUERY_NAMES, "form_token"], value)).status_code
        if status >= 500:
            failures.append((status, f"POST {paths[0]} {value[:20]!r}"))
    return failures


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_a_hostile_value_with_a_server_error(request, db, role):
    world = request.getfixturevalue("world")
    http = HttpClient(raise_request_exception=False)
    if role != "anonymous":
        http.force_login(world["users"][role])
    for name in ACCESS:  # the objects the builders make on first use, before any rollback
        hostile_paths(name, world)
    failures = []
    for name, ((get_expect, _post), _builder) in sorted(ACCESS.items()):
        if name in ("logout", "set_language", "readyz") or get_expect[role] == DENIED[role]:
            continue  # refused before any parsing (the matrix proves it), or ends the session
        with transaction.atomic():  # each URL against the same world: what its forms changed is undone
            failures += walk(http, name, world, role)
            transaction.set_rollback(True)
    assert failures == []


def test_every_query_parameter_a_view_reads_is_walked():
    """`request.GET.get("x")` / `request.GET["x"]` / `request.POST.get("x")` in the apps' views and the
    filters declared on their FilterSets: every such name is in QUERY_NAMES. (The fields of the GET
    forms — PeriodForm, DirectoryFilterForm — are listed by hand.)"""
    read = set()
    for source in ROOT.glob("*/*.py"):
        if source.parts[-2] in ("tests", "bench", ".venv", "var"):
            continue
        text = source.read_text(encoding="utf-8")
        read |= set(re.findall(r"request\.(?:GET|POST)(?:\.get\(|\[)\"(\w+)\"", text))
        read |= set(re.findall(r"^    (\w+) = django_filters\.\w+Filter\(", text, re.MULTILINE))
    read -= {"csrfmiddlewaretoken", "username", "password"}
    assert sorted(read - set(QUERY_NAMES)) == []


def test_the_walk_reaches_every_url_of_the_matrix(request, db):
    world = request.getfixturevalue("world")
    for name in ACCESS:
        assert hostile_paths(name, world)[0].startswith("/")
    assert quote("²") == "%C2%B2"

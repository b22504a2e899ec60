"""bench/generate.py writes what the application and the database's triggers would: the search
document and terms as Client.save, the caseworkers on each person and term as the case triggers,
the open-case counts as migration 0021 — with the triggers off during the load and on again after."""

from django.db import connection
from django.db.models import Count

from bench.generate import CASE_TRIGGERS, generate
from cases import search
from cases.models import Case, Client, ClientSearchTerm, OpenCaseCount


def test_the_generated_people_carry_what_the_application_would_write(db):
    summary = generate(clients=300, caseworkers=4, seed=7)
    assert Client.objects.count() == 300
    cases = {}
    for client_id, caseworker_id in Case.objects.values_list("client_id", "caseworker_id"):
        cases.setdefault(client_id, set()).add(caseworker_id)
    people = list(Client.objects.all())
    assert len({tuple(p.caseworker_ids) for p in people}) == 4  # spread over the caseworkers
    for person in people:
        assert person.caseworker_ids == sorted(cases.get(person.pk, ()))
        assert person.search_document == search.document(*person.search_texts())
    terms = {}
    for client_id, term, caseworker_ids in ClientSearchTerm.objects.values_list("client_id", "term", "caseworker_ids"):
        terms.setdefault(client_id, set()).add(term)
        assert caseworker_ids == sorted(cases[client_id])
    assert all(terms[p.pk] == search.terms(*p.search_texts()) for p in people)
    counted = Case.objects.open().values("caseworker_id", "status").annotate(n=Count("pk"))
    assert {(c["caseworker_id"], c["status"]): c["n"] for c in counted} == {
        (c.caseworker_id, c.status): c.n for c in OpenCaseCount.objects.exclude(n=0)
    }
    with connection.cursor() as cursor:  # the triggers are on again
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s) AND tgenabled = 'D'",
            [[name for names in CASE_TRIGGERS.values() for name in names]],
        )
        assert cursor.fetchall() == []
    assert summary

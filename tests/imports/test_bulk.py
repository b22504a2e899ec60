"""The import's batch paths (docs/import.md, "Benchmark"): the dry run writes nothing and searches
the whole file for probable duplicates at once; the commit writes in bulk. What `save()` would
have derived must be right all the same, and the number of queries must not grow with the file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import search
from cases.models import Case, Client, ClientLanguage, ClientSearchTerm, Household, OpenCaseCount
from imports import services
from imports.models import ImportRun
from tests.factories import make_client
from tests.imports.files import xlsx
from wir_fallmanagement.uploads import XLSX, CheckedUpload

pytestmark = pytest.mark.django_db

HEADERS = [
    "Familienname",
    "Vorname(n)",
    "Geburtsdatum",
    "Kommune",
    "BG-Nummer",
    "Rolle in der BG",
    "Sprachen",
    "Vorname(n) (Originalschrift)",
    "Kundennummer KJC",
]


def rows(count: int, family: str = "Al-Hassan") -> list[list]:
    """Households of three: an applicant, a partner and a child sharing a BG number (written with spaces)."""
    out = []
    for n in range(count):
        household, member = divmod(n, 3)
        role = ["Antragsteller:in", "Partner:in", "Kind"][member]
        out.append(
            [
                f"{family}{household}",
                ["Mariam", "Abdul Rahman", "Lina"][member],
                f"0{1 + member}.03.{1980 + member * 10}",
                "Erbach",
                f"06431 BG {count:03d}{household:04d}",
                role,
                "Arabisch (Muttersprache); Deutsch (Grundkenntnisse)",
                "مريم",
                f"AB{n:05d}" if member == 0 else "",
            ]
        )
    return out


def accept(user, data, name="bulk.xlsx"):
    content = xlsx(data, headers=HEADERS)
    checked = CheckedUpload(content=content, content_type=XLSX, original_name=name)
    return services.accept(checked=checked, kind="clients", user=user, caseworker=user)


def queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def test_dry_run_and_commit_need_as_many_queries_for_100_rows_as_for_10(caseworker, erbach):
    counts = {}
    for size in (12, 120):
        data = rows(size, family=f"Nasser{size}x")
        run = accept(caseworker, data, name=f"f{size}.xlsx")
        dry = queries(lambda run=run: services.check(run))
        assert run.counts["new"] == size, run.report[:3]
        services.start_commit(run=run)
        run.refresh_from_db()
        commit = queries(lambda run=run: services.commit(run))
        assert run.status == ImportRun.Status.DONE, run.report[:3]
        again = accept(caseworker, data, name=f"g{size}.xlsx")
        second = queries(lambda again=again: services.check(again))
        assert again.counts["skip"] == size, again.report[:3]
        counts[size] = (dry, commit, second)
    assert counts[12] == counts[120], counts


def test_every_derived_field_is_right_after_the_bulk_commit(caseworker, erbach):
    run = accept(caseworker, rows(6))
    services.check(run)
    services.start_commit(run=run)
    run.refresh_from_db()
    services.commit(run)
    assert run.status == ImportRun.Status.DONE, run.report
    clients = list(Client.objects.order_by("family_name", "birth_year"))
    assert len(clients) == 6
    for person in clients:
        texts = person.search_texts()
        assert person.search_document == search.document(*texts)
        stored = set(ClientSearchTerm.objects.filter(client=person).values_list("term", flat=True))
        assert stored == search.terms(*texts)
        assert ClientSearchTerm.objects.filter(client=person, family_name=person.family_name).count() == len(stored)
        assert person.history.get().history_change_reason == "importiert aus bulk.xlsx"
        assert person.history.get().history_user == caseworker
        assert sorted(person.languages.values_list("language__code", flat=True)) == ["ar", "de"]
        for language in person.languages.all():
            assert language.history.get().history_change_reason == "importiert aus bulk.xlsx"
    applicant = Client.objects.get(family_name="Al-Hassan0", given_names="Mariam")
    assert applicant.kjc_customer_number == "AB00000"
    assert Client.objects.search("Abdulrahman").get(family_name="Al-Hassan1").given_names == "Abdul Rahman"
    assert Client.objects.search("مريم").count() == 6
    assert sorted(Household.objects.values_list("bg_number", flat=True)) == ["06431BG0060000", "06431BG0060001"]
    for household in Household.objects.all():
        assert household.members.count() == 3
        assert household.history.get().history_change_reason == "importiert aus bulk.xlsx"
    cases = Case.objects.filter(caseworker=caseworker)
    assert cases.count() == 4  # the children are their households' dependants
    assert all(case.history.get().history_change_reason == "importiert aus bulk.xlsx" for case in cases)
    assert OpenCaseCount.objects.get(caseworker=caseworker, status=Case.Status.INTAKE).n == 4  # kept by the triggers
    assert ClientLanguage.history.count() == 12


def test_an_import_whose_bulk_write_fails_stores_nothing(caseworker, erbach, monkeypatch, expect_errors):
    from cases import resources

    run = accept(caseworker, rows(6))
    services.check(run)
    services.start_commit(run=run)
    run.refresh_from_db()

    def broken(objs, model, **kwargs):
        if model is Case:
            raise RuntimeError("the database refused")
        return original(objs, model, **kwargs)

    original = resources.bulk_create_with_history
    monkeypatch.setattr(resources, "bulk_create_with_history", broken)
    services.commit(run)
    assert run.status == ImportRun.Status.FAILED
    assert "Es wurde nichts gespeichert" in run.problems[0]
    assert not Client.objects.exists() and not Household.objects.exists() and not ClientSearchTerm.objects.exists()


@pytest.mark.parametrize("persona", ["caseworker", "teamlead", "administrator"])
def test_the_batch_duplicate_search_finds_what_the_single_one_finds(persona, request, caseworker, colleague):
    user = request.getfixturevalue(persona)
    make_client(caseworker, family_name="Haddad", given_names="Mariam", birth_year=1988)
    make_client(caseworker, family_name="Hadad", given_names="Miriam", birth_year=1989)
    make_client(caseworker, family_name="Al Hassan", given_names="Muhammad", birth_year=1970)
    make_client(colleague, family_name="Haddad", given_names="Mariam", birth_year=1987)
    make_client(caseworker, family_name="Haddad", given_names="Mariam", birth_year=1960)  # another generation
    hidden = make_client(caseworker, family_name="Haddad", given_names="Maryam", birth_year=1988)
    Client.objects.filter(pk=hidden.pk).update(restricted_at=timezone.now())  # Art. 18
    gone = make_client(caseworker, family_name="Haddad", given_names="Mariam", birth_year=1988)
    Client.objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())
    make_client(caseworker, family_name="Yusuf", given_names="Omar", given_names_original="عمر", birth_year=1990)
    people = [
        ("Mariam", "Haddad", 1988),
        ("Mohammed", "Alhassan", 1971),
        ("Omar", "Youssef", 1990),
        ("عمر", "", 1991),
        ("Lina", "Nobody", 2001),
        ("Mariam", "Haddad", None),
    ]
    batch = Client.objects.probable_duplicates_many(user, people)
    single = [
        Client.objects.probable_duplicates(user, given_names=g, family_name=f, birth_year=y) for g, f, y in people
    ]
    assert batch == single
    assert batch[0][0]  # something is found at all
    assert hidden not in [c for visible, _n in batch for c in visible] or persona == "administrator"


def test_a_caseworker_never_sees_a_colleagues_client_in_the_batch_search(caseworker, colleague):
    theirs = make_client(colleague, family_name="Haddad", given_names="Mariam", birth_year=1988)
    [(visible, hidden)] = Client.objects.probable_duplicates_many(caseworker, [("Mariam", "Haddad", 1988)])
    assert visible == [] and hidden == 1
    [(visible, hidden)] = Client.objects.probable_duplicates_many(colleague, [("Mariam", "Haddad", 1988)])
    assert visible == [theirs] and hidden == 0

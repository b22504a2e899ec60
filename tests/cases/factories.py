import itertools

from cases.models import Case, Client, Household, Municipality, search

_counter = itertools.count(1)


def make_client(caseworker=None, **fields) -> Client:
    defaults = {"family_name": "Haddad", "given_names": "Rasha", "birth_year": 1990}
    client = Client.objects.create(**{**defaults, **fields})
    if caseworker is not None:
        Case.objects.create(client=client, caseworker=caseworker)
    return client


def make_household(number: str | None = None) -> Household:
    return Household.objects.create(bg_number=number or f"06437BG{next(_counter):07d}")


def make_many_clients(caseworker, n: int, household=None) -> list[Client]:
    """Fast bulk creation for query-count tests (search documents computed as save() would)."""
    municipality, _ = Municipality.objects.get_or_create(name="Erbach")
    clients = [
        Client(
            family_name=f"Name{i}",
            given_names="Test",
            birth_year=1980 + i % 30,
            municipality=municipality,
            household=household,
            search_document=search.document(f"Name{i}", "Test"),
        )
        for i in range(n)
    ]
    Client.objects.bulk_create(clients)
    Case.objects.bulk_create([Case(client=c, caseworker=caseworker) for c in clients])
    return clients

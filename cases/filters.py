import django_filters
from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.db.models import Func, Prefetch, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from wir_fallmanagement import forms as guided
from wir_fallmanagement.forms import country_choices
from wir_fallmanagement.lists import ListRows, SortOrder
from wir_fallmanagement.pagination import capped_count
from wir_fallmanagement.params import int_param
from wir_fallmanagement.widgets import QuickSelect

from .models import LIST_ORDER, Case, Client, FollowUp, Municipality


class ClientFilter(django_filters.FilterSet):
    """The filters of the client list; the search `q` is ranked by the view (ClientQuerySet.ranked_search)."""

    status = django_filters.ChoiceFilter(
        label=_("Fallstatus"),
        choices=Case.Status.choices,
        method="filter_status",
        empty_label=_("alle"),
        widget=QuickSelect,
    )
    caseworker = django_filters.ModelChoiceFilter(
        label=_("Fallmanager:in"),
        queryset=User.objects.filter(role=Role.CASEWORKER),
        method="filter_caseworker",
        empty_label=_("alle"),
        widget=QuickSelect,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=Municipality.objects.all(), empty_label=_("alle"), widget=QuickSelect
    )
    nationality = django_filters.ChoiceFilter(
        label=_("Staatsangehörigkeit"),
        choices=country_choices,
        method="filter_nationality",
        empty_label=_("alle"),
        widget=QuickSelect,
    )

    class Meta:
        model = Client
        fields = ["status", "caseworker", "municipality", "nationality"]
        form = guided.Form  # its model choice fields read their options at once (OptionList)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.sees_all_cases:
            del self.filters["caseworker"]

    def filter_status(self, queryset, name, value):
        if value == Case.Status.CLOSED:
            return (
                queryset.filter(cases__status=Case.Status.CLOSED)
                .exclude(pk__in=Case.objects.open().values("client_id"))
                .distinct()
            )
        return queryset.filter(pk__in=Case.objects.filter(status=value).values("client_id"))

    def filter_caseworker(self, queryset, name, value):
        return queryset.filter(pk__in=Case.objects.open().filter(caseworker=value).values("client_id"))

    def filter_nationality(self, queryset, name, value):
        return queryset.filter(nationalities__contains=value)


class FollowUpFilter(django_filters.FilterSet):
    """`owner`: "me" (the default), "all", or a user's id; team leads and administration only may look
    beyond their own follow-ups."""

    owner = django_filters.CharFilter(method="filter_owner")

    class Meta:
        form = guided.Form

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def selected_owner(self) -> str:
        value = self.form.cleaned_data.get("owner", "") if "owner" in self.data and self.form.is_valid() else "me"
        return "me" if value == "me" or not self.user.sees_all_cases else value

    def filter_queryset(self, queryset):
        if self.selected_owner == "me":
            return queryset.filter(owner=self.user)
        return super().filter_queryset(queryset)

    def filter_owner(self, queryset, name, value):
        owner_id = int_param(value)
        return queryset if owner_id is None else queryset.filter(owner_id=owner_id)  # ("all": everybody's)


# The rows of the staff lists, shared by the list views and their exports (cases/exports.py).
SEARCH_CAP = 200  # a search listing more people is not a search: "bitte geben Sie mehr vom Namen ein"
# A caseworker's own list is counted up to 200 ("mehr als 200"), the team's up to COUNT_CAP (1,000).
# A caseload is some dozens of people; more than 200 of one's own in a list is a list to narrow (the
# search, another filter), and exact figures beyond are the statistics' job. Checking that a client is
# one's own costs a probe per row counted, so the smaller cap bounds the count at 201 rows read.
OWN_CLIENTS_COUNT_CAP = 200
# The client list is keyset-paged (a million rows), so it sorts only by the fields of one index
# (client_list_order), either way. The at most SEARCH_CAP hits of a search are few enough to sort
# by any column; unsorted they are in the order of their rank.
CLIENT_SORT = {"name": LIST_ORDER}
CLIENT_SEARCH_SORT = {
    "name": LIST_ORDER,
    "born": ("birth_year", "birth_month", "birth_day", "pk"),
}
FOLLOWUP_SORT = {
    "due": ("due_on", "pk"),
    "client": ("client__family_name", "client__given_names", "pk"),
}


def client_rows(user, params) -> ListRows:
    """All visible current people in name order (keyset pages), or the ranked, capped hits of the
    search `q` (ClientQuerySet.ranked_search) — the export writes the same set."""
    visible = Client.objects.visible_to(user).current()
    client_filter = ClientFilter(params or None, queryset=visible, user=user)
    clients = client_filter.qs if client_filter.is_bound else visible
    query = params.get("q", "").strip()
    if not query:
        sort = SortOrder(params, CLIENT_SORT, "name")
        return ListRows(client_filter, sort, sort.apply(_client_list_rows(clients)), keyset=tuple(sort.order_by()))
    own = user if Client.objects.seen_through_own_cases(user) else None
    ids = clients.ranked_search(query, limit=SEARCH_CAP + 1, restricted=bool(clients.query.where), caseworker=own)
    hits, found = ids[:SEARCH_CAP], (min(len(ids), SEARCH_CAP), len(ids) > SEARCH_CAP)
    sort = SortOrder(params, CLIENT_SEARCH_SORT, "")
    rows = _client_list_rows(Client.objects.filter(pk__in=hits))
    if sort.name:
        return ListRows(client_filter, sort, sort.apply(rows), found=found)
    # In the order of their rank: the position in one array of the ids (a CASE with a WHEN per hit,
    # up to 200 expressions to resolve and compile, cost the ORM more than the rest of the page).
    ids_in_rank_order = Value(list(hits), output_field=ArrayField(models.UUIDField()))
    rank = Func(ids_in_rank_order, "pk", function="array_position", output_field=models.IntegerField())
    return ListRows(client_filter, sort, rows.alias(rank=rank).order_by("rank"), found=found)


def client_count(user, clients) -> tuple[int, bool]:
    """(count, capped) of a keyset client list: the team's up to COUNT_CAP; a caseworker's own up
    to OWN_CLIENTS_COUNT_CAP, read from their cases — each of their clients looked up once by
    primary key with the list's conditions (`clients`, visibility included), until one more than
    the cap is found. (Left to itself PostgreSQL walks all clients in id order against the cases.)"""
    if not Client.objects.seen_through_own_cases(user):
        return capped_count(clients)
    cap = OWN_CLIENTS_COUNT_CAP
    one = clients.order_by().filter(pk=RawSQL("own.client_id", [])).values("pk")  # nosec B611 -- a column name
    sql, params = one.query.sql_with_params()
    # OFFSET 0 keeps the lookup per client of the case (a lateral subquery is not flattened)
    count = (
        "SELECT count(*) FROM (SELECT 1 FROM (SELECT DISTINCT client_id FROM cases_case WHERE caseworker_id = %s) own"  # noqa: S608  # nosec B608 -- our QuerySet's SQL, values passed apart
        f" CROSS JOIN LATERAL ({sql} OFFSET 0) hit LIMIT %s) capped"
    )
    with connection.cursor() as cursor:
        cursor.execute(count, [user.pk, *params, cap + 1])
        n = cursor.fetchone()[0]
    return (cap, True) if n > cap else (n, False)


def _client_list_rows(clients):
    return clients.select_related("household", "municipality").prefetch_related(
        Prefetch("cases", queryset=Case.objects.open().select_related("caseworker"), to_attr="_open_cases")
    )


def followup_rows(user, params) -> ListRows:
    followups = FollowUp.objects.open().visible_to(user).select_related("client", "owner")
    followup_filter = FollowUpFilter(params, queryset=followups, user=user)
    sort = SortOrder(params, FOLLOWUP_SORT, "due")
    return ListRows(followup_filter, sort, sort.apply(followup_filter.qs))

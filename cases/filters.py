import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import Role, User
from wir_fallmanagement.params import int_param
from wir_fallmanagement.widgets import QuickSelect

from .models import Case, Client, Municipality


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
        choices=countries,
        method="filter_nationality",
        empty_label=_("alle"),
        widget=QuickSelect,
    )

    class Meta:
        model = Client
        fields = ["status", "caseworker", "municipality", "nationality"]

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

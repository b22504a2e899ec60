"""The filters of the Vollmacht list (GET parameters q: the principal's name, status)."""

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cases.models import Client
from wir_fallmanagement import forms as guided
from wir_fallmanagement.lists import ListRows, SortOrder

from .models import Authorisation, Handover


class AuthorisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_principal")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Authorisation.Status.choices)

    class Meta:
        form = guided.Form

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def search_text(self) -> str:
        self.form.is_valid()
        return (self.form.cleaned_data.get("q") or "")[:100]

    @property
    def selected_status(self) -> str:
        self.form.is_valid()
        return self.form.cleaned_data.get("status") or ""

    def filter_principal(self, queryset, name, value):
        return queryset.filter(principal__in=Client.objects.visible_to(self.user).search(self.search_text))


AUTHORISATION_SORT = {
    "created": ("created_at", "pk"),
    "principal": ("principal__family_name", "principal__given_names", "pk"),
    "status": ("status", "-created_at", "-pk"),
    "valid_until": ("valid_until", "pk"),
}
HANDOVER_SORT = {"date": ("handed_over_on", "pk")}


def authorisation_rows(user, params) -> ListRows:
    authorisations = Authorisation.objects.visible_to(user).select_related("principal", "agent")
    authorisation_filter = AuthorisationFilter(params, queryset=authorisations, user=user)
    sort = SortOrder(params, AUTHORISATION_SORT, "-created")
    return ListRows(authorisation_filter, sort, sort.apply(authorisation_filter.qs))


def handover_rows(user, params) -> ListRows:
    handovers = (
        Handover.objects.visible_to(user)
        .select_related("kjc_branch", "created_by")
        .annotate(
            authorisation_count=Count("authorisations", distinct=True), consent_count=Count("consents", distinct=True)
        )
    )
    sort = SortOrder(params, HANDOVER_SORT, "-date")
    return ListRows(None, sort, sort.apply(handovers))

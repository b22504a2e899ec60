"""The filters of the Vollmacht list (GET parameters q: the principal's name, status)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cases.models import Client

from .models import Authorisation


class AuthorisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_principal")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Authorisation.Status.choices)

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

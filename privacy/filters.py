"""The filters of the access log (GET parameters at_after, at_before, action, client)."""

import django_filters
from django.utils.translation import gettext_lazy

from cases.models import AccessLog
from wir_fallmanagement import forms as guided


class AccessLogFilter(django_filters.FilterSet):
    at_after = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=gettext_lazy("von"))
    at_before = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=gettext_lazy("bis"))
    action = django_filters.ChoiceFilter(choices=AccessLog.Action.choices, label=gettext_lazy("Zugriff"))
    client = django_filters.UUIDFilter(field_name="client_id", label=gettext_lazy("Klient:in (Kennung)"))

    class Meta:
        model = AccessLog
        fields = ["at_after", "at_before", "action", "client"]
        form = guided.Form

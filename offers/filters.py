"""The filters of the staff offer list (GET parameters q, category, municipality, age, gender, cost,
period). Without `period=all` the list shows the running offers."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Municipality

from .models import Category


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class OfferCriteria:
    """Filter methods of the staff list and the public directory."""

    def filter_age(self, queryset, name, value):
        return queryset.for_age(value)

    def filter_gender(self, queryset, name, value):
        return queryset.open_to_gender(value)

    def filter_cost(self, queryset, name, value):
        return queryset.filter(fee=0) if value == "free" else queryset.filter(but_eligible=True)


class OfferFilter(OfferCriteria, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), max_length=200, method="filter_search")
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), label=_("Kategorie"), empty_label=_("alle")
    )
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), label=_("Kommune"), empty_label=_("alle")
    )
    age = IntegerFilter(label=_("Alter"), min_value=0, max_value=120, method="filter_age")
    gender = django_filters.ChoiceFilter(
        label=_("offen für"),
        choices=[("female", _("Frauen und Mädchen")), ("male", _("Männer und Jungen"))],
        empty_label=_("alle"),
        method="filter_gender",
    )
    cost = django_filters.ChoiceFilter(
        label=_("Kosten"),
        choices=[("free", _("kostenlos")), ("but", _("BuT-fähig"))],
        empty_label=_("alle"),
        method="filter_cost",
    )
    period = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=[("all", _("alle, auch beendete und künftige"))],
        empty_label=_("laufende Angebote"),
        method="filter_period",
    )

    def filter_queryset(self, queryset):
        if not self.form.is_valid():  # a nonsense value anywhere: the running offers, unfiltered
            return queryset.active_on()
        if self.form.cleaned_data.get("period") != "all":
            queryset = queryset.active_on()
        return super().filter_queryset(queryset)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_period(self, queryset, name, value):
        return queryset  # "all": nothing left out (the default is applied in filter_queryset)

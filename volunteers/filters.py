"""The filters of the volunteer list (GET parameters q, status, language, municipality,
interpreter, attention). A nonsense value shows no one rather than everyone."""

import django_filters
from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cases.models import Language, Municipality
from wir_fallmanagement import forms as guided
from wir_fallmanagement.lists import ListRows, SortOrder

from .models import Volunteer, VolunteerLanguage


class CheckboxFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField


class VolunteerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), max_length=100, method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Volunteer.Status.choices, empty_label=_("alle"))
    language = django_filters.ModelChoiceFilter(
        label=_("Sprache"), queryset=Language.objects.all(), empty_label=_("alle"), field_name="languages__language"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=Municipality.objects.all(), empty_label=_("alle"), field_name="municipalities"
    )
    interpreter = CheckboxFilter(label=_("nur Sprachmittler:innen"), method="filter_interpreter")
    attention = CheckboxFilter(label=_("nur mit Handlungsbedarf (30 Tage ohne Kontakt)"), method="filter_attention")

    class Meta:
        form = guided.Form  # its model choice fields read their options at once (OptionList)

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_interpreter(self, queryset, name, value):
        return queryset.filter(lay_interpreter=True) if value else queryset

    def filter_attention(self, queryset, name, value):
        return queryset.filter(needs_attention=True) if value else queryset


VOLUNTEER_SORT = {
    "name": ("family_name", "given_names", "pk"),
    "status": ("status", "family_name", "given_names", "pk"),
}


def volunteer_rows(user, params) -> ListRows:
    """The volunteer list (and its export), the same for every staff member."""
    volunteers = Volunteer.objects.with_activity().prefetch_related(
        Prefetch("languages", queryset=VolunteerLanguage.objects.select_related("language")), "municipalities"
    )
    volunteer_filter = VolunteerFilter(params, queryset=volunteers)
    sort = SortOrder(params, VOLUNTEER_SORT, "name")
    return ListRows(volunteer_filter, sort, sort.apply(volunteer_filter.qs))

"""The filters of the staff offer list (GET parameters q, category, municipality, age, gender, cost,
period). Without `period=all` the list shows the running offers."""

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

from cases.models import Consent, Municipality
from wir_fallmanagement import forms as guided
from wir_fallmanagement.lists import ListRows, SortOrder
from wir_fallmanagement.params import int_param

from .models import ButApplication, ButCategory, Category, Offer, Referral


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

    class Meta:
        form = guided.Form  # its model choice fields read their options at once (OptionList)

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


OFFER_SORT = {"title": ("title", "pk")}

#: the offer page's referrals: taking part first, then registered, waiting, suggested, closed
STATUS_ORDER = Case(
    When(status=Referral.Status.PARTICIPATING, then=Value(0)),
    When(status=Referral.Status.REGISTERED, then=Value(1)),
    When(status=Referral.Status.WAITLIST, then=Value(2)),
    When(status=Referral.Status.SUGGESTED, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def offer_rows(user, params) -> ListRows:
    offers = Offer.objects.select_related("provider", "category", "municipality").with_occupancy()
    offer_filter = OfferFilter(params, queryset=offers)
    sort = SortOrder(params, OFFER_SORT, "title")
    return ListRows(offer_filter, sort, sort.apply(offer_filter.qs))


def _offer_referrals(user, params):
    offer_id = int_param(params.get("offer"))
    if offer_id is None:
        return Referral.objects.none()
    return Referral.objects.visible_to(user).filter(offer_id=offer_id).select_related("client", "offer__provider")


def offer_referral_rows(user, params) -> ListRows:
    """The referrals of one offer (`?offer=<id>`) that the offer page lists: those of the user's clients."""
    referrals = _offer_referrals(user, params).annotate(status_order=STATUS_ORDER)
    return ListRows(None, None, referrals.order_by("status_order", "waitlisted_at", "-created_at", "pk"))


def offer_participant_rows(user, params) -> ListRows:
    """The participant list of one offer for its provider: registered or taking part, and only
    people whose consent naming this provider is valid today."""
    consent = Consent.objects.valid_on().filter(
        client=OuterRef("client_id"),
        recipient_kind=Consent.RecipientKind.PROVIDER,
        recipient_provider=OuterRef("offer__provider_id"),
    )
    participants = _offer_referrals(user, params).filter(status__in=Referral.OCCUPYING).filter(Exists(consent))
    return ListRows(None, None, participants.order_by("client__family_name", "client__given_names", "pk"))


class ButApplicationFilter(django_filters.FilterSet):
    """The staff list of BuT applications (GET parameters status, category)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ButApplication.Status.choices, empty_label=_("alle")
    )
    category = django_filters.ChoiceFilter(label=_("Leistung"), choices=ButCategory.choices, empty_label=_("alle"))

    class Meta:
        model = ButApplication
        fields = ["status", "category"]
        form = guided.Form

    def filter_queryset(self, queryset):
        if not self.form.is_valid():  # a nonsense value shows no one rather than everyone
            return queryset.none()
        return super().filter_queryset(queryset)


BUT_SORT = {
    "advised": ("advised_on", "pk"),
    "child": ("child__family_name", "child__given_names", "pk"),
    "status": ("status", "-advised_on", "-pk"),
    "period_until": ("period_until", "pk"),
}


def but_application_rows(user, params) -> ListRows:
    """BuT applications of the children `user` may see (their clients and those clients' dependants)."""
    applications = ButApplication.objects.visible_to(user).select_related("child")
    application_filter = ButApplicationFilter(params, queryset=applications)
    sort = SortOrder(params, BUT_SORT, "-advised")
    return ListRows(application_filter, sort, sort.apply(application_filter.qs))

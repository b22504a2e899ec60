"""The public offers directory `/directory/`: no login, several UI languages, a PDF to print.

It reads offers and their master data only — never referrals or anything else about clients.
The UI language comes from `?lang=` and is switched with `translation.override` for this
response alone; the staff UI keeps settings.LANGUAGES. Texts of this module and of the
templates under offers/directory/, offers/public_base.html and offers/pdf/ are translated in
offers/locale/{en,ar,fa,uk} (`manage.py directory_messages` keeps those catalogues in step).
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Max
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from cases.models import Language, Municipality
from wir_fallmanagement import forms as guided
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.pdf import render_pdf

from .filters import OfferCriteria
from .models import Category, Offer, OfferTranslation, Provider

#: UI languages of the directory, each named in itself
LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("fa", "دری / فارسی"), ("uk", "Українська")]
RTL = {"ar", "fa"}
PDF_LIMIT = 200  # offers in one PDF; the filters narrow it down


def directory_language(request) -> str:
    lang = request.GET.get("lang", "de")
    return lang if lang in dict(LANGUAGES) else "de"


class CategoryField(forms.ModelChoiceField):
    lang = "de"

    def label_from_instance(self, category):
        return category.name_in(self.lang)[0]


class LanguageField(forms.ModelChoiceField):
    def label_from_instance(self, language):
        return language.native_name or language.name


class DirectoryFilterForm(guided.Form):
    lang = forms.CharField(widget=forms.HiddenInput, required=False)
    municipality = forms.ModelChoiceField(
        Municipality.objects.filter(offers__isnull=False).distinct(),
        label=gettext_lazy("Ort"),
        required=False,
        empty_label=gettext_lazy("alle Orte"),
    )
    category = CategoryField(
        Category.objects.all(), label=gettext_lazy("Kategorie"), required=False, empty_label=gettext_lazy("alle")
    )
    age = forms.IntegerField(
        label=gettext_lazy("Alter"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Geschlecht"),
        required=False,
        choices=[("", gettext_lazy("alle")), ("female", gettext_lazy("weiblich")), ("male", gettext_lazy("männlich"))],
    )
    language = LanguageField(
        Language.objects.filter(offers__isnull=False).distinct().order_by("name"),
        label=gettext_lazy("Sprache im Angebot"),
        required=False,
        empty_label=gettext_lazy("alle"),
    )
    cost = forms.ChoiceField(
        label=gettext_lazy("Kosten"),
        required=False,
        choices=[
            ("", gettext_lazy("alle")),
            ("free", gettext_lazy("kostenlos")),
            ("but", gettext_lazy("mit Bildung und Teilhabe (BuT) bezahlbar")),
        ],
    )

    def __init__(self, *args, lang: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].lang = lang
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{name}-error"

    def cache_key(self) -> str:
        data = getattr(self, "cleaned_data", {})
        return "|".join(f"{name}={getattr(data.get(name), 'pk', data.get(name))}" for name in sorted(self.fields))


class DirectoryFilter(OfferCriteria, django_filters.FilterSet):
    """The filters of the directory, on DirectoryFilterForm (labels in the visitor's language,
    accessible error marks). A value that does not validate is left out, the others still filter."""

    lang = django_filters.CharFilter(method="filter_nothing")  # the UI language, not a filter
    municipality = django_filters.ModelChoiceFilter(queryset=Municipality.objects.all())
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all())
    age = django_filters.NumberFilter(method="filter_age")
    gender = django_filters.ChoiceFilter(choices=[("female", "female"), ("male", "male")], method="filter_gender")
    language = django_filters.ModelChoiceFilter(queryset=Language.objects.all(), field_name="languages")
    cost = django_filters.ChoiceFilter(choices=[("free", "free"), ("but", "but")], method="filter_cost")

    def __init__(self, data, *, lang: str, **kwargs):
        self.lang = lang
        super().__init__(data, **kwargs)

    @property
    def form(self) -> DirectoryFilterForm:
        if not hasattr(self, "_form"):
            self._form = DirectoryFilterForm(self.data, lang=self.lang)
        return self._form

    def filter_nothing(self, queryset, name, value):
        return queryset


@dataclass(frozen=True)
class Text:
    """A text and the language it is in; `fallback` when it is German on a page in another
    language (the template then marks it with lang="de")."""

    value: str
    lang: str
    page_lang: str

    @property
    def fallback(self) -> bool:
        return self.lang != self.page_lang

    def __str__(self):
        return self.value


@dataclass(frozen=True)
class OfferCard:
    offer: Offer
    title: Text
    description: Text | None
    schedule: Text | None
    category: Text
    fee_note: Text | None
    target: str
    cost: str


def _target_group(offer: Offer) -> str:
    if offer.min_age is not None and offer.max_age is not None:
        age = _("%(min)s bis %(max)s Jahre") % {"min": offer.min_age, "max": offer.max_age}
    elif offer.min_age is not None:
        age = _("ab %(min)s Jahren") % {"min": offer.min_age}
    elif offer.max_age is not None:
        age = _("bis %(max)s Jahre") % {"max": offer.max_age}
    else:
        age = _("jedes Alter")
    if offer.gender == Offer.Gender.FEMALE:
        return _("%(age)s, nur für Frauen und Mädchen") % {"age": age}
    if offer.gender == Offer.Gender.MALE:
        return _("%(age)s, nur für Männer und Jungen") % {"age": age}
    return age


def make_card(offer: Offer, lang: str) -> OfferCard:
    translation_ = offer.translation_for(lang)

    def pick(field: str) -> Text | None:
        translated = getattr(translation_, field, "") if translation_ else ""
        if translated:
            return Text(translated, lang, lang)
        original = getattr(offer, field)
        return Text(original, "de", lang) if original else None

    name, name_lang = offer.category.name_in(lang)
    cost = _("kostenlos") if offer.is_free else f"{number_format(offer.fee, 2)} €"
    return OfferCard(
        offer=offer,
        title=pick("title"),
        description=pick("description"),
        schedule=pick("schedule"),
        category=Text(name, name_lang, lang),
        fee_note=Text(offer.fee_note, "de", lang) if offer.fee_note and not offer.is_free else None,
        target=_target_group(offer),
        cost=cost,
    )


def _offers(data, lang: str) -> DirectoryFilter:
    offers = (
        Offer.objects.active_on()
        .select_related("provider", "category", "municipality")
        .prefetch_related("languages", "translations")
        .order_by("title", "pk")
    )
    return DirectoryFilter(data, lang=lang, queryset=offers)


def page_context(lang: str) -> dict:
    return {
        "lang": lang,
        "rtl": lang in RTL,
        "languages": LANGUAGES,
        "district_name": settings.WIR_DISTRICT_NAME,
    }


@login_not_required
@require_safe
def directory(request):
    lang = directory_language(request)
    with translation.override(lang):
        offer_filter = _offers(request.GET, lang)
        page = paginate(request, offer_filter.qs)
        cards = [make_card(offer, lang) for offer in page]
        response = render(
            request,
            "offers/directory/list.html",
            {**page_context(lang), "form": offer_filter.form, "page": page, "cards": cards},
        )
    response["Content-Language"] = lang
    return response


# The PDF (`/directory/pdf/`, offers/directory_pdf.py) is rendered by the task worker from these.


def data_version() -> str:
    """Changes whenever something printed in the directory changes."""
    offers = Offer.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    translations = OfferTranslation.history.aggregate(last=Max("history_id"))
    providers = Provider.history.aggregate(last=Max("history_id"))
    categories = Category.objects.aggregate(count=Count("pk"), last=Max("pk"))
    return f"{timezone.localdate()}|{offers}|{translations}|{providers}|{categories}"


def filter_query(form: DirectoryFilterForm) -> str:
    data = getattr(form, "cleaned_data", {})
    values = {
        name: getattr(value, "pk", value)
        for name, value in data.items()
        if value not in (None, "") and name != "lang"  # the language is part of the key anyway
    }
    return urlencode(sorted(values.items()))


def pdf_key(lang: str, query: str, version: str) -> str:
    return hashlib.sha256(f"{lang}|{query}|{version}".encode()).hexdigest()


def render_directory(lang: str, query: str) -> bytes:
    with translation.override(lang):
        offers = _offers(QueryDict(query), lang).qs
        cards = [make_card(offer, lang) for offer in offers[:PDF_LIMIT]]
        title = _("Angebote für Geflüchtete")
        context = {**page_context(lang), "cards": cards, "today": timezone.localdate()}
        return render_pdf(
            "offers/pdf/directory.html", context, title=f"{title} – {settings.WIR_DISTRICT_NAME}", lang=lang
        )

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
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Max
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from cases.models import Language, Municipality
from wir_fallmanagement import district
from wir_fallmanagement import forms as guided
from wir_fallmanagement.models import District
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.pdf import render_pdf

from .filters import OfferCriteria
from .management.commands.directory_messages import EXTRA_LANGUAGES
from .models import Category, Offer, OfferTranslation, Provider

#: Languages the directory's own texts (headings, labels, messages) are translated into
#: (offers/locale). In any other directory language the offers' texts are shown in that language
#: and the rest in German, each part marked with its own lang and dir.
INTERFACE_LANGUAGES = {"de", "en", *EXTRA_LANGUAGES}
PDF_LIMIT = 200  # offers in one PDF; the filters narrow it down
PAGE_SIZE = 10  # cards per page: a phone shows a page in a few screens


@dataclass(frozen=True)
class DirectoryLanguage:
    """A language the directory can be read in: German (the original) or one of the directory
    languages of the master data (`Language.in_directory`)."""

    code: str
    name: str  # in the language itself
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def interface(self) -> str:
        """The language of the page's own texts."""
        return self.code if self.code in INTERFACE_LANGUAGES else "de"


GERMAN = DirectoryLanguage("de", "Deutsch")


def directory_languages() -> list[DirectoryLanguage]:
    """German first, then the directory languages by their German name (one query)."""
    rows = Language.objects.in_directory().order_by("name").values_list("code", "native_name", "name", "is_rtl")
    return [GERMAN, *(DirectoryLanguage(code, native or name, rtl) for code, native, name, rtl in rows)]


def directory_language(request, languages: list[DirectoryLanguage] | None = None) -> DirectoryLanguage:
    """The language named by `?lang=`, German for anything else."""
    wanted = request.GET.get("lang", "de")
    return next((lang for lang in languages or directory_languages() if lang.code == wanted), GERMAN)


class CategoryField(forms.ModelChoiceField):
    lang = "de"

    def label_from_instance(self, category):
        return category.name_in(self.lang)[0]


class LanguageField(forms.ModelChoiceField):
    def label_from_instance(self, language):
        return language.native_name or language.name


class DirectoryFilterForm(guided.Form):
    lang = forms.CharField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(
        label=gettext_lazy("Suche"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Titel, Beschreibung oder Träger, z. B. Schwimmen"),
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search", "aria-describedby": "q-help"}),
    )
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
                attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), f"{name}-error"]))

    def cache_key(self) -> str:
        data = getattr(self, "cleaned_data", {})
        return "|".join(f"{name}={getattr(data.get(name), 'pk', data.get(name))}" for name in sorted(self.fields))


class DirectoryFilter(OfferCriteria, django_filters.FilterSet):
    """The filters of the directory, on DirectoryFilterForm (labels in the visitor's language,
    accessible error marks). A value that does not validate is left out, the others still filter."""

    lang = django_filters.CharFilter(method="filter_nothing")  # the UI language, not a filter
    q = django_filters.CharFilter(method="filter_search")
    municipality = django_filters.ModelChoiceFilter(queryset=Municipality.objects.all())
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all())
    age = django_filters.NumberFilter(method="filter_age")
    gender = django_filters.ChoiceFilter(choices=[("female", "female"), ("male", "male")], method="filter_gender")
    language = django_filters.ModelChoiceFilter(queryset=Language.objects.all(), field_name="languages")
    cost = django_filters.ChoiceFilter(choices=[("free", "free"), ("but", "but")], method="filter_cost")

    class Meta:
        form = DirectoryFilterForm  # built by `form` below with the visitor's language

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

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def more_filters_used(self) -> bool:
        """Whether a filter behind "Weitere Filter" is set (or wrong): then they are shown open."""
        form = self.form
        return bool(form.errors) or any(
            form.data.get(name) not in (None, "") for name in form.fields if name not in ("lang", "q")
        )


@dataclass(frozen=True)
class Text:
    """A text and the language it is in. `fallback`: German on a page in another language (the
    page says the offer is only described in German); `foreign`: in another language than the
    page's own texts, so the template marks it with its lang and dir."""

    value: str
    lang: str
    page: DirectoryLanguage
    rtl: bool = False

    @property
    def fallback(self) -> bool:
        return self.lang != self.page.code

    @property
    def foreign(self) -> bool:
        return self.lang != self.page.interface

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def attrs(self) -> str:
        """` lang="…" dir="…"` for an element holding this text, where it differs from the page."""
        return format_html(' lang="{}" dir="{}"', self.lang, self.dir) if self.foreign else ""

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


def make_card(offer: Offer, language: DirectoryLanguage) -> OfferCard:
    lang = language.code
    translation_ = offer.translation_for(lang)

    def text(value: str, in_lang: str) -> Text:
        return Text(value, in_lang, language, rtl=language.rtl and in_lang == lang)

    def pick(field: str) -> Text | None:
        translated = getattr(translation_, field, "") if translation_ else ""
        if translated:
            return text(translated, lang)
        original = getattr(offer, field)
        return text(original, "de") if original else None

    name, name_lang = offer.category.name_in(lang)
    cost = _("kostenlos") if offer.is_free else f"{number_format(offer.fee, 2)} €"
    return OfferCard(
        offer=offer,
        title=pick("title"),
        description=pick("description"),
        schedule=pick("schedule"),
        category=text(name, name_lang),
        fee_note=text(offer.fee_note, "de") if offer.fee_note and not offer.is_free else None,
        target=_target_group(offer),
        cost=cost,
    )


def _offers(data, lang: DirectoryLanguage) -> DirectoryFilter:
    offers = (
        Offer.objects.active_on()
        .select_related("provider", "category", "municipality")
        .prefetch_related("languages", "translations")
        .order_by("title", "pk")
    )
    return DirectoryFilter(data, lang=lang.code, queryset=offers)


def page_context(language: DirectoryLanguage, languages: list[DirectoryLanguage]) -> dict:
    """`lang`: the language chosen (of the offers' texts); `ui_lang`/`ui_dir`: of the page's own texts."""
    interface = next(lang for lang in [GERMAN, *languages] if lang.code == language.interface)
    return {
        "lang": language.code,
        "language": language,
        "ui_lang": interface.code,
        "ui_dir": interface.dir,
        "rtl": interface.rtl,
        "languages": languages,
        "district_name": district.current().name,
    }


@login_not_required
@require_safe
def directory(request):
    languages = directory_languages()
    language = directory_language(request, languages)
    with translation.override(language.interface):
        offer_filter = _offers(request.GET, language)
        page = paginate(request, offer_filter.qs, per_page=PAGE_SIZE)
        cards = [make_card(offer, language) for offer in page]
        context = {**page_context(language, languages), "form": offer_filter.form, "page": page, "cards": cards}
        response = render(
            request,
            "offers/directory/list.html",
            {**context, "more_filters_open": offer_filter.more_filters_used},
        )
    response["Content-Language"] = language.interface
    return response


# The PDF (`/directory/pdf/`, offers/directory_pdf.py) is rendered by the task worker from these.


def data_version() -> str:
    """Changes whenever something printed in the directory changes."""
    offers = Offer.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    translations = OfferTranslation.history.aggregate(last=Max("history_id"))
    providers = Provider.history.aggregate(last=Max("history_id"))
    categories = Category.history.aggregate(last=Max("history_id"))
    master = Language.history.aggregate(last=Max("history_id")), District.history.aggregate(last=Max("history_id"))
    return f"{timezone.localdate()}|{offers}|{translations}|{providers}|{categories}|{master}"


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
    languages = directory_languages()
    language = next((found for found in languages if found.code == lang), GERMAN)
    with translation.override(language.interface):
        offers = _offers(QueryDict(query), language).qs
        cards = [make_card(offer, language) for offer in offers[:PDF_LIMIT]]
        title = _("Angebote für Geflüchtete")
        context = {**page_context(language, languages), "cards": cards, "today": timezone.localdate()}
        return render_pdf(
            "offers/pdf/directory.html",
            context,
            title=f"{title} – {district.current().name}",
            lang=language.interface,
        )

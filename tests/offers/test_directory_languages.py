"""Every language an offer can be translated into can be chosen in the public directory, with the
right lang and dir; the directory languages are master data; the directory has a search."""

import pytest

from cases.models import Language
from offers.directory import directory_languages
from offers.forms import OfferTranslationForm
from offers.models import Category, OfferTranslation
from tests.factories import make_offer


@pytest.fixture
def course(provider, category, municipality):
    offer = make_offer(provider, category, municipality, title="Schwimmkurs", schedule="samstags 10 Uhr")
    OfferTranslation.objects.create(offer=offer, language="ti", title="ትምህርቲ ምሕምባስ")
    OfferTranslation.objects.create(offer=offer, language="tr", title="Yüzme kursu", schedule="Cumartesi 10")
    return offer


def test_every_language_offers_are_translated_into_is_a_directory_language(db):
    codes = [language.code for language in directory_languages()]
    assert codes[0] == "de"
    assert sorted(codes[1:]) == ["ar", "en", "fa", "ti", "tr", "uk"]


@pytest.mark.parametrize("code", ["ti", "tr"])
def test_tigrinya_and_turkish_can_be_chosen(client, course, code):
    content = client.get("/directory/").content.decode()
    assert f'href="?lang={code}"' in content
    response = client.get(f"/directory/?lang={code}")
    assert response.context["lang"] == code
    assert [card.title.value for card in response.context["cards"]] == [course.translations.get(language=code).title]


def test_offer_texts_in_a_language_without_interface_texts_carry_their_own_lang(client, course):
    """Tigrinya has no catalogue for the page's own texts: those stay German (html lang="de"),
    the offer's Tigrinya title is marked lang="ti", its German times lang="de" stays unmarked."""
    content = client.get("/directory/?lang=ti").content.decode()
    assert '<html lang="de" dir="ltr">' in content
    assert 'lang="ti" dir="ltr">ትምህርቲ ምሕምባስ</h2>' in content
    assert "<span>samstags 10 Uhr</span>" in content
    assert 'lang="ti" dir="ltr" hreflang="ti"' in content


def test_a_right_to_left_language_added_by_an_administrator_reads_right_to_left(client, course):
    Language.objects.filter(code="ps").update(in_directory=True)
    OfferTranslation.objects.create(offer=course, language="ps", title="د لامبو کورس")
    content = client.get("/directory/?lang=ps").content.decode()
    assert 'lang="ps" dir="rtl">د لامبو کورس</h2>' in content
    assert 'href="?lang=ps" lang="ps" dir="rtl"' in content


def test_a_language_taken_off_the_list_cannot_be_chosen(client, course):
    Language.objects.filter(code="tr").update(in_directory=False)
    response = client.get("/directory/?lang=tr")
    assert response.context["lang"] == "de"
    assert 'href="?lang=tr"' not in response.content.decode()


def test_translations_are_offered_in_the_directory_languages_only(course):
    choices = dict(OfferTranslationForm().fields["language"].choices)
    assert {"ti", "tr", "ar"} <= set(choices) and "ps" not in choices and "de" not in choices
    form = OfferTranslationForm(data={"language": "ps", "title": "x"})
    assert not form.is_valid() and "language" in form.errors


def test_a_category_translation_into_an_unknown_language_is_refused(db):
    category = Category(name="Neu", translations={"xx": "?"})
    with pytest.raises(Exception, match="Unbekannte Sprachcodes: xx"):
        category.full_clean()


def test_the_search_finds_offers_by_title_in_german_and_in_translation(client, course, provider, category):
    make_offer(provider, category, None, title="Sprachcafé")
    assert [c.offer.title for c in client.get("/directory/?q=schwimmkurs").context["cards"]] == ["Schwimmkurs"]
    assert [c.offer.title for c in client.get("/directory/?lang=tr&q=Yüzme").context["cards"]] == ["Schwimmkurs"]
    response = client.get("/directory/?q=Tanz")
    assert response.context["cards"] == [] and "Keine Angebote gefunden" in response.content.decode()


def test_an_overlong_search_is_refused_at_the_field_not_with_an_error(client, course):
    response = client.get("/directory/?q=" + "a" * 300)
    assert response.status_code == 200
    assert 'id="q-error"' in response.content.decode()


def test_the_other_filters_open_only_when_one_is_used(client, course, municipality):
    assert '<details class="more-filters mt-2">' in client.get("/directory/").content.decode()
    content = client.get(f"/directory/?municipality={municipality.pk}").content.decode()
    assert '<details class="more-filters mt-2" open>' in content

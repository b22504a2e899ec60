"""The information letter (Art. 15 GDPR): German plus the client's language, read back from the PDF."""

import json
import string

import pytest
from django.urls import reverse

from cases.models import AccessLog, Consent
from privacy import letter, letter_texts
from tests.authorisations.test_pdf import assert_readable, core, covered_codepoints, normalise
from tests.conftest import get_document
from tests.factories import make_client, pdf_text, speak
from wir_fallmanagement.document_languages import LANGUAGES


def letter_of(http, client):
    response = get_document(http, reverse("privacy:information_letter", args=[client.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return normalise(pdf_text(response.content))


@pytest.fixture
def person(caseworker, settings):
    settings.WIR_DPO_CONTACT = "Datenschutzbeauftragte, Michelstädter Str. 12, 64711 Erbach"
    client = make_client(caseworker, family_name="Sabbagh", given_names="Lina", street="Hauptstraße 4")
    Consent.objects.create(
        client=client,
        recipient_kind="kjc",
        data_categories=["identity"],
        purpose="Antrag Bürgergeld",
        created_by=caseworker,
    )
    return client


@pytest.mark.parametrize("code", ["ar", "uk"])
def test_the_letter_is_in_german_and_the_clients_language(client, caseworker, person, code):
    speak(person, code)
    client.force_login(caseworker)
    text = letter_of(client, person)
    german = letter_texts.GERMAN
    for key in ("title", "stored_heading", "recipients_heading", "rights_heading", "translation_notice"):
        assert normalise(german[key]) in text, key
    assert "Familienname (lateinische Schrift)" in text and "Sabbagh" in text and "Antrag Bürgergeld" in text
    assert "Datenschutzbeauftragte, Michelstädter Str. 12" in text
    assert "36 Monate" in text  # the period from the master data
    translated = letter_texts.TRANSLATIONS[code]
    rtl = code == "ar"
    for key in ("title", "purpose_heading", "retention_heading", "dpo_heading", "translation_notice"):
        assert_readable(core(translated[key]), text, rtl=rtl)
    assert_readable(core(translated["rights"][4]), text, rtl=rtl)
    assert text.index(normalise(german["rights_heading"])) < text.index(core(translated["title"]).split()[0])


def test_the_arabic_part_is_laid_out_right_to_left(person):
    speak(person, "ar")
    context = letter.letter_context(person)
    assert context["translation_lang"].dir == "rtl"
    from wir_fallmanagement.pdf import render_html

    assert 'lang="ar" dir="rtl"' in render_html("privacy/pdf/information.html", context)


#: A phrase of each translation added after the first six, in its own script, and whether it runs
#: right to left.
NEW_LANGUAGES = {
    "fa": ("حقوق شما", True),
    "prs": ("حقوق شما", True),
    "ps": ("ستاسو حقونه", True),
    "ku": ("Mafên we", False),
    "ti": ("መሰላትኩም", False),
    "so": ("Xuquuqdaada", False),
}


@pytest.mark.parametrize("code", sorted(NEW_LANGUAGES))
def test_each_added_language_gets_its_letter(client, caseworker, person, code):
    phrase, rtl = NEW_LANGUAGES[code]
    speak(person, code)
    client.force_login(caseworker)
    text = letter_of(client, person)
    translated = letter_texts.TRANSLATIONS[code]
    assert translated["rights_heading"].endswith(phrase)
    assert_readable(phrase, text, rtl=rtl)
    for key in ("title", "translation_notice", "dpo_heading"):
        assert_readable(core(translated[key]), text, rtl=rtl)
    assert normalise(letter_texts.GERMAN["translation_notice"]) in text
    assert letter.letter_context(person)["translation_lang"].dir == ("rtl" if rtl else "ltr")


def test_without_a_translated_language_the_letter_is_german_only(client, caseworker, person):
    speak(person, "ckb")  # a language of the app, but not one of the documents' twelve
    client.force_login(caseworker)
    text = letter_of(client, person)
    assert normalise(letter_texts.GERMAN["title"]) in text
    assert normalise(letter_texts.GERMAN["translation_notice"]) not in text


def test_the_letter_is_access_logged_and_refused_to_others(client, caseworker, colleague, person):
    client.force_login(caseworker)
    letter_of(client, person)
    assert (
        AccessLog.objects.filter(client=person, action="export", target__startswith="information-letter").count() == 1
    )
    client.force_login(colleague)
    assert client.get(reverse("privacy:information_letter", args=[person.pk])).status_code == 404


def placeholders(text: str) -> set:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_translation_has_every_text_and_placeholder():
    # every language of the Vollmacht and the consent form has a letter, and no other
    assert set(letter_texts.TRANSLATIONS) == {language.code for language in LANGUAGES}
    for code, text in letter_texts.TRANSLATIONS.items():
        assert set(text) == set(letter_texts.GERMAN), code
        for key, value in letter_texts.GERMAN.items():
            if isinstance(value, str):
                assert placeholders(value) == placeholders(text[key]), (code, key)
            else:
                assert len(value) == len(text[key]), (code, key)
                assert all(placeholders(line) == set() for line in text[key]), (code, key)
            assert text[key], (code, key)


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_pdf_fonts_have_a_glyph_for_every_character_of_the_letter(weight):
    covered = covered_codepoints(weight)
    missing = {}
    for code, text in [("de", letter_texts.GERMAN), *letter_texts.TRANSLATIONS.items()]:
        for value in text.values():
            for line in value if isinstance(value, list) else [value]:
                missing.setdefault(code, set()).update(ch for ch in line if not ch.isspace() and ord(ch) not in covered)
    assert {code: chars for code, chars in missing.items() if chars} == {}


def test_the_json_export_has_stable_keys_with_labels_and_periods(client, caseworker, person):
    client.force_login(caseworker)
    data = json.loads(client.get(reverse("cases:client_export", args=[person.pk])).content)
    privacy = data["data_protection"]
    assert privacy["labels"]["cases.Client"]["fields"]["family_name"] == "Familienname (lateinische Schrift)"
    assert privacy["labels"]["offers.Referral"]["label"] == "Vermittlung"
    assert privacy["retention_months"]["client"] == 36
    assert privacy["data_protection_officer"].startswith("Datenschutzbeauftragte")
    assert data["client"]["family_name"] == "Sabbagh"


def test_the_letter_is_a_tagged_pdf_a_with_the_translation_in_its_language(person):
    from tests.pdf_structure import catalog, structure, xmp

    speak(person, "ar")
    data = letter.render_letter(person)
    assert bool(catalog(data)["/MarkInfo"]["/Marked"]) is True and catalog(data)["/Lang"] == "de"
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp(data)
    tree = structure(data)
    assert [node.lang for node in tree.children][0] == "de" and "ar" in tree.languages()
    assert [h.text for h in tree.find_all("H1")][0] == letter_texts.GERMAN["title"]
    assert len(tree.find_all("H1")) == 2
    for table in tree.find_all("Table"):
        assert all(th.attributes["/Scope"] == "/Row" for th in table.find_all("TH"))


def test_the_letter_names_no_internal_user_ids(person, colleague):
    """The person's record keeps, for the search, the ids of every caseworker who ever had a case of
    theirs (a colleague's closed one too): internal numbers, not data about the person, and not for
    whoever prints the letter to pass on."""
    from django.utils import timezone

    from cases.models import Case

    Case.objects.create(
        client=person, caseworker=colleague, status="closed", closed_on=timezone.localdate(), closing_reason="other"
    )
    person.refresh_from_db()
    assert colleague.pk in person.caseworker_ids
    labels = [label for label, _value in letter.letter_context(person)["stored"]]
    assert "zuständig" not in labels

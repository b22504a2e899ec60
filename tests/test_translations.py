from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUES = sorted(p for p in BASE.glob("**/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_is_a_catalogue_for_the_shared_templates():
    assert BASE / "locale" / "en" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=[str(p.relative_to(BASE)) for p in CATALOGUES])
def test_every_german_text_has_an_english_translation(path):
    po = polib.pofile(str(path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


# German texts that may share one English translation because they mean the same (spelling or
# word-form variants). Anything else sharing a translation is a mistake: "Follow-ups" once stood
# for eight texts, among them "Widerruf eintragen".
SAME_MEANING = [
    {"Brotkrumen", "Brotkrümelnavigation"},
    {"Bildung und Teilhabe", "Bildung und Teilhabe (BuT)"},
    {"Empfänger", "Empfänger:in"},
    {"Sonstige", "Sonstiges"},
    {"Suche", "Suchen"},
    {"Bezeichnung", "Titel"},
    {"Fassung", "Version"},
    {"Ehrenamt", "Ehrenamtliche:r"},
    {"angelegt am", "erstellt am"},
    {"angelegt von", "erstellt von"},
    {"erledigt", "fertig"},
    {"vom Ehrenamt", "von Ehrenamt"},
    {"Weiter", "weiter"},
    {"gilt ab", "gültig ab"},
    {"Übersicht", "Überblick"},
    {"Import", "Importieren"},
]


def shared_translations(entries) -> dict[str, set[str]]:
    """English text → the German texts it translates, where those differ in meaning."""
    by_english: dict[str, set[str]] = {}
    for msgid, msgstr in entries:
        by_english.setdefault(msgstr.strip(), set()).add(msgid)
    return {
        english: germans
        for english, germans in by_english.items()
        if len(germans) > 1 and not any(germans <= allowed for allowed in SAME_MEANING)
    }


def test_different_german_texts_have_different_english_translations():
    entries = [
        (e.msgid, e.msgstr)
        for path in CATALOGUES
        for e in polib.pofile(str(path))
        if e.msgstr and not e.msgid_plural and not e.obsolete
    ]
    assert shared_translations(entries) == {}


def test_the_check_finds_one_translation_for_different_texts():
    entries = [("Wiedervorlagen", "Follow-ups"), ("Widerruf eintragen", "Follow-ups"), ("Suche", "Search")]
    assert shared_translations([*entries, ("Suchen", "Search")]) == {
        "Follow-ups": {"Wiedervorlagen", "Widerruf eintragen"}
    }

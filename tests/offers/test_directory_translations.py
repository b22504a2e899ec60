"""The directory's own catalogues for Arabic, Dari/Farsi and Ukrainian are complete.

tests/test_translations.py checks the English catalogues only; these languages exist for the
public directory alone (offers/management/commands/directory_messages.py keeps them in step).
"""

import re

import polib
import pytest

from offers.management.commands.directory_messages import EXTRA_LANGUAGES, catalogue, directory_msgids

PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.parametrize("lang", sorted(EXTRA_LANGUAGES))
def test_every_directory_text_is_translated(lang):
    po = polib.pofile(str(catalogue(lang)))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert directory_msgids() - {e.msgid for e in po} == set()


@pytest.mark.parametrize("lang", [*sorted(EXTRA_LANGUAGES), "en"])
def test_translations_keep_the_placeholders(lang):
    for entry in polib.pofile(str(catalogue(lang))):
        if entry.msgstr:
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_the_directory_has_texts_to_translate():
    assert {"Angebote für Geflüchtete", "Kosten", "Für wen", "Dieses Angebot gibt es nur auf Deutsch beschrieben."} <= (
        directory_msgids()
    )


@pytest.mark.parametrize("lang", ["en", *sorted(EXTRA_LANGUAGES)])
def test_no_german_interface_text_is_left_on_the_page(client, lang, offer):
    content = client.get(f"/directory/?lang={lang}&age=abc").content.decode()
    content += client.get(f"/directory/?lang={lang}").content.decode()
    german = [m for m in directory_msgids() if "%(" not in m and len(m) > 3]
    assert [m for m in german if f">{m}<" in content or f'"{m}"' in content] == []

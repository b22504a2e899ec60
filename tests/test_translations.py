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

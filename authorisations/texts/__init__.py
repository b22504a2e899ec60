"""The text of the Vollmacht: German (binding) and working translations (not binding).

These are document texts, not UI texts: they do not follow the user's UI language, so they
live here as data and not in the gettext catalogue. One module per language defines `TEXT`,
a dict with exactly the keys of `de.TEXT`; placeholders in braces are filled by
`authorisations.pdf`. A test checks that every language has every key and placeholder.

The languages themselves (codes, direction, script) are shared with the consent form:
`wir_fallmanagement/document_languages.py`.

The translations were written for this project as plain-language working translations. Before
a district relies on them, a qualified translator should review them; the German text is the
only binding one and the only one signed.
"""

from wir_fallmanagement.document_languages import DocumentLanguage, DocumentTexts

__all__ = ["GERMAN", "TRANSLATIONS", "DocumentLanguage", "language_choices", "translation"]

TEXTS = DocumentTexts(__name__)
GERMAN = TEXTS.german
#: Working translations, in the order of the form's choices.
TRANSLATIONS = TEXTS.translations
language_choices = TEXTS.choices
translation = TEXTS.translation

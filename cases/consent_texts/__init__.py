"""The text of the consent form (Einwilligung in die Datenübermittlung): German (binding, signed)
and working translations (not binding), one module per language code of
`wir_fallmanagement.document_languages`. Document text, not UI text: it does not follow the user's
UI language and is not in the gettext catalogue. Placeholders in braces are filled by
`cases.pdf`; `tests/cases/test_consent_form.py` checks that every language has every key and
placeholder.

The translations were written for this project as plain-language working translations. Before a
district relies on them, a qualified translator should review them; only the German text is
signed.
"""

from wir_fallmanagement.document_languages import DocumentTexts

TEXTS = DocumentTexts(__name__)

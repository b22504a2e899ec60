"""The text of the Vollmacht: German (binding) and working translations (not binding).

These are document texts, not UI texts: they do not follow the user's UI language, so they
live here as data and not in the gettext catalogue. One module per language defines `TEXT`,
a dict with exactly the keys of `de.TEXT`; placeholders in braces are filled by
`authorisations.pdf`. A test checks that every language has every key and placeholder.

The translations were written for this project as plain-language working translations. Before
a district relies on them, a qualified translator should review them; the German text is the
only binding one and the only one signed.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class DocumentLanguage:
    code: str  # ISO 639 code, the same as cases.Language.code
    name_de: str  # shown in the form and on the document
    module: str  # module below authorisations.texts holding TEXT
    rtl: bool = False
    script: str = "latin"  # selects the font family in the PDF: latin, arabic, ethiopic

    @property
    def text(self) -> dict:
        return import_module(f"{__name__}.{self.module}").TEXT

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


GERMAN = DocumentLanguage("de", "Deutsch", "de")

#: Working translations, in the order of the form's choices.
TRANSLATIONS = {
    lang.code: lang
    for lang in [
        DocumentLanguage("ar", "Arabisch", "ar", rtl=True, script="arabic"),
        DocumentLanguage("fa", "Persisch (Farsi)", "fa", rtl=True, script="arabic"),
        DocumentLanguage("prs", "Dari", "prs", rtl=True, script="arabic"),
        DocumentLanguage("ps", "Paschtu", "ps", rtl=True, script="arabic"),
        DocumentLanguage("ku", "Kurdisch (Kurmandschi)", "ku"),
        DocumentLanguage("ti", "Tigrinya", "ti", script="ethiopic"),
        DocumentLanguage("tr", "Türkisch", "tr"),
        DocumentLanguage("uk", "Ukrainisch", "uk"),
        DocumentLanguage("ru", "Russisch", "ru"),
        DocumentLanguage("en", "Englisch", "en"),
        DocumentLanguage("fr", "Französisch", "fr"),
        DocumentLanguage("so", "Somali", "so"),
    ]
}


def language_choices():
    return [(code, lang.name_de) for code, lang in TRANSLATIONS.items()]


def translation(code: str) -> DocumentLanguage | None:
    return TRANSLATIONS.get(code or "")

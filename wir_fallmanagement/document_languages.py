"""The languages of the working translations printed with the signed documents (the Vollmacht,
the consent form): German is binding, and the client may get a working translation in one of
these twelve languages, right to left where the script needs it.

Document texts are data, not UI texts: they do not follow the user's UI language, so each
document keeps them in a package of its own with one module per language code (`de.py`,
`ar.py` …) defining `TEXT`, a dict with exactly the keys of the German `TEXT`.
`DocumentTexts("authorisations.texts")` gives that package's languages; a test per document
checks every language for every key and placeholder.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class DocumentLanguage:
    code: str  # ISO 639 code, the same as cases.Language.code and the text module's name
    name_de: str  # shown in forms and on the document
    rtl: bool = False
    script: str = "latin"  # selects the font family in the PDF: latin, arabic, ethiopic
    package: str = ""  # the package holding this document's text modules

    @property
    def text(self) -> dict:
        return import_module(f"{self.package}.{self.code}").TEXT

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


#: The working translations, in the order of the forms' choices.
LANGUAGES = [
    DocumentLanguage("ar", "Arabisch", rtl=True, script="arabic"),
    DocumentLanguage("fa", "Persisch (Farsi)", rtl=True, script="arabic"),
    DocumentLanguage("prs", "Dari", rtl=True, script="arabic"),
    DocumentLanguage("ps", "Paschtu", rtl=True, script="arabic"),
    DocumentLanguage("ku", "Kurdisch (Kurmandschi)"),
    DocumentLanguage("ti", "Tigrinya", script="ethiopic"),
    DocumentLanguage("tr", "Türkisch"),
    DocumentLanguage("uk", "Ukrainisch"),
    DocumentLanguage("ru", "Russisch"),
    DocumentLanguage("en", "Englisch"),
    DocumentLanguage("fr", "Französisch"),
    DocumentLanguage("so", "Somali"),
]


class DocumentTexts:
    """The German text and the working translations of one document."""

    def __init__(self, package: str):
        self.german = DocumentLanguage("de", "Deutsch", package=package)
        self.translations = {
            lang.code: DocumentLanguage(lang.code, lang.name_de, lang.rtl, lang.script, package) for lang in LANGUAGES
        }

    def translation(self, code: str) -> DocumentLanguage | None:
        return self.translations.get(code or "")

    def choices(self) -> list[tuple[str, str]]:
        return [(code, lang.name_de) for code, lang in self.translations.items()]

    def for_client(self, codes) -> str:
        """The first of the client's language codes that has a translation, else "" (German only)."""
        return next((code for code in codes if code in self.translations), "")

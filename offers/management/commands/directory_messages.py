"""Keep the catalogues of the public directory's extra UI languages in step with the English one.

The staff UI speaks German and English; the public directory also Arabic, Dari/Farsi and
Ukrainian. Those catalogues hold only the texts of the directory: this command copies every
entry of offers/locale/en whose source is a directory file into offers/locale/{ar,fa,uk},
keeping translations already there and dropping entries no longer used. Run it after
`make messages`, then translate the empty entries (tests/offers/test_directory_translations.py
fails on any left).
"""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand

APP_DIR = Path(__file__).resolve().parents[2]
DIRECTORY_SOURCES = (
    "directory.py",
    "templates/offers/directory/",
    "templates/offers/public_base.html",
    "templates/offers/pdf/",
)
EXTRA_LANGUAGES = {
    "ar": (
        "Arabic",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    ),
    "fa": ("Persian (Dari/Farsi)", "nplurals=2; plural=(n > 1);"),
    "uk": (
        "Ukrainian",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
}


def catalogue(lang: str) -> Path:
    return APP_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"


def is_directory_entry(entry: polib.POEntry) -> bool:
    return any(path.startswith(DIRECTORY_SOURCES) for path, _line in entry.occurrences)


def directory_msgids() -> set[str]:
    return {e.msgid for e in polib.pofile(str(catalogue("en"))) if is_directory_entry(e) and not e.obsolete}


class Command(BaseCommand):
    help = "Copy the public directory's texts from offers/locale/en into the ar, fa and uk catalogues."

    def handle(self, *args, **options):
        source = polib.pofile(str(catalogue("en")))
        for lang, (name, plural_forms) in EXTRA_LANGUAGES.items():
            path = catalogue(lang)
            old = {e.msgid: e.msgstr for e in polib.pofile(str(path))} if path.exists() else {}
            po = polib.POFile()
            po.metadata = {
                "Project-Id-Version": "WIR-Fallmanagement",
                "Language": lang,
                "Language-Team": name,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": plural_forms,
            }
            for entry in source:
                if entry.obsolete or not is_directory_entry(entry):
                    continue
                if entry.msgid_plural:
                    self.stderr.write(f"Plural forms are not supported in directory texts: {entry.msgid!r}")
                    continue
                po.append(
                    polib.POEntry(
                        msgid=entry.msgid,
                        msgstr=old.get(entry.msgid, ""),
                        occurrences=entry.occurrences,
                        flags=[f for f in entry.flags if f != "fuzzy"],
                    )
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            missing = len([e for e in po if not e.msgstr])
            self.stdout.write(f"{lang}: {len(po)} texts, {missing} to translate")

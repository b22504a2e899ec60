"""The Vollmacht PDF read back: every filled field, each language's text, metadata, PDF/A, QR code,
fonts shipped with the project only."""

import io
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from authorisations import texts
from authorisations.models import AuthorisationPdf, Handover
from authorisations.pdf import render_handover, render_revocation_notice
from authorisations.texts import GERMAN, TRANSLATIONS
from tests.factories import decode_qr, make_authorisation, make_principal, pdf_text, printed
from tests.pdf_structure import catalog, structure, xmp

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "noto"


def normalise(text: str) -> str:
    """Compare text as a reader sees it: compatibility forms folded (Arabic presentation forms),
    invisible format characters (ZWNJ, bidi isolates) dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text)


def core(text: str) -> str:
    """A sentence without its final punctuation: in right-to-left lines the extractor puts a
    sentence's full stop where it is drawn, at the left end, i.e. before the sentence."""
    return normalise(text).strip(" .:;،؛።፦")


@pytest.fixture
def printed_pdf(principal, agent, caseworker, branch):
    authorisation = make_authorisation(
        principal,
        agent,
        caseworker,
        branch,
        scopes=["information", "mail", "objection"],
        rdg_acknowledged=True,
        exclusions="Keine Umzugsanträge",
        valid_until=principal.created_at.date().replace(year=principal.created_at.year + 1),
    )
    printed(authorisation, caseworker)
    stored = authorisation.pdfs.get(kind=AuthorisationPdf.Kind.AUTHORISATION)
    return authorisation, bytes(stored.pdf)


def test_every_filled_field_is_in_the_german_text(printed_pdf):
    authorisation, data = printed_pdf
    text = normalise(pdf_text(data))
    principal = authorisation.principal
    expected = [
        "Vollmacht",
        "nach § 13 Zehntes Buch Sozialgesetzbuch (SGB X)",
        "Al-Hassan, Mariam",
        "مريم الحسن",
        "03.07.1988",
        "Bahnhofstraße 12, 64720 Michelstadt",
        principal.kjc_customer_number,
        principal.household.bg_number,
        "Schneider, Erika",
        "02.04.1956",
        "Am Kirchberg 3, 64711 Erbach",
        "Kommunales Job-Center Odenwaldkreis, Erbach, Michelstädter Straße 12, 64711 Erbach",
        "Keine Umzugsanträge",
        f"Die Vollmacht gilt vom {authorisation.valid_from:%d.%m.%Y} bis zum {authorisation.valid_until:%d.%m.%Y}.",
        authorisation.short_code,
        f"Vollmacht Nr. {authorisation.pk} · Fassung 1",
        "Unterschrift der Vollmachtgeberin / des Vollmachtgebers",
        "Unterschrift der bevollmächtigten Person",
        "7. Widerruf",
        "Eingang beim KJC (Datum, Stempel)",
        "§ 6 Abs. 2 Rechtsdienstleistungsgesetz",  # the RDG notice, because objections are granted
        "http://testserver/verify/",
    ]
    for value in expected:
        assert normalise(value) in text, value
    # every scope is listed, granted or not
    for code in ("information", "file_inspection", "applications", "documents", "appointments", "mail", "money"):
        assert normalise(GERMAN.text[f"scope_{code}"][0]) in text


def test_the_rdg_notice_is_printed_only_with_objections(principal, agent, caseworker, branch):
    authorisation = printed(make_authorisation(principal, agent, caseworker, branch), caseworker)
    text = normalise(pdf_text(bytes(authorisation.current_pdf().pdf)))
    assert "Rechtsdienstleistungsgesetz" not in text
    assert "Die Vollmacht gilt ab dem" in text and "bis zum Widerruf" in text


def test_a_minor_is_represented_by_the_guardian(caseworker, agent, branch):
    child = make_principal(caseworker, given_names="Amal", birth_year=2015)
    authorisation = make_authorisation(child, agent, caseworker, branch, guardian_name="Mariam Al-Hassan")
    text = normalise(pdf_text(bytes(printed(authorisation, caseworker).current_pdf().pdf)))
    assert "Gesetzlich vertreten durch Mariam Al-Hassan" in text
    assert "Als gesetzliche Vertretung der unter 1. genannten minderjährigen Person" in text
    assert "Unterschrift der gesetzlichen Vertretung" in text


def test_metadata_and_pdf_a_identification(printed_pdf):
    authorisation, data = printed_pdf
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == f"Vollmacht Nr. {authorisation.pk} (Fassung 1)"
    assert reader.metadata.author == f"WIR-Fallmanagement {settings.WIR_DISTRICT_NAME}"
    assert reader.trailer["/Root"]["/Lang"] == "de"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp)  # level A: tagged
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    # A4 portrait
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_only_the_fonts_shipped_with_the_project_are_embedded(printed_pdf):
    _authorisation, data = printed_pdf
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert names and all(name.startswith("WIR-") for name in names), names


def test_the_qr_code_leads_to_the_verification_page(printed_pdf, tmp_path):
    authorisation, data = printed_pdf
    assert decode_qr(data, tmp_path) == [f"http://testserver/verify/{authorisation.token}/"]


def assert_readable(expected: str, text: str, *, rtl: bool):
    """Left to right: the whole phrase. Right to left: the extractor returns a line with an
    embedded Latin word ("KJC") in drawing order, so there every word must be there on its own."""
    if rtl:
        for word in expected.split():
            assert word.strip("().,،:") in text, word
    else:
        assert expected in text


@pytest.mark.parametrize("code", list(TRANSLATIONS), ids=list(TRANSLATIONS))
def test_each_working_translation_is_in_the_pdf_and_marked_not_binding(code, caseworker, agent, branch):
    client = make_principal(caseworker, language=None)
    authorisation = printed(make_authorisation(client, agent, caseworker, branch, language=code), caseworker)
    text = normalise(pdf_text(bytes(authorisation.current_pdf().pdf)))
    translation = TRANSLATIONS[code].text
    assert normalise(GERMAN.text["translation_notice"]) in text
    for key in ("title", "note_voluntary", "note_original", "sign_only_german", "verify_code"):
        assert_readable(core(translation[key]), text, rtl=TRANSLATIONS[code].rtl)
    for scope in ("information", "applications", "money"):
        assert_readable(core(translation[f"scope_{scope}"][0]), text, rtl=TRANSLATIONS[code].rtl)
    # the German text stays complete and comes first
    assert text.index(normalise(GERMAN.text["sign_principal"])) < text.index(core(translation["verify_code"]))


def test_right_to_left_translations_are_laid_out_right_to_left(printed_pdf):
    from authorisations.pdf import authorisation_context

    authorisation, _data = printed_pdf
    context = authorisation_context(authorisation, verify_url="x", entry_url="y")
    assert context["translation_lang"].dir == "rtl"
    from django.template.loader import render_to_string

    html = render_to_string(
        "authorisations/pdf/authorisation.html", {"pdf_title": "t", "pdf_lang": "de", "district_name": "", **context}
    )
    assert 'lang="ar" dir="rtl"' in html
    assert [lang.code for lang in TRANSLATIONS.values() if lang.rtl] == ["ar", "fa", "prs", "ps"]


def test_every_language_has_every_text_with_the_same_placeholders():
    keys = set(GERMAN.text)
    for code, language in TRANSLATIONS.items():
        assert set(language.text) == keys, code
        for key, german in GERMAN.text.items():
            placeholders = sorted(re.findall(r"\{\w+\}", str(german)))
            assert sorted(re.findall(r"\{\w+\}", str(language.text[key]))) == placeholders, (code, key)
            assert language.text[key], (code, key)


def test_the_required_languages_are_there():
    assert {"ar", "fa", "prs", "ps", "ku", "ti", "tr", "uk", "ru", "en", "fr", "so"} <= set(TRANSLATIONS)
    assert texts.translation("xx") is None


def covered_codepoints(weight: str) -> set[int]:
    """The code points the PDF fonts (Latin, Arabic, Ethiopic) of one weight have a glyph for."""
    covered = set()
    for family in ("NotoSans", "NotoNaskhArabic", "NotoSansEthiopic"):
        covered |= set(TTFont(FONT_DIR / f"{family}-{weight}.ttf").getBestCmap())
    return covered


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_vendored_fonts_have_a_glyph_for_every_character_of_every_text(weight):
    covered = covered_codepoints(weight)
    missing = {}
    for code, language in [("de", GERMAN), *TRANSLATIONS.items()]:
        for value in language.text.values():
            for part in value if isinstance(value, tuple) else (value,):
                for ch in part:
                    if not ch.isspace() and ord(ch) not in covered:
                        missing.setdefault(code, set()).add(ch)
    assert missing == {}


# ------------------------------------------------------------------------------ tagged (PDF/UA)


def test_the_vollmacht_is_tagged_in_reading_order_with_the_translation_in_its_language(printed_pdf):
    authorisation, data = printed_pdf
    tree = structure(data)
    assert bool(catalog(data)["/MarkInfo"]["/Marked"]) is True and catalog(data)["/Lang"] == "de"
    # the German document first, then the Arabic working translation, each marked with its language
    sections = [(node.role, node.lang) for node in tree.children]
    assert sections == [("Sect", "de"), ("Sect", "de"), ("Sect", "ar"), ("Sect", "ar")]
    german = " ".join(node.text for node in tree.children[:2])
    arabic = " ".join(node.text for node in tree.children[2:])
    assert "Vollmacht" in german and "توكيل" in arabic
    assert [h.text for h in tree.find_all("H1")] == ["Vollmacht", "توكيل"]
    headings = [h.text for h in tree.find_all("H2")]
    assert headings[:3] == [
        "1. Vollmachtgeberin / Vollmachtgeber",
        "2. Bevollmächtigte Person",
        "3. Umfang der Vollmacht",
    ]
    # (the extractor gives right-to-left lines in drawing order: compare words, not punctuation)
    assert any("الموكِّل" in h and "الشخص الذي يمنح التوكيل" in h for h in map(normalise, headings))
    # the German notice inside the Arabic part keeps its own language
    assert any(node.lang == "de" and "Arbeitsübersetzung" in node.text for node in tree.children[2].walk())


def test_the_vollmacht_uses_tables_only_for_data_with_row_headers(printed_pdf):
    authorisation, data = printed_pdf
    tree = structure(data)
    tables = tree.find_all("Table")
    assert len(tables) == 4  # principal and agent, in German and in Arabic: no layout tables
    for table in tables:
        for row in table.find_all("TR"):
            (header,) = row.find_all("TH")
            (cell,) = row.find_all("TD")
            assert header.attributes["/Scope"] == "/Row"
            assert list(cell.attributes["/Headers"]) == [header.id]
    name = next(row for row in tables[0].find_all("TR") if row.find_all("TH")[0].text == "Name, Vorname(n)")
    assert name.find_all("TD")[0].text == "Al-Hassan, Mariam"
    # the scopes are a list; the QR code a figure with a text alternative
    scopes = [item.text for item in tree.children[0].find_all("LI")]
    assert any(text.startswith("X Auskünfte erteilen und einholen") for text in scopes)
    (figure,) = tree.find_all("Figure")
    assert figure.alt == f"QR-Code der Prüfseite: http://testserver/verify/{authorisation.token}/"


def test_the_revocation_notice_and_the_handover_sheet_are_tagged(principal, agent, caseworker, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="revoked")
    for data, title in (
        (render_revocation_notice(authorisation), "Widerruf einer Vollmacht nach § 13 SGB X"),
        (
            render_handover(
                Handover(pk=7, kjc_branch=branch, team="benefits", created_by=caseworker), [authorisation], []
            ),
            "Übergabeprotokoll Nr. 7",
        ),
    ):
        tree = structure(data)
        assert catalog(data)["/Lang"] == "de"
        assert [h.text for h in tree.find_all("H1")] == [title]
        for table in tree.find_all("Table"):
            assert all(th.attributes["/Scope"] in ("/Row", "/Column") for th in table.find_all("TH"))
            assert all(list(td.attributes["/Headers"]) for td in table.find_all("TD"))
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp(data)

"""The consent form (Einwilligung in die Datenübermittlung): a tagged PDF/A prefilled from the
consent record, German plus a working translation in the Vollmacht's twelve languages, for staff
who may see the client; the signed scan, uploaded to the record, closes the loop."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from fontTools.ttLib import TTFont

from cases.consent_texts import TEXTS
from cases.models import AccessLog, Consent, DataCategory, Document
from offers.models import Provider
from tests import files
from tests.conftest import get_document
from tests.factories import TODAY, days, make_agent, make_principal, pdf_text, volunteer_consent
from tests.pdf_structure import catalog, structure, xmp

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "noto"


def normalise(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", "".join(ch for ch in text if unicodedata.category(ch) != "Cf"))


@pytest.fixture
def person(caseworker):
    return make_principal(caseworker, language="uk")


@pytest.fixture
def consent(person, caseworker):
    return Consent.objects.create(
        client=person,
        recipient_kind=Consent.RecipientKind.PROVIDER,
        recipient_provider=Provider.objects.create(name="Caritas Odenwald"),
        data_categories=["health", "identity", "benefits"],
        purpose="Anmeldung zum Sprachkurs mit Kinderbetreuung",
        given_on=TODAY() - days(1),
        valid_until=TODAY() + days(365),
        created_by=caseworker,
    )


def form_url(consent, lang=None):
    return f"/consents/{consent.pk}/form/" + (f"?lang={lang}" if lang is not None else "")


def get_form(client, user, consent, lang=None):
    client.force_login(user)
    response = get_document(client, form_url(consent, lang))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="einwilligung-')
    return response.content


def test_the_german_form_is_prefilled_from_the_record(client, caseworker, consent, person):
    data = get_form(client, caseworker, consent, "de")
    text = normalise(pdf_text(data))
    assert "Einwilligung in die Datenübermittlung" in text
    assert "Al-Hassan, Mariam" in text and "03.07.1988" in text and "Bahnhofstraße 12, 64720 Michelstadt" in text
    assert f"Das WIR-Fallmanagement {settings.WIR_DISTRICT_NAME}." in text
    assert "An den Träger Caritas Odenwald." in text
    # the data in the order of the categories, health with its note
    assert (
        text.index("Name, Geburtsdatum, Anschrift")
        < text.index("Leistungen nach dem SGB II")
        < text.index("Gesundheit")
    )
    assert "Gesundheitsdaten sind besonders geschützt" in text
    assert "Familie und Kinder" not in text
    assert "Anmeldung zum Sprachkurs mit Kinderbetreuung" in text
    until = consent.valid_until.strftime("%d.%m.%Y")
    assert f"Die Einwilligung gilt vom {consent.given_on:%d.%m.%Y} bis zum {until}." in text
    assert "jederzeit ohne Angabe von Gründen" in text and "Art. 7 Abs. 3 DSGVO" in text
    assert "Unterschrift der einwilligenden Person" in text
    assert "Unterschrift der minderjährigen Person" not in text
    assert "Arbeitsübersetzung" not in text  # German only
    assert f"Einwilligung Nr. {consent.pk}" in text


def test_the_form_comes_in_the_clients_language_unless_another_is_chosen(client, caseworker, consent):
    ukrainian = normalise(pdf_text(get_form(client, caseworker, consent)))  # the person speaks Ukrainian
    assert "Einwilligung in die Datenübermittlung" in ukrainian and "Згода на передачу даних" in ukrainian
    assert "Робочий переклад – не має юридичної сили" in ukrainian
    assert "До організації" not in ukrainian and "Організації Caritas Odenwald." in ukrainian
    assert "Дані про здоров'я особливо захищені" in ukrainian
    assert "Будь ласка, підписуйте лише німецький текст." in ukrainian
    arabic = normalise(pdf_text(get_form(client, caseworker, consent, "ar")))
    assert "Згода" not in arabic
    for words in ("موافقة على نقل البيانات", "يُرجى التوقيع على النص الألماني فقط", "Caritas Odenwald"):
        assert normalise(words) in arabic, words


def test_the_form_is_a_tagged_pdf_a_with_the_translation_in_its_language(client, caseworker, consent):
    data = get_form(client, caseworker, consent, "ar")
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp(data)) and "<pdfuaid:part>1</pdfuaid:part>" in xmp(data)
    assert catalog(data)["/Lang"] == "de"
    tree = structure(data)
    assert [node.lang for node in tree.children][:1] == ["de"] and "ar" in tree.languages()
    assert [h.text for h in tree.find_all("H1")] == ["Einwilligung in die Datenübermittlung", "موافقة على نقل البيانات"]
    (german_purpose,) = [
        n for n in tree.walk() if n.lang == "de" and n.text == "Anmeldung zum Sprachkurs mit Kinderbetreuung"
    ]
    assert german_purpose.role == "P"  # the German entry inside the Arabic part keeps its language
    for table in tree.find_all("Table"):
        for row in table.find_all("TR"):
            assert [th.attributes["/Scope"] for th in row.find_all("TH")] == ["/Row"]


@pytest.mark.parametrize(
    ("years", "lines"),
    [
        (30, ["Unterschrift der einwilligenden Person"]),
        (16, ["Unterschrift der minderjährigen Person", "Unterschrift der sorgeberechtigten Person"]),
        (10, ["Unterschrift der sorgeberechtigten Person"]),
    ],
)
def test_minors_from_15_sign_with_their_guardian(client, caseworker, years, lines):
    person = make_principal(caseworker, birth_year=TODAY().year - years, birth_month=1, birth_day=1, language=None)
    consent = volunteer_consent(person, make_agent(), created_by=caseworker)
    text = normalise(pdf_text(get_form(client, caseworker, consent, "de")))
    for line in (
        "Unterschrift der einwilligenden Person",
        "Unterschrift der minderjährigen Person",
        "Unterschrift der sorgeberechtigten Person",
    ):
        assert (line in text) == (line in lines), (years, line)
    assert (
        "An die ehrenamtliche Person Schneider, Erika." in text
        or "An die ehrenamtliche Person Erika Schneider." in text
    )
    assert ("mindestens 15 Jahre alt" in text) == (years == 16)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("caseworker", 200),
        ("teamlead", 200),
        ("administrator", 200),
        ("colleague", 404),
        ("volunteer", 404),
        ("kjc", 404),
    ],
    indirect=["persona"],
)
def test_only_staff_who_may_see_the_client_get_the_form_and_it_is_logged(client, persona, status, consent):
    client.force_login(persona)
    logged = AccessLog.objects.filter(action="pdf", target=f"consent:{consent.pk}", user=persona)
    if status == 200:
        assert client.get(form_url(consent, "de")).status_code == 202  # the worker makes it
        assert not logged.exists()  # nothing handed out yet
        response = get_document(client, form_url(consent, "de"))
    else:
        response = client.get(form_url(consent, "de"))
    assert response.status_code == status
    assert logged.count() == (1 if status == 200 else 0)
    if status == 200:
        assert logged.get().client == consent.client


def test_anonymous_visitors_are_sent_to_the_login(client, consent):
    response = client.get(form_url(consent))
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.parametrize("lang", ["xx", "de-DE", "<script>", "a" * 300])
def test_an_unknown_language_is_refused_in_german_and_nothing_is_logged(client, caseworker, consent, lang):
    client.force_login(caseworker)
    response = client.get(form_url(consent), {"lang": lang}, follow=True)
    assert response.status_code == 200
    assert "Diese Sprache gibt es für das Formular nicht" in response.content.decode()
    assert not AccessLog.objects.filter(action="pdf").exists()


def test_the_client_page_offers_the_form_and_the_scan_upload(client, caseworker, consent):
    client.force_login(caseworker)
    body = client.get(f"/clients/{consent.client.pk}/").content.decode()
    assert f'action="{form_url(consent)}"' in body
    assert f'id="consent-lang-{consent.pk}"' in body and '<option value="ar">Arabisch</option>' in body
    assert f'href="/consents/{consent.pk}/scan/"' in body


# ------------------------------------------------------------------------------ the signed scan


def scan(name="einwilligung-unterschrieben.pdf", content=None):
    return SimpleUploadedFile(name, files.pdf() if content is None else content, content_type="application/pdf")


def test_the_signed_scan_closes_the_loop(client, caseworker, consent):
    client.force_login(caseworker)
    assert client.get(f"/consents/{consent.pk}/scan/").status_code == 200
    response = client.post(f"/consents/{consent.pk}/scan/", {"scan_file": scan()})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.scan.kind == Document.Kind.CONSENT and consent.scan.client == consent.client
    assert consent.scan.content_type == "application/pdf"
    assert consent.history.count() == 2  # recorded, then the scan
    body = client.get(f"/clients/{consent.client.pk}/").content.decode()
    assert f"/documents/{consent.scan.pk}/" in body and f'href="/consents/{consent.pk}/scan/"' not in body
    # a second scan does not replace the first
    again = client.post(f"/consents/{consent.pk}/scan/", {"scan_file": scan()}, follow=True)
    assert "bereits ein Scan hinterlegt" in again.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Bitte wählen Sie die Datei mit dem Scan aus."),
        (scan("x.pdf", b""), "leer"),
        (scan("x.png", files.pdf()), "Dateiendung passt nicht"),
        (scan("x.pdf", files.pdf_with_javascript()), "unzulässige Inhalte"),
    ],
)
def test_a_bad_scan_is_refused_at_the_field_and_nothing_is_stored(client, caseworker, consent, upload, message):
    client.force_login(caseworker)
    response = client.post(f"/consents/{consent.pk}/scan/", {"scan_file": upload} if upload else {})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["scan_file"])
    consent.refresh_from_db()
    assert consent.scan is None and not Document.objects.exists()


@pytest.mark.parametrize("persona", ["colleague", "volunteer", "kjc"], indirect=True)
def test_no_one_else_can_attach_a_scan(client, persona, consent):
    client.force_login(persona)
    assert client.post(f"/consents/{consent.pk}/scan/", {"scan_file": scan()}).status_code == 404
    assert not Document.objects.exists()


# ------------------------------------------------------------------------------ the texts


def test_every_language_has_every_text_with_the_same_placeholders():
    german = TEXTS.german.text
    assert {f"data_{code}" for code in DataCategory.values} <= set(german)
    assert set(TEXTS.translations) == {"ar", "fa", "prs", "ps", "ku", "ti", "tr", "uk", "ru", "en", "fr", "so"}
    for code, language in TEXTS.translations.items():
        assert set(language.text) == set(german), code
        for key, value in german.items():
            assert language.text[key], (code, key)
            assert sorted(re.findall(r"\{\w+\}", language.text[key])) == sorted(re.findall(r"\{\w+\}", value)), key


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_vendored_fonts_have_a_glyph_for_every_character(weight):
    covered = set()
    for family in ("NotoSans", "NotoNaskhArabic", "NotoSansEthiopic"):
        covered |= set(TTFont(FONT_DIR / f"{family}-{weight}.ttf").getBestCmap())
    missing = {
        code: {ch for value in language.text.values() for ch in value if not ch.isspace() and ord(ch) not in covered}
        for code, language in [("de", TEXTS.german), *TEXTS.translations.items()]
    }
    assert {code: chars for code, chars in missing.items() if chars} == {}


@pytest.mark.parametrize("code", sorted(TEXTS.translations))
def test_every_translation_renders(code, caseworker):
    from cases.pdf import render_consent_form

    person = make_principal(caseworker, language=None)
    consent = Consent.objects.create(
        client=person, recipient_kind="kjc", data_categories=["identity"], purpose="KJC", created_by=caseworker
    )
    tree = structure(render_consent_form(consent, code))
    assert code in tree.languages()
    assert len(tree.find_all("H1")) == 2

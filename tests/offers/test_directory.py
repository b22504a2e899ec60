"""The public offers directory /directory/: no login, filters, languages, PDF, and no client data ever."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Language
from offers import services
from offers.directory import PAGE_SIZE
from offers.models import Category, DirectoryPdf, Offer, OfferTranslation
from tests.conftest import jobs, run_worker
from tests.factories import give_consent, make_client, make_offer

LANGS = ["de", "en", "ar", "fa", "uk"]


@pytest.fixture
def offers(provider, category, municipality):
    """A girls' course translated into Arabic, a free language café without translations and one that ended."""
    course = make_offer(
        provider,
        category,
        municipality,
        title="Schwimmkurs für Mädchen",
        min_age=6,
        max_age=14,
        gender=Offer.Gender.FEMALE,
        fee=Decimal("30"),
        fee_note="für den Kurs",
        but_eligible=True,
        but_category="participation",
        schedule="samstags 10 Uhr",
    )
    course.languages.set(Language.objects.filter(code__in=["de", "ar"]))
    OfferTranslation.objects.create(offer=course, language="ar", title="دورة سباحة للبنات", description="تعلّم السباحة")
    OfferTranslation.objects.create(offer=course, language="uk", title="Курс плавання для дівчат")
    cafe = make_offer(provider, Category.objects.get(name="Sprache"), None, title="Sprachcafé", min_age=16)
    cafe.languages.set(Language.objects.filter(code="uk"))
    ended = make_offer(
        provider,
        category,
        municipality,
        title="Vergangener Kurs",
        active_from=timezone.localdate() - datetime.timedelta(days=90),
        active_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    return course, cafe, ended


def titles(response):
    return sorted(card.offer.title for card in response.context["cards"])


@pytest.mark.parametrize("lang", LANGS)
def test_anonymous_visitors_see_the_directory_in_every_language(client, offers, lang):
    response = client.get(f"/directory/?lang={lang}")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang in ("ar", "fa") else "ltr"}">' in content
    assert response["Content-Language"] == lang
    assert titles(response) == ["Schwimmkurs für Mädchen", "Sprachcafé"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("de", "Angebote für Geflüchtete"),
        ("en", "Offers for refugees"),
        ("ar", "عروض وأنشطة للاجئين"),
        ("fa", "برنامه‌ها برای پناهجویان"),
        ("uk", "Пропозиції для біженців"),
    ],
)
def test_the_interface_speaks_the_chosen_language(client, offers, lang, heading):
    content = client.get(f"/directory/?lang={lang}").content.decode()
    assert f'<h1 class="h2">{heading}</h1>' in content


def test_an_unknown_language_falls_back_to_german(client, offers):
    response = client.get("/directory/?lang=xx")
    assert response["Content-Language"] == "de"
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_the_staff_language_setting_stays_untouched(client, offers):
    client.get("/directory/?lang=ar")
    content = client.get("/accounts/login/").content.decode()
    assert '<html lang="de"' in content


def test_offer_texts_are_translated_where_possible_and_german_is_marked(client, offers):
    content = client.get("/directory/?lang=ar").content.decode()
    assert "دورة سباحة للبنات" in content
    assert "Schwimmkurs für Mädchen" not in content
    # the café has no Arabic text: German, marked as such
    assert 'lang="de" dir="ltr">Sprachcafé</h2>' in content
    assert "هذا العرض موصوف باللغة الألمانية فقط." in content
    # the category has an Arabic name in the master data
    assert "اللغة" in content


def test_a_partial_translation_falls_back_per_field(client, offers):
    content = client.get("/directory/?lang=uk").content.decode()
    assert ">Курс плавання для дівчат</h2>" in content
    # no Ukrainian description or times: the German ones, marked
    assert '<p class="mt-2" lang="de" dir="ltr">Schwimmen lernen.</p>' in content
    assert '<span lang="de" dir="ltr">samstags 10 Uhr</span>' in content


def test_german_shows_no_fallback_marks(client, offers):
    content = client.get("/directory/").content.decode()
    assert "nur auf Deutsch beschrieben" not in content
    assert 'lang="de" dir="ltr">Sprachcafé' not in content


def test_the_language_links_keep_the_filters(client, offers, municipality):
    content = client.get(f"/directory/?lang=de&municipality={municipality.pk}").content.decode()
    assert f'href="?lang=ar&amp;municipality={municipality.pk}"' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("age=8", ["Schwimmkurs für Mädchen"]),
        ("age=30", ["Sprachcafé"]),
        ("gender=male", ["Sprachcafé"]),
        ("gender=female", ["Schwimmkurs für Mädchen", "Sprachcafé"]),
        ("cost=free", ["Sprachcafé"]),
        ("cost=but", ["Schwimmkurs für Mädchen"]),
    ],
)
def test_the_filters(client, offers, query, expected):
    assert titles(client.get(f"/directory/?{query}")) == expected


def test_the_filters_by_place_category_and_language(client, offers, municipality, category):
    uk = Language.objects.get(code="uk")
    assert titles(client.get(f"/directory/?municipality={municipality.pk}")) == ["Schwimmkurs für Mädchen"]
    assert titles(client.get(f"/directory/?category={category.pk}")) == ["Schwimmkurs für Mädchen"]
    assert titles(client.get(f"/directory/?language={uk.pk}")) == ["Sprachcafé"]


@pytest.mark.parametrize("query", ["age=abc", "age=-1", "municipality=999999", "cost=teuer", "page=x"])
def test_bad_input_gives_a_field_error_not_a_500(client, offers, query):
    response = client.get(f"/directory/?lang=ar&{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert response.context["form"].errors
        assert 'aria-invalid="true"' in response.content.decode()


def test_it_shows_no_staff_navigation(client, offers, caseworker):
    client.force_login(caseworker)
    content = client.get("/directory/").content.decode()
    assert "Hauptnavigation" not in content
    assert 'href="/clients/' not in content and 'href="/offers/' not in content


@pytest.mark.parametrize("rows", [5, 50])
def test_the_directory_runs_a_constant_number_of_queries(
    client, provider, category, municipality, rows, django_assert_max_num_queries
):
    languages = list(Language.objects.all()[:3])
    for i in range(rows):
        offer = make_offer(provider, category, municipality, title=f"Angebot {i:03d}")
        offer.languages.set(languages)
        OfferTranslation.objects.create(offer=offer, language="ar", title=f"عرض {i}")
    with django_assert_max_num_queries(9):
        response = client.get("/directory/?lang=ar")
    assert len(response.context["cards"]) == min(rows, PAGE_SIZE)


def test_it_rejects_post(client):
    assert client.post("/directory/").status_code == 405
    assert client.post("/directory/pdf/").status_code == 405


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def get_pdf(client, url):
    """The PDF link: a page that waits for the worker, then (after it ran) the stored PDF."""
    waiting = client.get(url)
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    assert 'data-progress="directory-pdf"' in waiting.content.decode()
    run_worker()
    return client.get(url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_pdf_is_in_the_chosen_language(client, offers, run_jobs):
    response = get_pdf(client, "/directory/pdf/?lang=uk&cost=but")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="angebote-uk.pdf"'
    text = pdf_text(response)
    assert "Курс плавання для дівчат" in text
    assert "Schwimmkurs für Mädchen" in text  # the binding German title is printed too
    assert "Sprachcafé" not in text  # filtered out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_arabic_pdf_renders(client, offers, run_jobs):
    response = get_pdf(client, "/directory/pdf/?lang=ar")
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 1


def test_the_directory_pdf_is_tagged_in_its_language_with_german_parts_marked(offers):
    from offers.directory import render_directory
    from tests.pdf_structure import catalog, structure, xmp

    data = render_directory("uk", "")
    assert catalog(data)["/Lang"] == "uk"
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp(data)) and "<pdfuaid:part>1</pdfuaid:part>" in xmp(data)
    tree = structure(data)
    (title,) = tree.find_all("H1")
    assert "Odenwaldkreis" in title.text or settings.WIR_DISTRICT_NAME in title.text
    headings = [h.text for h in tree.find_all("H2")]
    assert "Курс плавання для дівчат" in headings
    # the offer without a Ukrainian title keeps its German one, marked as German
    (cafe,) = [h for h in tree.find_all("H2") if h.text == "Sprachcafé"]
    assert cafe.lang == "de"
    for table in tree.find_all("Table"):
        for row in table.find_all("TR"):
            assert [th.attributes["/Scope"] for th in row.find_all("TH")] == ["/Row"]
            assert list(row.find_all("TD")[0].attributes["/Headers"]) == [row.find_all("TH")[0].id]
    providers = [td for td in tree.find_all("TD") if td.text == "DLRG Ortsgruppe Test"]
    assert providers and all(td.lang == "de" for td in providers)


CLIENT_MARKERS = ["Zuleikha", "Quondamstein", "زليخة", "GEHEIM-NOTIZ-4711", "06431BG7654321"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_directory_never_shows_anything_about_clients(client, offers, caseworker, household, run_jobs):
    course, cafe, _ended = offers
    household.bg_number = "06431BG7654321"
    household.save()
    person = make_client(
        caseworker,
        given_names="Zuleikha",
        family_name="Quondamstein",
        years=9,
        gender="female",
        household=household,
        given_names_original="زليخة",
    )
    give_consent(person, course.provider, caseworker)
    services.create_referral(offer=course, client=person, user=caseworker, register=True, note="GEHEIM-NOTIZ-4711")
    services.create_referral(
        offer=cafe, client=person, user=caseworker, register=False, override_reason="GEHEIM-NOTIZ-4711"
    )
    responses = []
    for lang in LANGS:
        for query in ("", "&cost=but", "&age=9&gender=female", "&page=2"):
            responses.append(client.get(f"/directory/?lang={lang}{query}").content.decode())
        responses.append(pdf_text(get_pdf(client, f"/directory/pdf/?lang={lang}")))
    for content in responses:
        for marker in CLIENT_MARKERS:
            assert marker not in content
    # …and the offer's occupancy is not published either
    assert "belegt" not in responses[0] and "Warteliste" not in responses[0]


# ------------------------------------------------------------------------------ stored PDF


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_pdf_link_never_renders_in_the_request_but_serves_the_stored_copy(client, offers, run_jobs):
    waiting = client.get("/directory/pdf/?lang=de&cost=but")
    assert not DirectoryPdf.objects.filter(status="ready").exists()  # no rendering here
    page = waiting.content.decode()
    assert "Die Liste wird erstellt" in page and "js/progress.js" in page and "Seite neu laden" in page
    assert waiting["Cache-Control"] == "no-store"
    client.get("/directory/pdf/?lang=de&cost=but")  # asked again while waiting: still one job
    assert jobs("render_directory_pdf").count() == 1

    run_jobs()
    first = client.get("/directory/pdf/?lang=de&cost=but")
    assert "Schwimmkurs für Mädchen" in pdf_text(first)
    second = client.get("/directory/pdf/?lang=de&cost=but")
    assert second.content == first.content  # the stored copy, byte for byte
    assert DirectoryPdf.objects.filter(status="ready").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changing_an_offer_renders_the_lists_ahead_in_every_language(client, offers, caseworker, run_jobs):
    course, _cafe, _ended = offers
    client.force_login(caseworker)
    course.title = "Schwimmkurs am Samstag"
    course.save()
    assert jobs("prerender_directory").count() == 1
    run_jobs()
    ready = DirectoryPdf.objects.filter(query="", status="ready")
    assert sorted(ready.values_list("lang", flat=True)) == sorted([*LANGS, "ti", "tr"])
    client.logout()
    before = jobs().count()
    response = client.get("/directory/pdf/?lang=en")
    assert response["Content-Type"] == "application/pdf"  # the stored copy, no page that waits
    assert "Schwimmkurs am Samstag" in pdf_text(response)  # the new data, at once
    assert jobs().count() == before  # nothing left to render


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_list_that_cannot_be_rendered_says_so(client, offers, run_jobs, monkeypatch, expect_errors):
    from django.db import connection

    from offers import tasks

    def broken(*args, **kwargs):
        raise OSError("renderer crashed")

    monkeypatch.setattr(tasks, "render_directory", broken)
    client.get("/directory/pdf/?lang=uk")
    for _try in range(tasks.PDF_RETRY.max_attempts + 1):
        run_jobs()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE status = 'todo'")
    page = client.get("/directory/pdf/?lang=uk").content.decode()
    assert "data-progress" not in page
    assert "Список не вдалося створити" in page  # the message in the page's language

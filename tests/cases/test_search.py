import pytest

from cases.models import Client
from cases.search import document, normalise, skeleton
from tests.factories import make_client, make_household


@pytest.mark.parametrize(
    ("variants"),
    [
        ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed"],
        ["Ahmad", "Ahmed"],
        ["Yusuf", "Youssef", "Yousef", "Jusuf", "Yussuf"],
        ["Hussein", "Husain", "Hussain"],
        ["Khaled", "Khalid"],
        ["Schukri", "Shukri"],
    ],
)
def test_transliteration_variants_share_one_skeleton(variants):
    assert len({skeleton(normalise(v)) for v in variants}) == 1


def test_normalise_removes_case_accents_and_arabic_diacritics():
    assert normalise("Çağrı ÖZDEMİR") == "cagri ozdemir"
    assert normalise("مُحَمَّد") == normalise("محمد")
    assert normalise("أحمد") == normalise("احمد")
    assert normalise("Straße") == "strasse"


def test_document_contains_joined_names():
    doc = document("Abdul Rahman")
    assert " abdulrahman " in doc
    assert " #" + skeleton("abdulrahman") + " " in doc


@pytest.fixture
def people(caseworker):
    return {
        "mohammed": make_client(caseworker, given_names="Muhammad", family_name="Al-Hassan"),
        "abdul": make_client(caseworker, given_names="Abdulrahman", family_name="Darwish"),
        "ahmad": make_client(caseworker, given_names="Ahmed", family_name="Khalil"),
        "yusuf": make_client(
            caseworker,
            given_names="Youssef",
            family_name="Mansour",
            given_names_original="يوسف",
            family_name_original="منصور",
        ),
        "olena": make_client(
            caseworker, given_names="Olena", family_name="Shevchenko", family_name_original="Шевченко"
        ),
        "selam": make_client(caseworker, given_names="Selam", family_name="Haile", given_names_original="ሰላም"),
    }


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("Mohammed", "mohammed"),
        ("mohamad", "mohammed"),
        ("MUHAMMAD al hassan", "mohammed"),
        ("Abdul Rahman", "abdul"),
        ("abdulrahman darwish", "abdul"),
        ("Ahmad", "ahmad"),
        ("Yusuf", "yusuf"),
        ("Jusuf Mansur", "yusuf"),
        ("يوسف", "yusuf"),
        ("منصور", "yusuf"),
        ("Шевченко", "olena"),
        ("ሰላም", "selam"),
        ("ölena", "olena"),
    ],
)
def test_search_finds_a_person_by_the_spellings_caseworkers_type(people, query, who):
    found = set(Client.objects.search(query))
    assert people[who] in found


def test_search_does_not_find_unrelated_people(people):
    found = set(Client.objects.search("Olena"))
    assert found == {people["olena"]}


def test_search_by_bg_number_and_customer_number(caseworker):
    household = make_household("06431BG0012345")
    a = make_client(caseworker, household=household)
    b = make_client(caseworker, family_name="Other", kjc_customer_number="123D456789")
    assert list(Client.objects.search("06431 bg 0012345")) == [a]
    assert list(Client.objects.search("123d456789")) == [b]


def test_search_with_only_punctuation_finds_nothing(people):
    assert list(Client.objects.search("%%% ---")) == []

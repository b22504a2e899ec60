"""Fictitious demo district: the twelve municipalities of the Odenwaldkreis and about 150
clients in households, with names from the main countries of origin in both scripts."""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User

from .models import (
    Case,
    Client,
    ClientLanguage,
    Consent,
    Contact,
    DataCategory,
    Document,
    FollowUp,
    Gender,
    Goal,
    Household,
    HouseholdRelation,
    Language,
    Municipality,
    ResidenceStatus,
    Topic,
)

MUNICIPALITIES = [
    ("Bad König", "64732"),
    ("Breuberg", "64747"),
    ("Brensbach", "64395"),
    ("Brombachtal", "64753"),
    ("Erbach", "64711"),
    ("Fränkisch-Crumbach", "64407"),
    ("Höchst i. Odw.", "64739"),
    ("Lützelbach", "64750"),
    ("Michelstadt", "64720"),
    ("Mossautal", "64756"),
    ("Oberzent", "64760"),
    ("Reichelsheim", "64385"),
]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Am Marktplatz", "Lindenweg", "Odenwaldstraße", "Gartenweg"]

# (country, language code, residence statuses, male given, female given, family names) with (Latin, original)
ORIGINS = [
    (
        "SY",
        "ar",
        [ResidenceStatus.PERMIT, ResidenceStatus.SETTLEMENT, ResidenceStatus.PERMISSION],
        [
            ("Mohammed", "محمد"),
            ("Ahmad", "أحمد"),
            ("Yusuf", "يوسف"),
            ("Abdulrahman", "عبد الرحمن"),
            ("Khaled", "خالد"),
            ("Omar", "عمر"),
            ("Hussein", "حسين"),
            ("Mahmoud", "محمود"),
            ("Samer", "سامر"),
            ("Ali", "علي"),
        ],
        [
            ("Fatima", "فاطمة"),
            ("Aisha", "عائشة"),
            ("Rasha", "رشا"),
            ("Noor", "نور"),
            ("Lina", "لينا"),
            ("Amal", "أمل"),
            ("Hiba", "هبة"),
            ("Maryam", "مريم"),
            ("Zainab", "زينب"),
            ("Rania", "رانيا"),
        ],
        [
            ("Al-Hassan", "الحسن"),
            ("Haddad", "حداد"),
            ("Khalil", "خليل"),
            ("Darwish", "درويش"),
            ("Hamdan", "حمدان"),
            ("Suleiman", "سليمان"),
            ("Kassem", "قاسم"),
            ("Nasser", "ناصر"),
            ("Mansour", "منصور"),
            ("Al-Ahmad", "الأحمد"),
        ],
    ),
    (
        "AF",
        "prs",
        [ResidenceStatus.PERMIT, ResidenceStatus.PERMISSION, ResidenceStatus.TOLERATION],
        [
            ("Ahmad Shah", "احمد شاه"),
            ("Mohammad Nabi", "محمد نبی"),
            ("Farid", "فرید"),
            ("Jawad", "جواد"),
            ("Habib", "حبیب"),
            ("Rahim", "رحیم"),
        ],
        [
            ("Zahra", "زهرا"),
            ("Parwana", "پروانه"),
            ("Nargis", "نرگس"),
            ("Fereshta", "فرشته"),
            ("Marzia", "مرضیه"),
            ("Shabnam", "شبنم"),
        ],
        [
            ("Ahmadi", "احمدی"),
            ("Hakimi", "حکیمی"),
            ("Rahimi", "رحیمی"),
            ("Sultani", "سلطانی"),
            ("Noori", "نوری"),
            ("Karimi", "کریمی"),
        ],
    ),
    (
        "ER",
        "ti",
        [ResidenceStatus.PERMIT, ResidenceStatus.PERMISSION],
        [("Tesfay", "ተስፋይ"), ("Yonas", "ዮናስ"), ("Dawit", "ዳዊት"), ("Berhane", "በርሀነ"), ("Samuel", "ሳሙኤል")],
        [("Selam", "ሰላም"), ("Helen", "ሄለን"), ("Senait", "ሰናይት"), ("Rahel", "ራሄል"), ("Miriam", "ሚርያም")],
        [
            ("Tesfamariam", "ተስፋማርያም"),
            ("Ghebremedhin", "ገብረመድህን"),
            ("Haile", "ሃይለ"),
            ("Kidane", "ኪዳነ"),
            ("Woldu", "ወልዱ"),
        ],
    ),
    (
        "UA",
        "uk",
        [ResidenceStatus.TEMPORARY_PROTECTION],
        [
            ("Oleksandr", "Олександр"),
            ("Andrii", "Андрій"),
            ("Dmytro", "Дмитро"),
            ("Serhii", "Сергій"),
            ("Mykola", "Микола"),
        ],
        [("Olena", "Олена"), ("Iryna", "Ірина"), ("Tetiana", "Тетяна"), ("Nataliia", "Наталія"), ("Oksana", "Оксана")],
        [
            ("Shevchenko", "Шевченко"),
            ("Kovalenko", "Коваленко"),
            ("Bondarenko", "Бондаренко"),
            ("Tkachenko", "Ткаченко"),
            ("Melnyk", "Мельник"),
        ],
    ),
    (
        "SO",
        "so",
        [ResidenceStatus.PERMIT, ResidenceStatus.PERMISSION],
        [("Abdi", ""), ("Abdullahi", ""), ("Mohamed", ""), ("Yusuf", "")],
        [("Hodan", ""), ("Fadumo", ""), ("Asha", ""), ("Hawa", "")],
        [("Farah", ""), ("Warsame", ""), ("Hassan", ""), ("Omar", "")],
    ),
    (
        "IQ",
        "ku",
        [ResidenceStatus.PERMIT, ResidenceStatus.TOLERATION],
        [("Azad", ""), ("Baran", ""), ("Dilshad", ""), ("Rebwar", "")],
        [("Dilan", ""), ("Rojin", ""), ("Berivan", ""), ("Nesrin", "")],
        [("Xelîl", ""), ("Murad", ""), ("Ibrahim", ""), ("Silo", "")],
    ),
]

CONTACT_NOTES = [
    "Termin im KJC vorbereitet, Unterlagen gesichtet.",
    "Anmeldung Sprachkurs besprochen.",
    "Gemeinsam BuT-Antrag für Klassenfahrt ausgefüllt.",
    "Hausbesuch: Familie gut angekommen, Kinder in Kita und Schule.",
    "Telefonat wegen Bescheid, Widerspruchsfrist erklärt.",
    "Vereinsanmeldung Fußball für den Sohn besprochen.",
    "Schwimmkurs für Frauen vorgestellt, großes Interesse.",
    "Bewerbungsunterlagen überarbeitet.",
]
FOLLOWUP_TEXTS = [
    "Aufenthaltstitel: Verlängerung nachfragen",
    "BuT-Bescheid prüfen",
    "Rückmeldung Sprachkursträger",
    "Termin Eingliederungsteam KJC",
    "Einwilligung erneuern",
    "Nachfragen: Anmeldung Sportverein",
]
GOALS = [
    ("Deutschkurs B1 abschließen", Topic.LANGUAGE),
    ("Mitgliedschaft im Sportverein", Topic.LEISURE),
    ("Ausbildungsplatz finden", Topic.WORK),
    ("BuT-Leistungen für alle Kinder beantragen", Topic.BUT),
    ("Eigene Wohnung finden", Topic.HOUSING),
]


# A tiny valid one-page PDF for the demo documents.
def _demo_document(client, user, title: str, kind: str) -> Document:
    document = Document(
        client=client,
        title=title,
        kind=kind,
        original_name="scan.pdf",
        content_type="application/pdf",
        size=len(DEMO_PDF),
        sha256="",
        uploaded_by=user,
    )
    document.file.save("upload", ContentFile(DEMO_PDF), save=False)
    document.save()
    return document


DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def demo_municipalities() -> dict[str, Municipality]:
    """The twelve municipalities of the demo district, created on first use (all seeds share them)."""
    return {
        name: Municipality.objects.get_or_create(name=name, defaults={"postcodes": postcode})[0]
        for name, postcode in MUNICIPALITIES
    }


def seed(stdout=None) -> None:
    rng = random.Random(2018)  # the year of the seed article: the same demo on every machine
    today = timezone.localdate()
    municipalities = list(demo_municipalities().values())
    languages = {lang.code: lang for lang in Language.objects.all()}
    german = languages.get("de")
    caseworkers = [User.objects.get(email="fm1@demo.invalid"), User.objects.get(email="fm2@demo.invalid")]

    clients = []
    household_no = 0
    while len(clients) < 150:
        household_no += 1
        country, lang_code, statuses, male, female, families = ORIGINS[household_no % len(ORIGINS)]
        family_latin, family_orig = rng.choice(families)
        municipality = rng.choice(municipalities)
        caseworker = caseworkers[household_no % 2]
        household = Household.objects.create(bg_number=f"06437BG{household_no + 1000:07d}")
        street = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
        status = rng.choice(statuses)
        until = None
        if status != ResidenceStatus.SETTLEMENT:
            until = today + datetime.timedelta(days=rng.choice([12, 25, 45, 120, 300, 500, 700, -20]))
        adults = rng.choice([1, 2, 2, 2])
        children = rng.choice([0, 1, 2, 3, 4])
        members = []
        used_names = set()
        head_male = rng.random() < 0.6
        for i in range(adults + children):
            is_child = i >= adults
            is_male = (head_male if i == 0 else not head_male) if not is_child else rng.random() < 0.5
            pool = [n for n in (male if is_male else female) if n[0] not in used_names] or (male if is_male else female)
            given_latin, given_orig = rng.choice(pool)
            used_names.add(given_latin)
            year = today.year - (rng.randint(1, 17) if is_child else rng.randint(22, 58))
            known_day = rng.random() < 0.75
            client = Client(
                family_name=family_latin,
                given_names=given_latin,
                family_name_original=family_orig,
                given_names_original=given_orig,
                birth_year=year,
                birth_month=rng.randint(1, 12) if known_day or rng.random() < 0.5 else None,
                gender=Gender.MALE if is_male else Gender.FEMALE,
                nationalities=[country],
                interpreter_needed=not is_child and rng.random() < 0.5,
                residence_status=status,
                residence_valid_until=until,
                street=street,
                postcode=municipality.postcodes.split(",")[0],
                municipality=municipality,
                phone=f"+49 151 {rng.randint(10000000, 99999999)}" if not is_child else "",
                kjc_customer_number=f"{rng.randint(100, 999)}D{rng.randint(100000, 999999)}" if not is_child else "",
                household=household,
                household_relation=HouseholdRelation.HEAD
                if i == 0
                else HouseholdRelation.CHILD
                if is_child
                else HouseholdRelation.PARTNER,
            )
            if client.birth_month and known_day:
                client.birth_day = rng.randint(1, 28)
            if given_latin == "Mohammed" and rng.random() < 0.5:
                client.aliases = "Muhammad\nMohamad"
            client.save()
            if lang_code in languages:
                ClientLanguage.objects.create(client=client, language=languages[lang_code])
            if german and not is_child:
                ClientLanguage.objects.create(client=client, language=german, level=rng.choice(["basic", "good"]))
            case = Case.objects.create(
                client=client,
                caseworker=caseworker,
                opened_on=today - datetime.timedelta(days=rng.randint(10, 700)),
                topics=rng.sample([t.value for t in Topic], 2),
            )
            roll = rng.random()
            if roll < 0.65:
                case.change_status(Case.Status.ACTIVE)
            elif roll < 0.75:
                case.change_status(Case.Status.ACTIVE)
                case.change_status(Case.Status.DORMANT)
            elif roll < 0.8:
                case.change_status(
                    Case.Status.CLOSED, reason=Case.ClosingReason.WORK, on=today - datetime.timedelta(days=5)
                )
            members.append((client, is_child, caseworker))
        clients.extend(members)
        for client, is_child, caseworker in members:
            if is_child:
                continue
            for _n in range(rng.randint(1, 4)):
                Contact.objects.create(
                    client=client,
                    author=caseworker,
                    date=today - datetime.timedelta(days=rng.randint(0, 200)),
                    duration_minutes=rng.choice([15, 30, 45, 60, 90]),
                    channel=rng.choice(list(Contact.Channel)),
                    with_interpreter=client.interpreter_needed,
                    topics=rng.sample([t.value for t in Topic], 1),
                    note=rng.choice(CONTACT_NOTES),
                )
            if rng.random() < 0.7:
                FollowUp.objects.create(
                    client=client,
                    owner=caseworker,
                    due_on=today + datetime.timedelta(days=rng.choice([-9, -3, -1, 0, 2, 5, 6, 14, 30])),
                    text=rng.choice(FOLLOWUP_TEXTS),
                )
            if rng.random() < 0.5:
                title, topic = rng.choice(GOALS)
                Goal.objects.create(
                    client=client, title=title, topic=topic, created_by=caseworker, status=rng.choice(list(Goal.Status))
                )
            if rng.random() < 0.8:
                given = today - datetime.timedelta(days=rng.randint(20, 400))
                consent = Consent.objects.create(
                    client=client,
                    recipient_kind=Consent.RecipientKind.KJC,
                    data_categories=[DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.BENEFITS],
                    purpose="Abstimmung mit dem KJC über Integrationsmaßnahmen",
                    given_on=given,
                    valid_until=today + datetime.timedelta(days=rng.choice([20, 200, 365])),
                    created_by=caseworker,
                )
                # Half of them with the scan of the signed form (the loop closed), half still to
                # print and sign ("Formular zum Unterschreiben", "Unterschriebenen Scan hochladen").
                if given.toordinal() % 2:
                    consent.scan = _demo_document(
                        client, caseworker, f"Einwilligung vom {given:%d.%m.%Y}", Document.Kind.CONSENT
                    )
                    consent.save()
    for client, _is_child, caseworker in rng.sample(clients, 12):
        title = rng.choice(["Bescheid KJC", "Aufenthaltstitel (Kopie)", "Schulbescheinigung"])
        _demo_document(client, caseworker, title, Document.Kind.DECISION)
    if stdout:
        stdout.write(f"  cases: {len(clients)} clients in {household_no} households")

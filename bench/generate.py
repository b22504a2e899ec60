"""Synthetic district data at any scale, for benchmarks: `generate(clients=1_000_000)`.

    from bench.generate import generate
    summary = generate(clients=100_000)          # into the database Django is configured for

Made for an empty, migrated database (bench/scale.py creates one). Realistic names: the common
names of the main countries of origin with their frequent Latin spellings (Mohammed / Muhammad /
Mohamad / Mohamed, Ahmad / Ahmed, Yusuf / Youssef / Jusuf, Haddad / Hadad next to Haidari and
Hodan …), in Arabic, Dari or Cyrillic script as well, and a long tail of rarer family names; Zipf
frequencies. Households with BG numbers (1–7 members), one case per person over `caseworkers`
caseworkers (a fifth of them closed), contacts, follow-ups (some overdue, some done), consents (some
ending soon), residence permits (some ending soon), offers and referrals, volunteers with
assignments, consents naming them and Vollmachten, and portal logins for some volunteers.

Speed: people, households and search terms are streamed with PostgreSQL COPY, everything hanging
off them is inserted set-based (INSERT … SELECT over the people, with a hash of the id as the dice).
Derived fields go through the project's own functions — cases.search.document and .terms (the
search document and index terms, exactly what Client.save stores), normalise_bg_number and
normalise_kjc_number — computed once per distinct name (names repeat, so a million people cost a
few thousand calls). Master data with few rows (users, offers, volunteers, Vollmachten) goes
through the ORM. History rows are not generated (the records are "imported").

Logins (password `bench`): teamleitung@bench.invalid, fm01…fmNN@bench.invalid (caseworkers),
admin@bench.invalid, ehrenamt01…@bench.invalid (volunteers with a running assignment).
"""

import contextlib
import datetime
import functools
import itertools
import random
import re
import time
import uuid

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

PASSWORD = "bench"  # noqa: S105 - the synthetic logins of a benchmark database
BG_DISTRICTS = ["06431", "06432", "06433", "06434", "06435", "06436", "06437", "06438", "06439", "06440"]

# Given names per origin: (weight, [Latin spellings with weights], original script or "").
# The first spelling is the most frequent; the others are the variants caseworkers meet in files.
SPELLINGS = {
    "mohammed": ([("Mohammed", 5), ("Muhammad", 4), ("Mohamad", 3), ("Mohamed", 3), ("Muhammed", 1)], "محمد"),
    "ahmad": ([("Ahmad", 5), ("Ahmed", 4)], "أحمد"),
    "yusuf": ([("Yusuf", 4), ("Youssef", 3), ("Yousef", 2), ("Jusuf", 1), ("Yussuf", 1)], "يوسف"),
    "hussein": ([("Hussein", 4), ("Husain", 2), ("Hussain", 3)], "حسين"),
    "khaled": ([("Khaled", 4), ("Khalid", 3)], "خالد"),
    "mahmoud": ([("Mahmoud", 4), ("Mahmud", 2)], "محمود"),
    "omar": ([("Omar", 5), ("Umar", 1)], "عمر"),
    "ali": ([("Ali", 6)], "علي"),
    "abdulrahman": ([("Abdulrahman", 3), ("Abdul Rahman", 2), ("Abdelrahman", 1)], "عبد الرحمن"),
    "ibrahim": ([("Ibrahim", 5), ("Ebrahim", 1)], "إبراهيم"),
    "mustafa": ([("Mustafa", 4), ("Mostafa", 3)], "مصطفى"),
    "hassan": ([("Hassan", 5), ("Hasan", 3)], "حسن"),
    "samer": ([("Samer", 3)], "سامر"),
    "karim": ([("Karim", 3), ("Kareem", 1)], "كريم"),
    "fatima": ([("Fatima", 5), ("Fatma", 2), ("Fatimah", 1)], "فاطمة"),
    "aisha": ([("Aisha", 4), ("Aysha", 2), ("Aischa", 1)], "عائشة"),
    "maryam": ([("Maryam", 4), ("Mariam", 3), ("Miriam", 1)], "مريم"),
    "zainab": ([("Zainab", 4), ("Zeinab", 2)], "زينب"),
    "noor": ([("Noor", 3), ("Nour", 3), ("Nur", 1)], "نور"),
    "rania": ([("Rania", 3), ("Ranya", 1)], "رانيا"),
    "hiba": ([("Hiba", 3), ("Heba", 2)], "هبة"),
    "amal": ([("Amal", 3)], "أمل"),
    "layla": ([("Layla", 3), ("Leila", 2), ("Laila", 2)], "ليلى"),
    "sara": ([("Sara", 4), ("Sarah", 3)], "سارة"),
    # Afghanistan (Dari script)
    "mohammad nabi": ([("Mohammad Nabi", 2), ("Muhammad Nabi", 1)], "محمد نبی"),
    "ahmad shah": ([("Ahmad Shah", 2), ("Ahmadshah", 1)], "احمد شاه"),
    "farid": ([("Farid", 3), ("Fareed", 1)], "فرید"),
    "jawad": ([("Jawad", 3), ("Javad", 2)], "جواد"),
    "habib": ([("Habib", 3), ("Habibullah", 1)], "حبیب"),
    "rahim": ([("Rahim", 3), ("Raheem", 1)], "رحیم"),
    "zahra": ([("Zahra", 4), ("Sahra", 1)], "زهرا"),
    "fereshta": ([("Fereshta", 2), ("Freshta", 2)], "فرشته"),
    "mariam": ([("Mariam", 3), ("Maryam", 2)], "مریم"),
    "parwana": ([("Parwana", 2), ("Parvana", 1)], "پروانه"),
    # Ukraine (Cyrillic)
    "oleksandr": ([("Oleksandr", 4), ("Alexander", 2), ("Oleksander", 1)], "Олександр"),
    "andrii": ([("Andrii", 3), ("Andriy", 2), ("Andrij", 1)], "Андрій"),
    "serhii": ([("Serhii", 3), ("Sergii", 1), ("Serhiy", 1)], "Сергій"),
    "dmytro": ([("Dmytro", 3), ("Dmitro", 1)], "Дмитро"),
    "olena": ([("Olena", 4), ("Elena", 1)], "Олена"),
    "iryna": ([("Iryna", 4), ("Irina", 2)], "Ірина"),
    "nataliia": ([("Nataliia", 3), ("Natalia", 2), ("Natalija", 1)], "Наталія"),
    "tetiana": ([("Tetiana", 3), ("Tetyana", 2), ("Tatiana", 1)], "Тетяна"),
    "yuliia": ([("Yuliia", 3), ("Julia", 2), ("Yulia", 2)], "Юлія"),
    # Eritrea, Somalia, Türkiye, Iraq
    "tesfaye": ([("Tesfaye", 3), ("Tesfay", 1)], "ተስፋየ"),
    "selam": ([("Selam", 3), ("Salam", 1)], "ሰላም"),
    "yonas": ([("Yonas", 3), ("Jonas", 1)], "ዮናስ"),
    "abdi": ([("Abdi", 3)], ""),
    "hodan": ([("Hodan", 2)], ""),
    "mehmet": ([("Mehmet", 4), ("Mehmed", 1)], ""),
    "ayse": ([("Ayşe", 3), ("Ayse", 2)], ""),
    "emre": ([("Emre", 2)], ""),
}
ORIGINS = [  # (country, weight, male given names, female given names, common family names)
    (
        "SY",
        30,
        ["mohammed", "ahmad", "yusuf", "hussein", "khaled", "mahmoud", "omar", "ali", "abdulrahman", "ibrahim"],
        ["fatima", "aisha", "maryam", "zainab", "noor", "rania", "hiba", "amal", "layla", "sara"],
        [
            ("Haddad", "حداد"),
            ("Hadad", "حداد"),
            ("Al-Hassan", "الحسن"),
            ("Khalil", "خليل"),
            ("Darwish", "درويش"),
            ("Hamdan", "حمدان"),
            ("Suleiman", "سليمان"),
            ("Kassem", "قاسم"),
            ("Nasser", "ناصر"),
            ("Mansour", "منصور"),
            ("Al-Ahmad", "الأحمد"),
            ("Mahmoud", "محمود"),
            ("Hussein", "حسين"),
            ("Ibrahim", "إبراهيم"),
        ],
    ),
    (
        "AF",
        20,
        ["mohammad nabi", "ahmad shah", "farid", "jawad", "habib", "rahim", "mohammed", "ali", "mustafa", "hassan"],
        ["zahra", "fereshta", "mariam", "parwana", "fatima", "layla", "sara"],
        [
            ("Haidari", "حیدری"),
            ("Ahmadi", "احمدی"),
            ("Rahimi", "رحیمی"),
            ("Karimi", "کریمی"),
            ("Nazari", "نظری"),
            ("Sultani", "سلطانی"),
            ("Mohammadi", "محمدی"),
            ("Hashimi", "هاشمی"),
            ("Sadat", "سادات"),
            ("Popal", "پوپل"),
        ],
    ),
    (
        "UA",
        20,
        ["oleksandr", "andrii", "serhii", "dmytro"],
        ["olena", "iryna", "nataliia", "tetiana", "yuliia"],
        [
            ("Shevchenko", "Шевченко"),
            ("Kovalenko", "Коваленко"),
            ("Bondarenko", "Бондаренко"),
            ("Tkachenko", "Ткаченко"),
            ("Kravchenko", "Кравченко"),
            ("Boyko", "Бойко"),
            ("Melnyk", "Мельник"),
            ("Kovalchuk", "Ковальчук"),
        ],
    ),
    (
        "IQ",
        10,
        ["mohammed", "ali", "hussein", "hassan", "mustafa", "karim", "omar"],
        ["fatima", "zainab", "maryam", "noor", "sara"],
        [("Al-Jubouri", "الجبوري"), ("Al-Obaidi", "العبيدي"), ("Hamad", "حمد"), ("Saleh", "صالح"), ("Jasim", "جاسم")],
    ),
    ("ER", 8, ["tesfaye", "yonas"], ["selam"], [("Haile", "ሃይለ"), ("Tesfamariam", "ተስፋማርያም"), ("Gebremedhin", "")]),
    ("SO", 5, ["abdi", "mohammed", "ahmad"], ["hodan", "fatima"], [("Hodan", ""), ("Warsame", ""), ("Farah", "")]),
    (
        "TR",
        7,
        ["mehmet", "emre", "mustafa", "ibrahim"],
        ["ayse", "fatima"],
        [("Yılmaz", ""), ("Kaya", ""), ("Demir", "")],
    ),
]
# The long tail of family names: root × ending per origin (some thousand different names).
TAIL = {
    "SY": (
        ["Al-"],
        [
            "Masri",
            "Halabi",
            "Shami",
            "Homsi",
            "Hamwi",
            "Idlibi",
            "Daraawi",
            "Raqqawi",
            "Zoubi",
            "Khatib",
            "Najjar",
            "Attar",
            "Sabbagh",
            "Kurdi",
            "Turk",
            "Hakim",
            "Sayed",
            "Bakri",
            "Rifai",
            "Jundi",
        ],
        ["", "i", "a"],
    ),
    "AF": (
        [""],
        [
            "Amir",
            "Noor",
            "Wali",
            "Qadir",
            "Sami",
            "Zaman",
            "Rahman",
            "Gul",
            "Jan",
            "Samad",
            "Bashir",
            "Hamid",
            "Latif",
            "Majid",
            "Nasir",
            "Qasim",
            "Rashid",
            "Shafiq",
            "Tahir",
            "Yar",
        ],
        ["i", "zai", "yar", "khil", "zada"],
    ),
    "UA": (
        [""],
        [
            "Petr",
            "Ivan",
            "Koval",
            "Mel",
            "Sav",
            "Hrytz",
            "Lys",
            "Moroz",
            "Pavl",
            "Tymosh",
            "Kuz",
            "Vasyl",
            "Bil",
            "Rud",
            "Shvets",
            "Marty",
            "Oliin",
            "Ostap",
            "Zhuk",
            "Dan",
        ],
        ["enko", "chuk", "yk", "ov", "ova", "ets"],
    ),
    "IQ": (
        ["Al-"],
        ["Dulaimi", "Tamimi", "Shammari", "Rubaie", "Saadi", "Janabi", "Zubaidi", "Khafaji", "Maliki", "Hashimi"],
        ["", "y"],
    ),
    "ER": (["Gebre", "Tesfa", "Habte", "Kidane", "Weldu"], ["mariam", "michael", "selassie", "yesus", "giorgis"], [""]),
    "SO": ([""], ["Abdi", "Hirsi", "Jama", "Nur", "Omar", "Yusuf", "Aden", "Duale"], ["", "ow", "e"]),
    "TR": (
        [""],
        ["Öz", "Çelik", "Şahin", "Aydın", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara"],
        ["", "türk", "can", "oğlu"],
    ),
}
STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Am Marktplatz", "Lindenweg", "Odenwaldstraße", "Gartenweg"]
RESIDENCE = ["permit", "s24", "settlement", "gestattung", "duldung", "other"]


def _zipf(n: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(n)]


class _Names:
    """Draws (given, given original, family, family original) with realistic frequencies."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.origins = [o[0] for o in ORIGINS]
        self.origin_weights = list(itertools.accumulate(o[1] for o in ORIGINS))
        self.spellings = {
            key: ([s for s, _w in spellings], list(itertools.accumulate(w for _s, w in spellings)), original)
            for key, (spellings, original) in SPELLINGS.items()
        }
        self.by_origin = {}
        for country, _weight, male, female, common in ORIGINS:
            prefixes, roots, endings = TAIL[country]
            tail = [(f"{p}{r}{e}", "") for p in prefixes for r in roots for e in endings]
            family = common + tail
            # the common names carry about half of all people, the tail the rest
            weights = _zipf(len(common)) + [sum(_zipf(len(common))) / len(tail)] * len(tail)
            self.by_origin[country] = (
                (male, list(itertools.accumulate(_zipf(len(male))))),
                (female, list(itertools.accumulate(_zipf(len(female))))),
                family,
                list(itertools.accumulate(weights)),
            )

    def origin(self) -> str:
        return self.rng.choices(self.origins, cum_weights=self.origin_weights)[0]

    def person(self, origin: str, female: bool, family: tuple[str, str] | None = None):
        male, female_names, families, weights = self.by_origin[origin]
        names, cumulative = female_names if female else male
        spellings, spelling_weights, given_original = self.spellings[self.rng.choices(names, cum_weights=cumulative)[0]]
        given = self.rng.choices(spellings, cum_weights=spelling_weights)[0]
        family = family or self.rng.choices(families, cum_weights=weights)[0]
        return given, given_original, family[0], family[1]


@functools.lru_cache(maxsize=200_000)
def _derived(family: str, given: str, family_original: str, given_original: str) -> tuple[str, tuple[str, ...]]:
    """Search document and index terms, exactly as Client.save computes them (cases.search)."""
    from cases import search
    from cases.models import search_texts

    texts = search_texts(
        family_name=family, given_names=given, family_name_original=family_original, given_names_original=given_original
    )
    return search.document(*texts), tuple(sorted(search.terms(*texts)))


@functools.lru_cache(maxsize=200_000)
def _term_lines(
    family: str, given: str, family_original: str, given_original: str, caseworkers: str
) -> tuple[str, ...]:
    """COPY lines of cases_clientsearchterm without the leading client id (`caseworkers`: the
    array of the person's caseworkers in COPY's text format)."""
    _document, terms = _derived(family, given, family_original, given_original)
    return tuple(f"\t{_copy_text(term)}\t{_copy_text(family)}\t{_copy_text(given)}\t{caseworkers}\n" for term in terms)


_SPECIAL = re.compile(r"[\\\t\n\r]")


def _copy_text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    value = str(value)
    if _SPECIAL.search(value):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _copy_line(row) -> str:
    return "\t".join(map(_copy_text, row)) + "\n"


def _copy(cursor, table: str, columns: list[str], lines: list[str]) -> None:
    """Stream COPY text lines into `table`."""
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for start in range(0, len(lines), 10_000):
            copy.write("".join(lines[start : start + 10_000]))


BULK_TABLES = [
    "cases_household",
    "cases_client",
    "cases_clientsearchterm",
    "cases_case",
    "cases_contact",
    "cases_followup",
    "cases_consent",
    "offers_referral",
]


@contextlib.contextmanager
def _indexes_built_afterwards(tables):
    """Drop the plain (non-constraint) indexes and the foreign keys of `tables`, and add them again
    at the end: one index build and one foreign-key check per table after loading are many times
    faster than maintaining them row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
            """,
            [tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')  # nosec B608 -- names read from pg_catalog, not input
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')  # nosec B608 -- names read from pg_catalog, not input
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')  # nosec B608 -- names read from pg_catalog, not input


#: The triggers that keep derived values of the cases (cases migrations 0014, 0018, 0021): row by
#: row they would look up the cases of every person loaded (with the indexes dropped, a scan each).
#: The load writes those values itself, and counts the open cases once at the end.
CASE_TRIGGERS = {
    "cases_client": ["cases_client_caseworkers", "cases_client_count_restriction"],
    "cases_clientsearchterm": ["cases_term_caseworkers"],
    "cases_case": [
        "cases_case_terms_insert",
        "cases_case_terms_update",
        "cases_case_terms_delete",
        "cases_case_count_insert",
        "cases_case_count_update",
        "cases_case_count_delete",
    ],
}


@contextlib.contextmanager
def _derived_by_the_load():
    """The case triggers off during the load (inside its transaction); the open-case counts
    counted at the end, as migration 0021 does."""
    with connection.cursor() as cursor:
        for table, triggers in CASE_TRIGGERS.items():
            for trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")  # nosec B608 -- names above
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_opencasecount")
        cursor.execute(
            "INSERT INTO cases_opencasecount (caseworker_id, status, n)"
            " SELECT c.caseworker_id, c.status, count(*) FROM cases_case c JOIN cases_client p ON p.id = c.client_id"
            " WHERE c.status <> 'closed' AND p.restricted_at IS NULL GROUP BY 1, 2"
        )
        for table, triggers in CASE_TRIGGERS.items():
            for trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")  # nosec B608 -- names above


def _say(out, started, text):
    if out is not None:
        out.write(f"[{time.monotonic() - started:6.1f} s] {text}\n")
        out.flush()


def generate(*, clients: int = 10_000, caseworkers: int = 20, seed: int = 13, out=None) -> dict:
    """Fill the (empty, migrated) database with `clients` synthetic people and what hangs off them.
    Returns a summary: counts, the bench users' e-mail addresses and a few sample values."""
    from accounts.models import Role, User
    from authorisations.models import Authorisation, new_short_code, new_token
    from cases.demo import MUNICIPALITIES
    from cases.models import Municipality, normalise_bg_number, normalise_kjc_number
    from offers.models import Category, Offer, Provider
    from volunteers.models import Volunteer

    started = time.monotonic()
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    password = make_password(PASSWORD)

    with transaction.atomic(), _indexes_built_afterwards(BULK_TABLES), _derived_by_the_load():
        # ---- master data and users (few rows: ORM) ----------------------------------------
        municipalities = [
            Municipality.objects.get_or_create(name=n, defaults={"postcodes": p})[0] for n, p in MUNICIPALITIES
        ]
        users = [
            User(email="admin@bench.invalid", full_name="Admin Bench", role=Role.ADMIN, is_superuser=True),
            User(email="teamleitung@bench.invalid", full_name="Teamleitung Bench", role=Role.TEAMLEAD),
        ] + [
            User(email=f"fm{i:02d}@bench.invalid", full_name=f"Fallmanager:in {i:02d}", role=Role.CASEWORKER)
            for i in range(1, caseworkers + 1)
        ]
        for user in users:
            user.password = password
        User.objects.bulk_create(users)
        staff = {u.email: u for u in User.objects.filter(email__endswith="@bench.invalid")}
        worker_ids = [staff[f"fm{i:02d}@bench.invalid"].pk for i in range(1, caseworkers + 1)]
        _say(out, started, f"users: {len(users)}")

        names = _Names(rng)
        n_households = 0
        household_rows, client_rows, term_rows = [], [], []
        people = 0
        sample = {}
        while people < clients:
            origin = names.origin()
            size = min(clients - people, rng.choices([1, 2, 3, 4, 5, 6, 7], [30, 18, 15, 15, 12, 6, 4])[0])
            household_id = None
            if size > 1 or rng.random() < 0.7:
                n_households += 1
                household_id = n_households
                district = BG_DISTRICTS[n_households % len(BG_DISTRICTS)]
                spaced = (
                    f"{district} bg {n_households:07d}" if n_households % 3 == 0 else f"{district}BG{n_households:07d}"
                )
                bg_number = normalise_bg_number(spaced)
                household_rows.append(_copy_line((household_id, 1, bg_number, "", now)))
            head_female = rng.random() < 0.35
            family = None
            municipality = rng.choice(municipalities)
            street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
            postcode = municipality.postcodes.split(",")[0].strip()
            for member in range(size):
                female = head_female if member == 0 else (not head_female if member == 1 else rng.random() < 0.5)
                given, given_original, family_name, family_original = names.person(origin, female, family)
                family = (family_name, family_original)
                relation = "head" if member == 0 else ("partner" if member == 1 else "child")
                birth_year = rng.randint(1955, 2003) if member < 2 else rng.randint(2005, 2024)
                client_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                # the caseworker of the person's case (below), written with the person and their
                # terms as the database's triggers would (they are off during the load)
                caseworker_ids = f"{{{worker_ids[uuid.UUID(client_id).int % caseworkers]}}}"
                document, _terms = _derived(family_name, given, family_original, given_original)
                kjc = normalise_kjc_number(f"{people % 997:03d}D {people:07d}") if member < 2 else ""
                if rng.random() < 0.08:
                    valid_until = today + datetime.timedelta(days=rng.randint(-60, 30))
                else:
                    valid_until = today + datetime.timedelta(days=rng.randint(31, 1500))
                client_rows.append(
                    _copy_line(
                        (
                            client_id,
                            family_name,
                            given,
                            family_original,
                            given_original,
                            "",
                            rng.randint(1, 28),
                            rng.randint(1, 12),
                            birth_year,
                            "female" if female else "male",
                            origin,
                            member == 0 and rng.random() < 0.4,
                            rng.choice(RESIDENCE),
                            valid_until,
                            street,
                            postcode,
                            municipality.pk,
                            "",
                            "",
                            kjc,
                            household_id,
                            relation if household_id else "",
                            document,
                            1,
                            now,
                            now,
                            caseworker_ids,
                        )
                    )
                )
                term_rows.extend(
                    client_id + line
                    for line in _term_lines(family_name, given, family_original, given_original, caseworker_ids)
                )
                if people == clients // 2:
                    sample = {
                        "client": client_id,
                        "given": given,
                        "family": family_name,
                        "kjc": kjc,
                        "bg": bg_number if household_id else "",
                    }
                people += 1
            if len(client_rows) >= 50_000 or people >= clients:
                _flush(household_rows, client_rows, term_rows)
                _say(out, started, f"people: {people}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('cases_household', 'id'), %s)", [n_households + 1])

        # ---- cases and what hangs off the people (set-based) ---------------------------------
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO cases_case (client_id, caseworker_id, status, opened_on, closed_on, closing_reason,
                                        closing_note, topics)
                SELECT c.id, c.caseworker_ids[1],
                       CASE WHEN abs(hashtext(c.id::text)) / 20 %% 10 < 2 THEN 'closed' WHEN abs(hashtext(c.id::text)) / 20 %% 10 < 3 THEN 'intake'
                            WHEN abs(hashtext(c.id::text)) / 20 %% 10 < 4 THEN 'dormant' ELSE 'active' END,
                       %(today)s::date - (abs(hashtext(c.id::text)) %% 1500),
                       CASE WHEN abs(hashtext(c.id::text)) / 20 %% 10 < 2 THEN %(today)s::date - (abs(hashtext(c.id::text)) %% 30) END,
                       CASE WHEN abs(hashtext(c.id::text)) / 20 %% 10 < 2 THEN 'goals_reached' ELSE '' END, '', '{language,work}'
                FROM cases_client c
                """,
                {"today": today},
            )
            _say(out, started, f"cases: {cursor.rowcount}")
            cursor.execute(
                """
                INSERT INTO cases_contact (client_id, author_id, from_volunteer, date, duration_minutes, channel,
                                           with_interpreter, topics, note, created_at)
                SELECT k.client_id, k.caseworker_id, false, %(today)s::date - ((n * 37 + abs(hashtext(c.id::text))) %% 700), 30,
                       'in_person', false, '{work}', 'Beratung zu Arbeit und Sprachkurs', %(now)s
                FROM cases_case k JOIN cases_client c ON c.id = k.client_id
                CROSS JOIN LATERAL generate_series(1, abs(hashtext(c.id::text)) %% 4) n
                """,
                {"today": today, "now": now},
            )
            _say(out, started, f"contacts: {cursor.rowcount}")
            cursor.execute(
                """
                INSERT INTO cases_followup (client_id, owner_id, due_on, text, done_at, done_by_id, created_at)
                SELECT k.client_id, k.caseworker_id, %(today)s::date + (abs(hashtext(c.id::text)) / 7 %% 150) - 30,
                       'Bescheid prüfen', CASE WHEN abs(hashtext(c.id::text)) %% 10 < 3 THEN %(now)s END,
                       CASE WHEN abs(hashtext(c.id::text)) %% 10 < 3 THEN k.caseworker_id END, %(now)s
                FROM cases_case k JOIN cases_client c ON c.id = k.client_id
                WHERE k.status <> 'closed' AND abs(hashtext(c.id::text)) / 3 %% 10 < 5
                """,
                {"today": today, "now": now},
            )
            _say(out, started, f"follow-ups: {cursor.rowcount}")
            cursor.execute(
                """
                INSERT INTO cases_consent (client_id, recipient_kind, recipient_name, data_categories, purpose, form,
                                           co_signed_by_guardian, given_on, valid_until, revocation_note,
                                           created_by_id, created_at)
                SELECT k.client_id, 'kjc', '', '{identity,benefits}', 'Abstimmung mit dem KJC', 'written', false,
                       %(today)s::date - 400, %(today)s::date + (abs(hashtext(c.id::text)) / 11 %% 400) - 20, '', k.caseworker_id, %(now)s
                FROM cases_case k JOIN cases_client c ON c.id = k.client_id
                WHERE abs(hashtext(c.id::text)) / 13 %% 10 < 3
                """,
                {"today": today, "now": now},
            )
            _say(out, started, f"consents: {cursor.rowcount}")

        # ---- offers and referrals ------------------------------------------------------------
        category = Category.objects.order_by("pk").first() or Category.objects.create(name="Sprache")
        n_providers = max(10, min(300, clients // 3000))
        Provider.objects.bulk_create(Provider(name=f"Träger {i:03d}") for i in range(n_providers))
        providers = list(Provider.objects.order_by("pk"))
        Offer.objects.bulk_create(
            Offer(
                title=f"Angebot {i:04d}",
                category=category,
                provider=providers[i % len(providers)],
                municipality=municipalities[i % len(municipalities)],
                capacity=20,
                active_from=today - datetime.timedelta(days=365),
            )
            for i in range(n_providers * 3)
        )
        offer_ids = list(Offer.objects.order_by("pk").values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO offers_referral (offer_id, client_id, status, note, restriction_override_reason,
                                             suggested_on, created_by_id, created_at, updated_at)
                SELECT (%(offers)s::bigint[])[1 + abs(hashtext(c.id::text)) %% %(n)s], k.client_id, 'suggested', '', '',
                       %(today)s::date - (abs(hashtext(c.id::text)) %% 200), k.caseworker_id, %(now)s, %(now)s
                FROM cases_case k JOIN cases_client c ON c.id = k.client_id
                WHERE k.status <> 'closed' AND abs(hashtext(c.id::text)) / 17 %% 10 < 2
                """,
                {"offers": offer_ids, "n": len(offer_ids), "today": today, "now": now},
            )
            _say(out, started, f"offers: {len(offer_ids)}, referrals: {cursor.rowcount}")

        # ---- volunteers, assignments, consents naming them, Vollmachten -----------------------
        n_volunteers = max(20, min(5000, clients // 200))
        portal = min(10, n_volunteers)
        volunteer_users = [
            User(
                email=f"ehrenamt{i:02d}@bench.invalid",
                full_name=f"Ehrenamt {i:02d}",
                role=Role.VOLUNTEER,
                password=password,
            )
            for i in range(1, portal + 1)
        ]
        User.objects.bulk_create(volunteer_users)
        lead = staff["teamleitung@bench.invalid"].pk
        volunteer_users = list(
            User.objects.filter(role=Role.VOLUNTEER, email__endswith="@bench.invalid").order_by("email")
        )
        Volunteer.objects.bulk_create(
            Volunteer(
                user=volunteer_users[i] if i < portal else None,
                family_name=rng.choice(["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner"]),
                given_names=rng.choice(["Anna", "Peter", "Maria", "Thomas", "Sabine", "Michael", "Julia"]),
                email=f"ehrenamt{i:05d}@bench.invalid",
                status=Volunteer.Status.ACTIVE if i % 5 else Volunteer.Status.PROSPECT,
                police_certificate_issued_on=today - datetime.timedelta(days=200 + i % 1700),
                police_certificate_inspected_on=today - datetime.timedelta(days=190 + i % 1700),
                police_certificate_inspected_by_id=lead,
                police_certificate_result=Volunteer.PoliceCertificateResult.CLEAR,
                confidentiality_signed_on=today - datetime.timedelta(days=180),
            )
            for i in range(n_volunteers)
        )
        volunteer_ids = list(
            Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).order_by("pk").values_list("pk", flat=True)
        )
        with connection.cursor() as cursor:
            # two running assignments per active volunteer, each with a consent naming the volunteer
            cursor.execute(
                """
                CREATE TEMP TABLE bench_pairs ON COMMIT DROP AS
                SELECT v.id AS volunteer_id, c.client_id, c.caseworker_id, row_number() OVER () AS n
                FROM unnest(%(volunteers)s::bigint[]) WITH ORDINALITY AS v(id, i)
                JOIN LATERAL (
                    SELECT k.client_id, k.caseworker_id FROM cases_case k
                    WHERE k.status = 'active' ORDER BY k.id OFFSET (v.i - 1) * 2 LIMIT 2
                ) c ON true
                """,
                {"volunteers": volunteer_ids},
            )
            cursor.execute(
                """
                INSERT INTO volunteers_assignment (volunteer_id, client_id, kind, start_on, note, created_by_id, created_at)
                SELECT volunteer_id, client_id, 'accompaniment', %(start)s, '', caseworker_id, %(now)s FROM bench_pairs
                """,
                {"start": today - datetime.timedelta(days=90), "now": now},
            )
            _say(out, started, f"volunteers: {n_volunteers}, assignments: {cursor.rowcount}")
            cursor.execute(
                """
                INSERT INTO cases_consent (client_id, recipient_kind, recipient_volunteer_id, recipient_name,
                                           data_categories, purpose, form, co_signed_by_guardian, given_on,
                                           revocation_note, created_by_id, created_at)
                SELECT client_id, 'volunteer', volunteer_id, '', '{identity,contact}', 'Begleitung', 'written',
                       false, %(given)s, '', caseworker_id, %(now)s FROM bench_pairs
                """,
                {"given": today - datetime.timedelta(days=90), "now": now},
            )
            cursor.execute("SELECT client_id, volunteer_id, n FROM bench_pairs ORDER BY n")
            pairs = cursor.fetchall()
        Authorisation.objects.bulk_create(
            Authorisation(
                principal_id=client_id,
                agent_id=volunteer_id,
                status=Authorisation.Status.SIGNED if n % 3 else Authorisation.Status.PRINTED,
                valid_from=today - datetime.timedelta(days=80),
                valid_until=today + datetime.timedelta(days=int(n) % 400),
                signed_on=today - datetime.timedelta(days=75) if n % 3 else None,
                printed_at=now - datetime.timedelta(days=int(n) % 40),
                token=new_token(),
                short_code=new_short_code(),
                created_by_id=lead,
            )
            for client_id, volunteer_id, n in pairs
            if n % 2
        )
        _say(out, started, f"Vollmachten: {(len(pairs) + 1) // 2}; building indexes …")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _say(out, started, "analysed")
    return {
        "clients": clients,
        "households": n_households,
        "seconds": round(time.monotonic() - started, 1),
        "teamlead": "teamleitung@bench.invalid",
        "caseworker": "fm01@bench.invalid",
        "volunteer": "ehrenamt01@bench.invalid",
        "sample": sample,
    }


def _flush(household_rows, client_rows, term_rows):
    with connection.cursor() as cursor:
        _copy(cursor, "cases_household", ["id", "edit_version", "bg_number", "note", "created_at"], household_rows)
        _copy(
            cursor,
            "cases_client",
            [
                "id",
                "family_name",
                "given_names",
                "family_name_original",
                "given_names_original",
                "aliases",
                "birth_day",
                "birth_month",
                "birth_year",
                "gender",
                "nationalities",
                "interpreter_needed",
                "residence_status",
                "residence_valid_until",
                "street",
                "postcode",
                "municipality_id",
                "phone",
                "email",
                "kjc_customer_number",
                "household_id",
                "household_relation",
                "search_document",
                "version",
                "created_at",
                "updated_at",
                "caseworker_ids",
            ],
            client_rows,
        )
        _copy(
            cursor,
            "cases_clientsearchterm",
            ["client_id", "term", "family_name", "given_names", "caseworker_ids"],
            term_rows,
        )
    household_rows.clear()
    client_rows.clear()
    term_rows.clear()

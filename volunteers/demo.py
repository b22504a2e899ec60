"""Demo data of the volunteers app (only through `manage.py seed_demo` with WIR_DEMO=1).

About 40 fictitious volunteers in every status; the demo logins ehrenamt1@ and ehrenamt2@ are
linked to volunteer records, each accompanying different clients with a consent naming them
(so their portal shows something); one volunteer is flagged for 30 days without a contact.
Clients come from the cases app's seed; only when there are none, a few are created here.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from cases.demo import demo_municipalities
from cases.models import Case, Client, ClientLanguage, Consent, Contact, Language

from .models import Appointment, Assignment, Training, Volunteer, VolunteerLanguage

# (given names, family name, extra languages as (code, level), status)
VOLUNTEERS = [
    ("Helga", "Berger", [("en", "good")], "active"),
    ("Wolfgang", "Schäfer", [("fr", "basic")], "active"),
    ("Samira", "Haddad", [("ar", "native"), ("en", "fluent")], "active"),
    ("Reza", "Ahmadi", [("fa", "native"), ("prs", "fluent")], "active"),
    ("Ingrid", "Weber", [], "active"),
    ("Klaus", "Hoffmann", [("en", "basic")], "active"),
    ("Olena", "Kovalenko", [("uk", "native"), ("ru", "fluent")], "active"),
    ("Mehmet", "Yılmaz", [("tr", "native"), ("ku", "good")], "active"),
    ("Ursula", "Fischer", [("en", "good"), ("fr", "good")], "active"),
    ("Dieter", "Wagner", [], "active"),
    ("Yonas", "Tesfay", [("ti", "native"), ("am", "fluent")], "active"),
    ("Gisela", "Becker", [("ru", "basic")], "active"),
    ("Hans-Peter", "Schulz", [], "active"),
    ("Leyla", "Karimi", [("fa", "native"), ("ps", "basic")], "active"),
    ("Monika", "Richter", [("en", "fluent")], "active"),
    ("Jürgen", "Klein", [], "active"),
    ("Amal", "Nasser", [("ar", "native")], "active"),
    ("Petra", "Wolf", [("sq", "basic")], "active"),
    ("Bernd", "Neumann", [("pl", "good")], "active"),
    ("Christa", "Schwarz", [("en", "basic")], "active"),
    ("Hamid", "Sultani", [("ps", "native"), ("prs", "good")], "active"),
    ("Renate", "Zimmermann", [], "active"),
    ("Karin", "Braun", [("en", "good")], "active"),
    ("Thomas", "Krüger", [], "active"),
    ("Sabine", "Hartmann", [("fr", "fluent")], "prospect"),
    ("Nour", "Al-Khatib", [("ar", "native"), ("fr", "good")], "prospect"),
    ("Erwin", "Lange", [], "prospect"),
    ("Daria", "Melnyk", [("uk", "native")], "prospect"),
    ("Martin", "Schmitt", [("en", "basic")], "prospect"),
    ("Elke", "Werner", [], "paused"),
    ("Günter", "Krause", [("ru", "good")], "paused"),
    ("Aster", "Gebremedhin", [("ti", "native")], "paused"),
    ("Heike", "Meier", [("en", "good")], "paused"),
    ("Rainer", "Lehmann", [], "paused"),
    ("Brigitte", "Köhler", [("tr", "basic")], "left"),
    ("Walter", "Huber", [], "left"),
    ("Farida", "Rahimi", [("fa", "native")], "left"),
    ("Manfred", "Kaiser", [], "left"),
]

TRAININGS = [
    "Einführung ins Ehrenamt in der Flüchtlingshilfe",
    "Die Vollmacht gegenüber dem KJC (§ 13 SGB X)",
    "Asyl- und Aufenthaltsrecht – Grundlagen",
    "Interkulturelle Kommunikation",
]

FALLBACK_CLIENTS = [
    ("Yousef", "Al-Hassan", "يوسف", "الحسن", 1984, "ar", "Erbach"),
    ("Amina", "Haidari", "آمنه", "حیدری", 1991, "fa", "Michelstadt"),
    ("Tesfaye", "Haile", "ተስፋየ", "ኃይሌ", 1995, "ti", "Bad König"),
    ("Oksana", "Bondarenko", "Оксана", "Бондаренко", 1979, "uk", "Höchst i. Odw."),
    ("Rahim", "Noori", "رحیم", "نوری", 1988, "prs", "Breuberg"),
    ("Layla", "Mahmoud", "ليلى", "محمود", 1993, "ar", "Reichelsheim"),
]


def _demo_email(given, family):
    name = f"{given}.{family}".lower().replace("-", "")
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        name = name.replace(old, new)
    return f"{name}@ehrenamt.demo.invalid"


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _fallback_clients(caseworkers, municipalities, languages):
    """A few fictitious clients, only for a database without the cases app's demo clients."""
    clients = []
    for i, (given, family, given_o, family_o, year, lang, place) in enumerate(FALLBACK_CLIENTS):
        client = Client.objects.create(
            given_names=given,
            family_name=family,
            given_names_original=given_o,
            family_name_original=family_o,
            birth_year=year,
            phone=f"+49 6062 91{i:04d}",
            street=f"Hauptstraße {10 + i}",
            postcode=municipalities[place].postcodes.split(",")[0].strip(),
            municipality=municipalities[place],
        )
        if lang in languages:
            ClientLanguage.objects.create(client=client, language=languages[lang])
        Case.objects.create(client=client, caseworker=caseworkers[i % len(caseworkers)], status=Case.Status.ACTIVE)
        clients.append(client)
    return clients


def seed(stdout=None):
    if Volunteer.objects.exists():
        return
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.invalid")}
    fm1, fm2 = users.get("fm1@demo.invalid"), users.get("fm2@demo.invalid")
    if fm1 is None or fm2 is None:
        _say(stdout, "Ehrenamt: keine Demo-Logins gefunden – übersprungen.")
        return
    rng = random.Random(4)
    today = timezone.localdate()
    municipalities = demo_municipalities()
    languages = {lang.code: lang for lang in Language.objects.all()}
    places = list(municipalities.values())

    def certificate(v, *, issued_days_ago):
        issued = today - datetime.timedelta(days=issued_days_ago)
        v.police_certificate_issued_on = issued
        v.police_certificate_inspected_on = issued + datetime.timedelta(days=14)
        v.police_certificate_inspected_by = fm1
        v.police_certificate_result = Volunteer.PoliceCertificateResult.CLEAR

    volunteers = []
    for i, (given, family, extra, status) in enumerate(VOLUNTEERS):
        v = Volunteer(
            given_names=given,
            family_name=family,
            email=_demo_email(given, family),
            phone=f"+49 6061 7{i:05d}",
            date_of_birth=datetime.date(1945 + (i * 7) % 55, 1 + i % 12, 1 + (i * 3) % 28),
            street=f"Lindenweg {1 + i}",
            town=places[i % len(places)].name,
            postcode=places[i % len(places)].postcodes,
            status=status,
            skills=rng.choice(["Behördengänge", "Hausaufgabenhilfe", "Fahrdienst", "Bewerbungen", "Deutsch üben"]),
            availability_days=sorted(rng.sample(["mon", "tue", "wed", "thu", "fri", "sat"], k=1 + i % 4)),
            availability_note=rng.choice(["vormittags", "nachmittags", "nach Absprache", ""]),
            lay_interpreter=bool(extra) and i % 3 == 0,
        )
        if status in ("active", "paused", "left") and i not in (9, 15):  # two active ones lack a certificate
            certificate(v, issued_days_ago=200 + i * 40)
            v.confidentiality_signed_on = v.police_certificate_inspected_on
        volunteers.append((v, extra))
    # One certificate is due for renewal within the month.
    certificate(volunteers[4][0], issued_days_ago=5 * 365 - 10)

    erika = Volunteer(
        given_names="Erika",
        family_name="Ehrenamt",
        email="ehrenamt1@demo.invalid",
        phone="+49 6062 555101",
        date_of_birth=datetime.date(1956, 4, 12),
        street="Marktplatz 3",
        postcode="64720",
        town="Michelstadt",
        status=Volunteer.Status.ACTIVE,
        skills="Behördengänge, Begleitung zum KJC",
        availability_days=["mon", "wed", "thu"],
        availability_note="vormittags",
        confidentiality_signed_on=today - datetime.timedelta(days=300),
        user=users.get("ehrenamt1@demo.invalid"),
    )
    emil = Volunteer(
        given_names="Emil",
        family_name="Ehrenamt",
        email="ehrenamt2@demo.invalid",
        phone="+49 6062 555102",
        date_of_birth=datetime.date(1961, 9, 30),
        street="Bahnhofstraße 8",
        postcode="64711",
        town="Erbach",
        status=Volunteer.Status.ACTIVE,
        skills="Bewerbungen, Deutsch üben",
        availability_days=["tue", "fri"],
        availability_note="nachmittags",
        lay_interpreter=True,
        confidentiality_signed_on=today - datetime.timedelta(days=200),
        user=users.get("ehrenamt2@demo.invalid"),
    )
    certificate(erika, issued_days_ago=320)
    certificate(emil, issued_days_ago=230)
    volunteers = [(erika, [("en", "good")]), (emil, [("ar", "good"), ("en", "fluent")]), *volunteers]

    for index, (v, extra) in enumerate(volunteers):
        v.save()
        v.municipalities.set(rng.sample(places, k=1 + index % 3))
        if v.town in municipalities and not v.municipalities.filter(name=v.town).exists():
            v.municipalities.add(municipalities[v.town])
        VolunteerLanguage.objects.create(
            volunteer=v, language=languages["de"], level="native"
        ) if "de" in languages else None
        for code, level in extra:
            if code in languages:
                VolunteerLanguage.objects.create(volunteer=v, language=languages[code], level=level)
        if v.status != Volunteer.Status.PROSPECT:
            Training.objects.create(
                volunteer=v,
                title=TRAININGS[index % len(TRAININGS)],
                attended_on=today - datetime.timedelta(days=90 + index),
            )
    erika.municipalities.add(municipalities["Michelstadt"], municipalities["Erbach"])
    emil.municipalities.add(municipalities["Erbach"])

    clients = list(Client.objects.order_by("created_at", "pk")[:40])
    if not clients:
        clients = _fallback_clients([fm1, fm2], municipalities, languages)
    caseworker_of = {c.client_id: c.caseworker for c in Case.objects.open().filter(client__in=clients)}

    def assign(volunteer, client, *, started_days_ago, kind=Assignment.Kind.ACCOMPANIMENT, ended_days_ago=None):
        author = caseworker_of.get(client.pk, fm1)
        assignment = Assignment.objects.create(
            volunteer=volunteer,
            client=client,
            kind=kind,
            start_on=today - datetime.timedelta(days=started_days_ago),
            end_on=None if ended_days_ago is None else today - datetime.timedelta(days=ended_days_ago),
            note="Begleitung zu Terminen beim KJC und bei der Ausländerbehörde.",
            created_by=author,
        )
        if ended_days_ago is None:
            Consent.objects.create(
                client=client,
                recipient_kind=Consent.RecipientKind.VOLUNTEER,
                recipient_volunteer=volunteer,
                data_categories=["identity", "contact"],
                purpose="Begleitung durch Ehrenamtliche zu Behörden und Terminen",
                given_on=assignment.start_on,
                created_by=author,
            )
        return assignment

    def contact(volunteer, client, *, days_ago, note):
        c = Contact(
            client=client,
            author=volunteer.user,
            date=today - datetime.timedelta(days=days_ago),
            duration_minutes=rng.choice([45, 60, 90, 120]),
            channel=Contact.Channel.IN_PERSON,
            note=note,
        )
        c.from_volunteer = True
        c.save()

    pool = iter(clients)
    made = 0
    # ehrenamt1 and ehrenamt2: each two different clients, with consent, contacts and appointments.
    for v, kinds in ((erika, ["accompaniment", "accompaniment"]), (emil, ["accompaniment", "support"])):
        for kind in kinds:
            client = next(pool, None)
            if client is None:
                break
            assign(v, client, started_days_ago=60, kind=kind)
            made += 1
            if v.user_id:
                contact(v, client, days_ago=6, note="Gemeinsam Unterlagen für den Weiterbewilligungsantrag sortiert.")
                contact(v, client, days_ago=20, note="Zum Termin beim KJC begleitet.")
            Appointment.objects.create(
                client=client,
                volunteer=v,
                starts_at=timezone.make_aware(
                    datetime.datetime.combine(today + datetime.timedelta(days=3 + made), datetime.time(10, 0))
                ),
                place="KJC Erbach, Zimmer 12",
                note="Weiterbewilligung besprechen",
            )
    active_others = [
        v for v, _extra in volunteers[2:] if v.status == Volunteer.Status.ACTIVE and not v.assignment_obstacles()
    ]
    # One volunteer has gone quiet: running for 75 days, never a contact logged (flagged on dashboards) …
    quiet = active_others[0] if active_others else None
    client = next(pool, None)
    if quiet is not None and client is not None:
        assign(quiet, client, started_days_ago=75, kind=Assignment.Kind.SUPPORT)
        made += 1
    # … further active volunteers: recent assignments (so not flagged) …
    for v in active_others[1:9]:
        client = next(pool, None)
        if client is None:
            break
        assign(v, client, started_days_ago=rng.randint(2, 25))
        made += 1
    # … and finished assignments of volunteers who paused or left.
    for v, _extra in volunteers:
        if v.status in (Volunteer.Status.PAUSED, Volunteer.Status.LEFT) and clients:
            assign(v, clients[-1 - made % len(clients)], started_days_ago=400, ended_days_ago=100)
            made += 1
    _say(stdout, f"Ehrenamt: {len(volunteers)} Ehrenamtliche, {made} Begleitungen.")

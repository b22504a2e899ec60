import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, Client, Gender, Language
from wir_fallmanagement.stale import EditVersioned


def directory_language_codes() -> set[str]:
    """Languages an offer's texts may be translated into (German is the original): master data,
    `Language.in_directory`, edited by administrators at /setup/languages/."""
    return set(Language.objects.in_directory().values_list("code", flat=True))


# --------------------------------------------------------------------------------------------
# Providers and categories
# --------------------------------------------------------------------------------------------


class Provider(EditVersioned):
    """Träger: the club, association, municipality or company that runs offers."""

    class Kind(models.TextChoices):
        CLUB = "club", _("Verein")
        ASSOCIATION = "association", _("Wohlfahrtsverband / freier Träger")
        MUNICIPALITY = "municipality", _("Kommune")
        COMPANY = "company", _("Unternehmen")
        JOB_CENTRE = "job_centre", _("Kommunales Job-Center / Maßnahmeträger")
        OTHER = "other", _("Sonstige")

    name = models.CharField(
        _("Name"), max_length=200, unique=True, error_messages={"unique": _("Diesen Träger gibt es schon.")}
    )
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices, default=Kind.CLUB)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(EditVersioned):
    """Category of offers (master data): Sport, Schwimmen, Sprache, Beratung …"""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    translations = models.JSONField(
        _("Übersetzungen"),
        default=dict,
        blank=True,
        help_text=_('Sprachcode und Bezeichnung, z. B. {"en": "Sport", "ar": "رياضة"}.'),
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not isinstance(self.translations, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.translations.items()
        ):
            raise ValidationError({"translations": _("Bitte geben Sie Paare aus Sprachcode und Text an.")})
        unknown = set(self.translations) - directory_language_codes()
        if unknown:
            raise ValidationError(
                {"translations": _("Unbekannte Sprachcodes: %(codes)s") % {"codes": ", ".join(sorted(unknown))}}
            )

    def name_in(self, lang: str) -> tuple[str, str]:
        """(name, language of that name): the translation if there is one, German otherwise."""
        text = (self.translations or {}).get(lang, "").strip() if lang != "de" else ""
        return (text, lang) if text else (self.name, "de")


# --------------------------------------------------------------------------------------------
# Offers
# --------------------------------------------------------------------------------------------


class ButCategory(models.TextChoices):
    """The benefits of Bildung und Teilhabe (§ 28 SGB II)."""

    SCHOOL_TRIP = "school_trip", _("Schulausflug / Klassenfahrt")
    SCHOOL_SUPPLIES = "school_supplies", _("Schulbedarf")
    TRANSPORT = "transport", _("Schülerbeförderung")
    TUTORING = "tutoring", _("Lernförderung")
    LUNCH = "lunch", _("Mittagsverpflegung")
    PARTICIPATION = "participation", _("soziale und kulturelle Teilhabe")


class OfferQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(active_from__lte=day).filter(Q(active_until__isnull=True) | Q(active_until__gte=day))

    def for_age(self, age: int):
        return self.filter(Q(min_age__isnull=True) | Q(min_age__lte=age), Q(max_age__isnull=True) | Q(max_age__gte=age))

    def open_to_gender(self, gender: str):
        return self.filter(gender__in=[Offer.Gender.ALL, gender])

    def with_occupancy(self):
        """`occupied` and `waiting` per offer: one counting subquery per shown row over the index
        referral_offer_status (a list page counts the referrals of its 25 offers only, not of all
        offers before sorting, as a join with GROUP BY would)."""
        return self.annotate(
            occupied=_referral_count(status__in=Referral.OCCUPYING),
            waiting=_referral_count(status=Referral.Status.WAITLIST),
        )

    def search(self, query: str):
        query = (query or "").strip()[:200]
        if not query:
            return self
        translated = OfferTranslation.objects.filter(offer=OuterRef("pk"), title__icontains=query)
        return self.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(provider__name__icontains=query)
            | Exists(translated)
        )


def _referral_count(**condition):
    """The number of the offer's referrals meeting `condition` (a correlated, index-only count)."""
    referrals = Referral.objects.filter(offer=OuterRef("pk"), **condition).order_by()
    counted = referrals.values("offer").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class Offer(EditVersioned):
    """Angebot: a course, club, programme or counselling service that clients can be referred to."""

    class Gender(models.TextChoices):
        ALL = "all", _("alle")
        FEMALE = "female", _("nur Frauen und Mädchen")
        MALE = "male", _("nur Männer und Jungen")

    title = models.CharField(_("Titel (deutsch)"), max_length=200)
    description = models.TextField(_("Beschreibung (deutsch)"), max_length=5000, blank=True)
    category = models.ForeignKey(Category, verbose_name=_("Kategorie"), on_delete=models.PROTECT, related_name="offers")
    provider = models.ForeignKey(Provider, verbose_name=_("Träger"), on_delete=models.PROTECT, related_name="offers")
    municipality = models.ForeignKey(
        "cases.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("Leer lassen, wenn das Angebot kreisweit oder online ist."),
    )
    address = models.CharField(_("Ort und Anschrift"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("Alter von"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("Alter bis"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    gender = models.CharField(_("Geschlecht"), max_length=10, choices=Gender.choices, default=Gender.ALL)
    languages = models.ManyToManyField(
        "cases.Language", verbose_name=_("gesprochene Sprachen"), blank=True, related_name="offers"
    )
    schedule = models.CharField(
        _("Zeiten (deutsch)"), max_length=300, blank=True, help_text=_("z. B. dienstags 16:00–17:30 Uhr")
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist.")
    )
    duration_months = models.PositiveSmallIntegerField(
        _("Dauer der Maßnahme (Monate)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Nur bei Maßnahmen mit fester Dauer (z. B. 12 Monate): daraus ergibt sich das geplante Ende "
            "der Teilnahme. Leer lassen bei laufenden Angeboten."
        ),
    )
    fee = models.DecimalField(
        _("Kosten (Euro)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 bedeutet kostenlos."),
    )
    fee_note = models.CharField(_("Hinweis zu den Kosten"), max_length=200, blank=True, help_text=_("z. B. pro Monat"))
    but_eligible = models.BooleanField(
        _("BuT-fähig"), default=False, help_text=_("Die Kosten können über Bildung und Teilhabe übernommen werden.")
    )
    but_category = models.CharField(_("BuT-Leistung"), max_length=20, choices=ButCategory.choices, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    active_from = models.DateField(_("läuft ab"), default=timezone.localdate)
    active_until = models.DateField(_("läuft bis"), null=True, blank=True, help_text=_("Leer: ohne Ende"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = OfferQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "edit_version"])

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=models.F("max_age")),
                name="offer_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gte=models.F("active_from")),
                name="offer_active_range_ordered",
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="offer_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(duration_months__gte=1), name="offer_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(but_eligible=False) | ~Q(but_category=""), name="offer_but_eligible_has_category"
            ),
        ]
        indexes = [models.Index(fields=["active_from", "active_until"], name="offer_active_range")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = _("Das Höchstalter liegt unter dem Mindestalter.")
        if self.active_until and self.active_from and self.active_until < self.active_from:
            errors["active_until"] = _("Das Ende liegt vor dem Beginn.")
        if self.but_eligible and not self.but_category:
            errors["but_category"] = _("Bitte wählen Sie, welche BuT-Leistung die Kosten übernimmt.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    def is_active_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.active_from <= day and (self.active_until is None or self.active_until >= day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on()

    @property
    def has_age_limit(self) -> bool:
        return self.min_age is not None or self.max_age is not None

    def restriction_problems(self, client: Client, day: datetime.date | None = None) -> list[str]:
        """Why `client` is outside the target group (age, gender); empty when the client fits."""
        day = day or timezone.localdate()
        problems = []
        age = client.age_on(day)
        too_young = self.min_age is not None and age < self.min_age
        too_old = self.max_age is not None and age > self.max_age
        if too_young or too_old:
            problems.append(
                _("„%(offer)s“ ist für %(range)s; %(name)s ist %(age)s Jahre alt.")
                % {"offer": self.title, "range": self.age_range_display, "name": client.full_name, "age": age}
            )
        if self.gender != self.Gender.ALL and client.gender != self.gender:
            if self.gender == self.Gender.FEMALE:
                message = _(
                    "„%(offer)s“ ist nur für Frauen und Mädchen; bei %(name)s ist als Geschlecht „%(gender)s“ erfasst."
                )
            else:
                message = _(
                    "„%(offer)s“ ist nur für Männer und Jungen; bei %(name)s ist als Geschlecht „%(gender)s“ erfasst."
                )
            problems.append(
                message % {"offer": self.title, "name": client.full_name, "gender": Gender(client.gender).label}
            )
        return problems

    @property
    def age_range_display(self) -> str:
        if self.min_age is not None and self.max_age is not None:
            return _("%(min)s bis %(max)s Jahre") % {"min": self.min_age, "max": self.max_age}
        if self.min_age is not None:
            return _("ab %(min)s Jahren") % {"min": self.min_age}
        if self.max_age is not None:
            return _("bis %(max)s Jahre") % {"max": self.max_age}
        return _("jedes Alter")

    def translation_for(self, lang: str):
        """The translation into `lang` from the prefetched `translations`, or None."""
        if lang == "de":
            return None
        for translation in self.translations.all():
            if translation.language == lang:
                return translation
        return None


class OfferTranslationQuerySet(models.QuerySet):
    def with_language_name(self):
        """`language_name`: the German name of the language (the code when it is no longer master data)."""
        name = Language.objects.filter(code=OuterRef("language")).values("name")[:1]
        return self.annotate(language_name=Coalesce(Subquery(name), F("language")))


class OfferTranslation(models.Model):
    """An offer's title, description and times in another language (German stays binding)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("Sprache"), max_length=12, help_text=_("Sprachcode einer Verzeichnissprache"))
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=5000, blank=True)
    schedule = models.CharField(_("Zeiten"), max_length=300, blank=True)

    objects = OfferTranslationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"],
                name="offer_translation_once_per_language",
                violation_error_message=_("Für diese Sprache gibt es schon eine Übersetzung."),
            )
        ]

    def __str__(self):
        return f"{self.offer} ({self.language})"

    def clean(self):
        if self.language and self.language not in directory_language_codes():
            raise ValidationError(
                {"language": _("In diese Sprache werden keine Angebote übersetzt (Verzeichnissprachen).")}
            )


# --------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of the clients `user` may see."""
        return self.filter(Exists(Client.objects.visible_to(user).filter(pk=OuterRef("client_id"))))

    def open(self):
        return self.filter(status__in=Referral.OPEN)

    def moved_up_unseen_for(self, user):
        """Referrals that moved up from the waiting list and that the caseworker of the client's
        open case has not acknowledged yet."""

        open_case = Case.objects.open().filter(client=OuterRef("client_id"), caseworker=user)
        return self.filter(
            client__restricted_at__isnull=True, moved_up_at__isnull=False, moved_up_seen_at__isnull=True
        ).filter(Exists(open_case))


class Referral(models.Model):
    """Vermittlung: a client referred to an offer."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("vorgeschlagen")
        REGISTERED = "registered", _("angemeldet")
        PARTICIPATING = "participating", _("nimmt teil")
        COMPLETED = "completed", _("abgeschlossen")
        CANCELLED = "cancelled", _("abgebrochen")
        WAITLIST = "waitlist", _("Warteliste")

    class Outcome(models.TextChoices):
        """What became of a participant of a measure with a fixed duration, recorded at its end."""

        WORK = "work", _("Arbeit aufgenommen")
        TRAINING = "training", _("Ausbildung begonnen")
        FURTHER_COURSE = "further_course", _("weiterführender Kurs / Maßnahme")
        DROPPED_OUT = "dropped_out", _("vorzeitig ausgeschieden")
        OTHER = "other", _("sonstiger Verbleib")

    #: statuses that take one of the offer's places
    OCCUPYING = (Status.REGISTERED, Status.PARTICIPATING)
    OPEN = (Status.SUGGESTED, Status.REGISTERED, Status.PARTICIPATING, Status.WAITLIST)
    CLOSED = (Status.COMPLETED, Status.CANCELLED)
    #: statuses in which the provider knows the person: they need a consent naming the provider
    SHARES_DATA = (Status.REGISTERED, Status.PARTICIPATING, Status.WAITLIST)
    TRANSITIONS = {
        Status.SUGGESTED: (Status.REGISTERED, Status.CANCELLED),
        Status.WAITLIST: (Status.REGISTERED, Status.CANCELLED),
        Status.REGISTERED: (Status.PARTICIPATING, Status.CANCELLED),
        Status.PARTICIPATING: (Status.COMPLETED, Status.CANCELLED),
        Status.COMPLETED: (),
        Status.CANCELLED: (),
    }

    offer = models.ForeignKey(Offer, verbose_name=_("Angebot"), on_delete=models.PROTECT, related_name="referrals")
    client = models.ForeignKey(
        "cases.Client", verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(_("Status"), max_length=15, choices=Status.choices, default=Status.SUGGESTED)
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    restriction_override_reason = models.CharField(
        _("Begründung für die Ausnahme"),
        max_length=500,
        blank=True,
        help_text=_("Nur nötig, wenn Alter oder Geschlecht nicht zur Zielgruppe des Angebots passen."),
    )
    suggested_on = models.DateField(_("vorgeschlagen am"), default=timezone.localdate)
    registered_on = models.DateField(_("angemeldet am"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("auf der Warteliste seit"), null=True, blank=True)
    started_on = models.DateField(_("nimmt teil seit"), null=True, blank=True)
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    planned_end_on = models.DateField(
        _("geplantes Ende der Teilnahme"),
        null=True,
        blank=True,
        help_text=_("Bei Maßnahmen mit fester Dauer: Beginn der Teilnahme plus Dauer."),
    )
    outcome = models.CharField(
        _("Verbleib nach der Maßnahme"), max_length=15, choices=Outcome.choices, blank=True, default="", db_default=""
    )
    moved_up_at = models.DateTimeField(_("von der Warteliste nachgerückt am"), null=True, blank=True)
    moved_up_seen_at = models.DateTimeField(_("Nachrücken zur Kenntnis genommen am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vermittelt von"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ReferralQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "client"],
                condition=Q(status__in=["suggested", "registered", "participating", "waitlist"]),
                name="referral_one_open_per_client_and_offer",
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlist") | Q(waitlisted_at__isnull=False), name="referral_waitlist_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["registered", "participating"]) | Q(registered_on__isnull=False),
                name="referral_registered_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["completed", "cancelled"]) | Q(ended_on__isnull=False),
                name="referral_closed_has_end",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(status__in=["completed", "cancelled"]),
                name="referral_outcome_only_when_ended",
            ),
        ]
        indexes = [
            models.Index(fields=["planned_end_on"], name="referral_planned_end", condition=Q(status="participating")),
            models.Index(fields=["offer", "status"], name="referral_offer_status"),
            models.Index(
                fields=["moved_up_at"],
                name="referral_moved_up_unseen",
                condition=Q(moved_up_at__isnull=False, moved_up_seen_at__isnull=True),
            ),
            models.Index(fields=["offer", "waitlisted_at"], name="referral_waitlist", condition=Q(status="waitlist")),
        ]

    def __str__(self):
        return f"{self.client} → {self.offer} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in self.TRANSITIONS[self.Status(self.status)]]

    def can_change_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


# --------------------------------------------------------------------------------------------
# Bildung und Teilhabe
# --------------------------------------------------------------------------------------------


class ButRate(models.Model):
    """Monthly amount of a BuT benefit from a date on (master data, e.g. 15 € for social and
    cultural participation since 1 August 2019)."""

    category = models.CharField(
        _("BuT-Leistung"), max_length=20, choices=ButCategory.choices, default=ButCategory.PARTICIPATION
    )
    monthly_amount = models.DecimalField(
        _("Betrag pro Monat (Euro)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    valid_from = models.DateField(_("gilt ab"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("BuT-Monatsbetrag")
        verbose_name_plural = _("BuT-Monatsbeträge")
        ordering = ["category", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "valid_from"],
                name="but_rate_once_per_day",
                violation_error_message=_("Für diese Leistung gibt es ab diesem Tag schon einen Betrag."),
            ),
            models.CheckConstraint(condition=Q(monthly_amount__gte=0), name="but_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.monthly_amount} € ab {self.valid_from:%d.%m.%Y}"


class ButApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applications of children the user may see: their own clients and the case-less
        dependants of their clients' households (children often have no case of their own).
        A child who is a colleague's client stays hidden, even in a shared household."""
        return self.filter(Exists(Client.objects.visible_with_dependants(user).filter(pk=OuterRef("child_id"))))

    def ending_between(self, first: datetime.date, last: datetime.date):
        return self.filter(status=ButApplication.Status.APPROVED, period_until__gte=first, period_until__lte=last)


class ButApplication(models.Model):
    """Antrag auf Leistungen für Bildung und Teilhabe, for one child."""

    class Status(models.TextChoices):
        ADVISED = "advised", _("beraten")
        APPLIED = "applied", _("beantragt")
        APPROVED = "approved", _("bewilligt")
        REJECTED = "rejected", _("abgelehnt")

    TRANSITIONS = {
        Status.ADVISED: (Status.APPLIED,),
        Status.APPLIED: (Status.APPROVED, Status.REJECTED),
        Status.APPROVED: (),
        Status.REJECTED: (),
    }

    child = models.ForeignKey(
        "cases.Client", verbose_name=_("Kind"), on_delete=models.PROTECT, related_name="but_applications"
    )
    category = models.CharField(_("Leistung"), max_length=20, choices=ButCategory.choices)
    amount = models.DecimalField(
        _("Betrag (Euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Beantragte oder bewilligte Summe; bei Teilhabe die Kosten des Angebots."),
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.ADVISED)
    advised_on = models.DateField(_("beraten am"), default=timezone.localdate)
    applied_on = models.DateField(_("beantragt am"), null=True, blank=True)
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    period_from = models.DateField(_("Bewilligungszeitraum von"), null=True, blank=True)
    period_until = models.DateField(_("Bewilligungszeitraum bis"), null=True, blank=True)
    referral = models.ForeignKey(
        Referral,
        verbose_name=_("Vermittlung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="but_applications",
    )
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angelegt von"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = ButApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("BuT-Antrag")
        verbose_name_plural = _("BuT-Anträge")
        ordering = ["-advised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(period_from__isnull=False, period_until__isnull=False),
                name="but_approved_has_period",
            ),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_until__isnull=True)
                | Q(period_until__gte=models.F("period_from")),
                name="but_period_ordered",
            ),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="but_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} – {self.child}"

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in self.TRANSITIONS[self.Status(self.status)]]

    @property
    def has_budget(self) -> bool:
        """Social and cultural participation is a monthly budget over the approval period."""
        return (
            self.category == ButCategory.PARTICIPATION
            and self.status == self.Status.APPROVED
            and self.period_from is not None
            and self.period_until is not None
        )


class ButExpense(models.Model):
    """An amount paid from the participation budget (club fee, music school …)."""

    application = models.ForeignKey(
        ButApplication, verbose_name=_("BuT-Antrag"), on_delete=models.PROTECT, related_name="expenses"
    )
    spent_on = models.DateField(_("Datum"), default=timezone.localdate)
    amount = models.DecimalField(
        _("Betrag (Euro)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    purpose = models.CharField(_("wofür"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ausgabe aus dem Teilhabebudget")
        verbose_name_plural = _("Ausgaben aus dem Teilhabebudget")
        ordering = ["spent_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="but_expense_positive")]

    def __str__(self):
        return f"{self.spent_on:%d.%m.%Y} {self.amount} € {self.purpose}"


class DirectoryPdf(models.Model):
    """A stored copy of the public directory as PDF, for one language and filter, rendered by the
    task worker (when offers change, or on the first request for it) and then served as it is.
    The key covers the data it was made from, so a change of offers makes a new one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wird erstellt")
        READY = "ready", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    key = models.CharField(_("Schlüssel"), max_length=64, unique=True)
    lang = models.CharField(_("Sprache"), max_length=12)
    query = models.CharField(_("Filter"), max_length=500, blank=True)
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.PENDING)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Angebotsliste als PDF")
        verbose_name_plural = _("Angebotslisten als PDF")

    def __str__(self):
        return f"{self.lang} {self.query}"

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from cases.models import Contact, LanguageLevel
from wir_fallmanagement.dates import add_months
from wir_fallmanagement.stale import EditVersioned

#: An extended police certificate must be at most this many months old when it is inspected …
POLICE_CERTIFICATE_MAX_AGE_MONTHS = 3
#: … and is renewed this many years after it was issued.
POLICE_CERTIFICATE_RENEWAL_YEARS = 5
#: Active assignments without a contact logged by the volunteer for this long are flagged.
ACTIVITY_WATCH_DAYS = 30


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Montag")
    TUESDAY = "tue", _("Dienstag")
    WEDNESDAY = "wed", _("Mittwoch")
    THURSDAY = "thu", _("Donnerstag")
    FRIDAY = "fri", _("Freitag")
    SATURDAY = "sat", _("Samstag")
    SUNDAY = "sun", _("Sonntag")


WEEKDAY_SHORT = {
    "mon": _("Mo"),
    "tue": _("Di"),
    "wed": _("Mi"),
    "thu": _("Do"),
    "fri": _("Fr"),
    "sat": _("Sa"),
    "sun": _("So"),
}


class VolunteerQuerySet(models.QuerySet):
    def search(self, query: str):
        query = (query or "").strip()[:100]
        if not query:
            return self
        condition = Q()
        for word in query.split():
            condition &= (
                Q(given_names__icontains=word)
                | Q(family_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
                | Q(town__icontains=word)
            )
        return self.filter(condition)

    def with_activity(self, day=None):
        """Annotate `active_assignment_count` and `needs_attention` (an active assignment without a
        contact logged by the volunteer for ACTIVITY_WATCH_DAYS days) — two subqueries, no joins."""
        day = day or timezone.localdate()
        active = Assignment.objects.active_on(day).filter(volunteer=OuterRef("pk"))
        return self.annotate(
            active_assignment_count=Coalesce(
                Subquery(
                    active.order_by().values("volunteer").annotate(n=Count("pk")).values("n")[:1],
                    output_field=models.IntegerField(),
                ),
                0,
            ),
            needs_attention=Exists(Assignment.objects.without_recent_contact(day).filter(volunteer=OuterRef("pk"))),
        )


class Volunteer(EditVersioned):
    """Ehrenamtliche:r: a person who accompanies clients; may log into the portal."""

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Interessent:in")
        ACTIVE = "active", _("aktiv")
        PAUSED = "paused", _("pausiert")
        LEFT = "left", _("ausgeschieden")

    class PoliceCertificateResult(models.TextChoices):
        CLEAR = "clear", _("ohne Eintrag – unbedenklich")
        ENTRIES = "entries", _("mit Eintrag – bedenklich")

    # Interessent → aktiv ⇄ pausiert → ausgeschieden; a prospect may also decide not to start.
    TRANSITIONS = {
        Status.PROSPECT: {Status.ACTIVE, Status.LEFT},
        Status.ACTIVE: {Status.PAUSED, Status.LEFT},
        Status.PAUSED: {Status.ACTIVE, Status.LEFT},
        Status.LEFT: set(),
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer",
    )
    family_name = models.CharField(_("Familienname"), max_length=200)
    given_names = models.CharField(_("Vorname(n)"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True, help_text=_("Für die Einladung zum Ehrenamtsportal."))
    phone = PhoneNumberField(_("Telefon"), blank=True)
    date_of_birth = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PROSPECT)
    skills = models.TextField(
        _("Fähigkeiten und Interessen"),
        blank=True,
        max_length=2000,
        help_text=_("Zum Beispiel: Behördengänge, Hausaufgabenhilfe, Fahrdienst, Bewerbungen."),
    )
    municipalities = models.ManyToManyField(
        "cases.Municipality",
        verbose_name=_("Kommunen, in denen sie oder er begleitet"),
        blank=True,
        related_name="volunteers",
    )
    availability_days = ArrayField(
        models.CharField(max_length=3, choices=Weekday.choices),
        verbose_name=_("verfügbar an diesen Tagen"),
        default=list,
        blank=True,
    )
    availability_note = models.CharField(
        _("Zeiten und Hinweise zur Verfügbarkeit"),
        max_length=500,
        blank=True,
        help_text=_("Zum Beispiel: vormittags, nicht in den Schulferien."),
    )
    lay_interpreter = models.BooleanField(_("bereit, als Sprachmittler:in zu helfen"), default=False)
    police_certificate_issued_on = models.DateField(
        _("Führungszeugnis ausgestellt am"), null=True, blank=True, help_text=_("Datum auf dem Führungszeugnis.")
    )
    police_certificate_inspected_on = models.DateField(_("Führungszeugnis eingesehen am"), null=True, blank=True)
    police_certificate_inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Führungszeugnis eingesehen von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    police_certificate_result = models.CharField(
        _("Ergebnis der Einsicht"), max_length=10, choices=PoliceCertificateResult.choices, blank=True
    )
    confidentiality_signed_on = models.DateField(
        _("Verschwiegenheitserklärung unterschrieben am"), null=True, blank=True
    )
    note = models.TextField(_("Notiz (nur intern)"), blank=True, max_length=2000)
    invitation_nonce = models.CharField(_("Einladungsschlüssel"), max_length=32, blank=True, editable=False)
    invited_at = models.DateTimeField(_("zum Portal eingeladen am"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = VolunteerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["invitation_nonce", "edit_version"])

    class Meta:
        verbose_name = _("Ehrenamtliche:r")
        verbose_name_plural = _("Ehrenamtliche")
        ordering = ["family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="volunteer_email_unique",
                violation_error_message=_(
                    "Diese E-Mail-Adresse ist schon bei einer anderen ehrenamtlichen Person eingetragen."
                ),
            ),
            # Either nothing about a police certificate is recorded, or the complete inspection.
            models.CheckConstraint(
                condition=Q(
                    police_certificate_inspected_on__isnull=True,
                    police_certificate_issued_on__isnull=True,
                    police_certificate_inspected_by__isnull=True,
                    police_certificate_result="",
                )
                | (
                    Q(
                        police_certificate_inspected_on__isnull=False,
                        police_certificate_issued_on__isnull=False,
                        police_certificate_inspected_by__isnull=False,
                    )
                    & ~Q(police_certificate_result="")
                ),
                name="volunteer_police_certificate_complete",
            ),
            models.CheckConstraint(
                condition=Q(police_certificate_issued_on__isnull=True)
                | Q(police_certificate_issued_on__lte=F("police_certificate_inspected_on")),
                name="volunteer_police_certificate_issued_before_inspection",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def availability_days_display(self):
        return ", ".join(str(WEEKDAY_SHORT[d]) for d in Weekday.values if d in (self.availability_days or []))

    def can_change_to(self, status) -> bool:
        return status == self.status or status in self.TRANSITIONS[self.Status(self.status)]

    # --- police certificate ------------------------------------------------------------------

    @property
    def police_certificate_recorded(self) -> bool:
        return self.police_certificate_inspected_on is not None

    @property
    def police_certificate_was_too_old(self) -> bool:
        """It was older than three months when inspected (and so does not count)."""
        return self.police_certificate_recorded and self.police_certificate_inspected_on > add_months(
            self.police_certificate_issued_on, POLICE_CERTIFICATE_MAX_AGE_MONTHS
        )

    @property
    def police_certificate_renewal_due_on(self) -> datetime.date | None:
        if not self.police_certificate_recorded:
            return None
        return add_months(self.police_certificate_issued_on, 12 * POLICE_CERTIFICATE_RENEWAL_YEARS)

    def police_certificate_valid_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (
            self.police_certificate_recorded
            and self.police_certificate_result == self.PoliceCertificateResult.CLEAR
            and not self.police_certificate_was_too_old
            and day < self.police_certificate_renewal_due_on
        )

    def assignment_obstacles(self, day=None) -> list[str]:
        """Why this volunteer cannot take on an assignment on `day` (empty when they can)."""
        day = day or timezone.localdate()
        reasons = []
        if self.status != self.Status.ACTIVE:
            reasons.append(
                _("Status ist „%(status)s“ – begleiten können nur aktive Ehrenamtliche.")
                % {"status": self.get_status_display()}
            )
        if not self.police_certificate_recorded:
            reasons.append(_("Es ist kein erweitertes Führungszeugnis eingesehen worden."))
        elif self.police_certificate_result != self.PoliceCertificateResult.CLEAR:
            reasons.append(_("Das erweiterte Führungszeugnis enthält Einträge."))
        elif self.police_certificate_was_too_old:
            reasons.append(_("Das Führungszeugnis war bei der Einsicht älter als drei Monate."))
        elif day >= self.police_certificate_renewal_due_on:
            reasons.append(
                _("Das Führungszeugnis ist seit %(date)s abgelaufen (alle fünf Jahre neu).")
                % {"date": f"{self.police_certificate_renewal_due_on:%d.%m.%Y}"}
            )
        if not self.confidentiality_signed_on:
            reasons.append(_("Die Verschwiegenheitserklärung ist nicht unterschrieben."))
        return reasons

    def clean(self):
        errors = {}
        today = timezone.localdate()
        certificate = [
            self.police_certificate_issued_on,
            self.police_certificate_inspected_on,
            self.police_certificate_result or None,
        ]
        if any(v is not None for v in certificate) and any(v is None for v in certificate):
            for name, value in zip(
                ["police_certificate_issued_on", "police_certificate_inspected_on", "police_certificate_result"],
                certificate,
                strict=True,
            ):
                if value is None:
                    errors[name] = _("Bitte vollständig angeben: Ausstellungsdatum, Datum der Einsicht und Ergebnis.")
        if self.police_certificate_inspected_on and self.police_certificate_inspected_on > today:
            errors["police_certificate_inspected_on"] = _("Die Einsicht kann nicht in der Zukunft liegen.")
        if (
            self.police_certificate_issued_on
            and self.police_certificate_inspected_on
            and self.police_certificate_issued_on > self.police_certificate_inspected_on
        ):
            errors["police_certificate_issued_on"] = _("Das Führungszeugnis wurde nach der Einsicht ausgestellt?")
        if self.confidentiality_signed_on and self.confidentiality_signed_on > today:
            errors["confidentiality_signed_on"] = _("Das Datum liegt in der Zukunft.")
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = _("Das Geburtsdatum liegt in der Zukunft.")
        if errors:
            raise ValidationError(errors)


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("Ehrenamtliche:r"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.ForeignKey("cases.Language", verbose_name=_("Sprache"), on_delete=models.PROTECT)
    level = models.CharField(_("Niveau"), max_length=10, choices=LanguageLevel.choices, default=LanguageLevel.NATIVE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Sprache der/des Ehrenamtlichen")
        verbose_name_plural = _("Sprachen der/des Ehrenamtlichen")
        ordering = ["language__name"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "language"], name="volunteer_language_once")]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class Training(models.Model):
    """A training the volunteer attended (Schulung), e.g. on the Vollmacht or on asylum law."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("Ehrenamtliche:r"), on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("Schulung"), max_length=200)
    attended_on = models.DateField(_("besucht am"))
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Schulung")
        verbose_name_plural = _("Schulungen")
        ordering = ["-attended_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.attended_on:%d.%m.%Y})"


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(start_on__lte=day).filter(Q(end_on__isnull=True) | Q(end_on__gte=day))

    def without_recent_contact(self, day=None):
        """Active assignments, running for at least ACTIVITY_WATCH_DAYS days, for which the volunteer
        has logged no contact with the client in the last ACTIVITY_WATCH_DAYS days."""

        day = day or timezone.localdate()
        cutoff = day - datetime.timedelta(days=ACTIVITY_WATCH_DAYS)
        recent = Contact.objects.filter(
            client=OuterRef("client"), author=OuterRef("volunteer__user"), from_volunteer=True, date__gt=cutoff
        )
        return self.active_on(day).filter(start_on__lte=cutoff).exclude(Exists(recent))

    def with_last_contact(self):

        last = (
            Contact.objects.filter(client=OuterRef("client"), author=OuterRef("volunteer__user"), from_volunteer=True)
            .order_by()
            .values("client")
            .annotate(last=Max("date"))
            .values("last")[:1]
        )
        return self.annotate(last_contact_on=Subquery(last, output_field=models.DateField()))


class Assignment(models.Model):
    """Patenschaft / Begleitung: a volunteer accompanying a client."""

    class Kind(models.TextChoices):
        ACCOMPANIMENT = "accompaniment", _("Begleitung (Vollmacht folgt)")
        SUPPORT = "support", _("Beistand ohne Vollmacht (§ 13 Abs. 4 SGB X)")

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("Ehrenamtliche:r"), on_delete=models.PROTECT, related_name="assignments"
    )
    client = models.ForeignKey(
        "cases.Client", verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices, default=Kind.ACCOMPANIMENT)
    start_on = models.DateField(_("Beginn"))
    end_on = models.DateField(_("Ende"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angelegt von"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Begleitung")
        verbose_name_plural = _("Begleitungen")
        ordering = ["-start_on"]
        indexes = [models.Index(fields=["start_on", "id"], name="assignment_start")]  # the dashboard's watch list
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="assignment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "client"], condition=Q(end_on__isnull=True), name="assignment_one_open_per_pair"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.client}"

    def is_active_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)

    @property
    def is_active(self):
        return self.is_active_on()


class Appointment(models.Model):
    """An appointment the volunteer noted for a client (e.g. at the KJC or the doctor's)."""

    client = models.ForeignKey(
        "cases.Client", verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="volunteer_appointments"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("Ehrenamtliche:r"), on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("Datum und Uhrzeit"))
    place = models.CharField(_("Ort"), max_length=200, help_text=_("Zum Beispiel: KJC Erbach, Zimmer 12"))
    note = models.CharField(_("Worum geht es?"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["client", "volunteer", "starts_at"], name="appointment_upcoming")]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M} {self.place}"

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, Client, Consent
from volunteers.models import Assignment
from wir_fallmanagement.history import Entry, history_of
from wir_fallmanagement.stale import EditVersioned

# Crockford's base32 without I, L, O, U: no letters that read like digits.
SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_token():
    return secrets.token_urlsafe(24)


def new_short_code():
    """12 characters of base32 (60 bits), printed in three groups of four for typing in by hand."""
    raw = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_short_code(value: str) -> str:
    cleaned = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != 12:
        return ""
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"


class Scope(models.TextChoices):
    """What the agent may do (docs/product.md, "The Vollmacht"). Order = order on the document."""

    INFORMATION = "information", _("Auskünfte erteilen und einholen")
    FILE_INSPECTION = "file_inspection", _("Akteneinsicht")
    APPLICATIONS = "applications", _("Anträge stellen")
    DOCUMENTS = "documents", _("Unterlagen einreichen und entgegennehmen")
    APPOINTMENTS = "appointments", _("zu Terminen begleiten")
    MAIL = "mail", _("Bescheide und Post empfangen")
    OBJECTION = "objection", _("Widerspruch einlegen")
    MONEY = "money", _("Geld in Empfang nehmen")


#: "Receiving money" and the scopes with legal side effects (mail, objections) are off by default.
DEFAULT_SCOPES = [Scope.INFORMATION, Scope.FILE_INSPECTION, Scope.APPLICATIONS, Scope.DOCUMENTS, Scope.APPOINTMENTS]


def default_scopes():
    return [str(s) for s in DEFAULT_SCOPES]


class KjcBranch(EditVersioned):
    """A branch (Geschäftsstelle) of the district's job centre, the authority a Vollmacht addresses."""

    name = models.CharField(
        _("Bezeichnung"),
        max_length=200,
        unique=True,
        help_text=_("So steht es auf der Vollmacht, z. B. „Kommunales Job-Center Odenwaldkreis, Erbach“."),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Geschäftsstelle des KJC")
        verbose_name_plural = _("Geschäftsstellen des KJC")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        town = f"{self.postcode} {self.town}".strip()
        return ", ".join(part for part in (self.street, town) if part)


class HandoverQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Team lead, administration and the KJC see every batch; a caseworker the batches
        they created (those contain only Vollmachten of their own clients)."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_cases or user.is_kjc:
            return self
        if user.is_caseworker:
            return self.filter(created_by=user)
        return self.none()


class Handover(models.Model):
    """Übergabe an das KJC: a batch of signed originals (and the consents that go with them)
    handed to one team of the job centre, with a handover sheet for the KJC's receipt."""

    class Team(models.TextChoices):
        BENEFITS = "benefits", _("Leistung")
        INTEGRATION = "integration", _("Eingliederung")

    kjc_branch = models.ForeignKey(
        KjcBranch, verbose_name=_("Geschäftsstelle des KJC"), on_delete=models.PROTECT, related_name="handovers"
    )
    team = models.CharField(_("Team im KJC"), max_length=12, choices=Team.choices)
    handed_over_on = models.DateField(_("übergeben am"), default=timezone.localdate)
    consents = models.ManyToManyField(
        "cases.Consent", verbose_name=_("Einwilligungen"), blank=True, related_name="kjc_handovers"
    )
    note = models.CharField(_("Bemerkung"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("übergeben von"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = HandoverQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Übergabe an das KJC")
        verbose_name_plural = _("Übergaben an das KJC")
        ordering = ["-handed_over_on", "-pk"]

    def __str__(self):
        return _("Übergabe Nr. %(number)s vom %(date)s") % {
            "number": self.pk,
            "date": self.handed_over_on.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("authorisations:handover_detail", args=[self.pk])

    def content(self, *, include_restricted: bool = False):
        """(Vollmachten, consents) of this handover in print order. People whose processing is
        restricted (Art. 18 GDPR) are left out unless `include_restricted` (administrators)."""
        authorisations = self.authorisations.select_related(
            "principal__household", "principal__municipality", "agent"
        ).order_by("principal__family_name", "pk")
        consents = self.consents.select_related("client").order_by("client__family_name", "pk")
        if not include_restricted:
            authorisations = authorisations.filter(principal__restricted_at__isnull=True)
            consents = consents.filter(client__restricted_at__isnull=True)
        return list(authorisations), list(consents)

    def content_for(self, user):
        return self.content(include_restricted=user.is_admin_role)


class AuthorisationQuerySet(models.QuerySet):
    def effective_on(self, day=None):
        """Signed (or handed over), not revoked, within its validity on `day`."""
        day = day or timezone.localdate()
        return self.filter(
            status__in=[Authorisation.Status.SIGNED, Authorisation.Status.HANDED_OVER],
            valid_from__lte=day,
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def visible_to(self, user):
        """Staff: the Vollmachten of the clients they may see. Everyone else: none (the volunteer
        portal and the KJC have their own, narrower views)."""
        if not user.is_authenticated or not user.is_back_office:
            return self.none()
        if user.is_admin_role:
            return self
        if Client.objects.seen_through_own_cases(user):
            return self.filter(Client.objects.of_own_cases(user, "principal_id"))
        return self.filter(principal__in=Client.objects.visible_to(user))

    def responsible(self, user):
        """For the dashboard: the caseworker of the principal's open case; team lead and
        administration: all (team leads without people whose processing is restricted)."""
        if user.is_admin_role:
            return self
        if user.sees_all_cases:
            return self.filter(principal__restricted_at__isnull=True)
        if not user.is_caseworker:
            return self.none()
        open_case = Case.objects.open().filter(client=OuterRef("principal"), caseworker=user)
        return self.filter(Exists(open_case))

    def for_portal(self, user, day=None):
        """The volunteer's own Vollmachten for the clients they may see in the portal at all: an
        active assignment and a valid consent naming them (docs/product.md, "What a volunteer sees")."""
        if not user.is_authenticated or not user.is_volunteer:
            return self.none()
        day = day or timezone.localdate()
        assignment = Assignment.objects.active_on(day).filter(volunteer=OuterRef("agent"), client=OuterRef("principal"))
        consent = Consent.objects.valid_on(day).filter(
            recipient_kind=Consent.RecipientKind.VOLUNTEER,
            recipient_volunteer=OuterRef("agent"),
            client=OuterRef("principal"),
        )
        return self.filter(agent__user=user).filter(Exists(assignment), Exists(consent))

    def active(self):
        return self.exclude(status__in=Authorisation.FINAL_STATUSES)

    def expiring(self, day=None, within_days=30):
        day = day or timezone.localdate()
        return self.effective_on(day).filter(valid_until__lte=day + datetime.timedelta(days=within_days))

    def unsigned_since(self, days=14):
        return self.filter(
            status=Authorisation.Status.PRINTED, printed_at__lte=timezone.now() - datetime.timedelta(days=days)
        )


class Authorisation(EditVersioned):
    """Vollmacht under § 13 SGB X: a client (principal) authorises a volunteer (agent)
    to act towards the KJC."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PRINTED = "printed", _("gedruckt")
        SIGNED = "signed", _("unterschrieben")
        HANDED_OVER = "handed_over", _("an KJC übergeben")
        REVOKED = "revoked", _("widerrufen")
        EXPIRED = "expired", _("abgelaufen")

    class Holder(models.TextChoices):
        OFFICE = "office", _("Fallmanagement")
        PRINCIPAL = "principal", _("Vollmachtgeber:in")
        AGENT = "agent", _("Bevollmächtigte:r")
        KJC = "kjc", _("Kommunales Job-Center")

    class DeclaredBy(models.TextChoices):
        PRINCIPAL = "principal", _("Vollmachtgeber:in")
        CASEWORKER = "caseworker", _("Fallmanagement (im Auftrag der Vollmachtgeber:in)")
        AGENT = "agent", _("Bevollmächtigte:r (legt die Vollmacht nieder)")

    FINAL_STATUSES = (Status.REVOKED, Status.EXPIRED)
    #: Fields printed on the document: changing one of them after printing makes a new version.
    CONTENT_FIELDS = (
        "agent",
        "kjc_branch",
        "guardian_name",
        "scopes",
        "exclusions",
        "valid_from",
        "valid_until",
        "language",
    )

    principal = models.ForeignKey(
        "cases.Client", verbose_name=_("Vollmachtgeber:in"), on_delete=models.PROTECT, related_name="authorisations"
    )
    agent = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Bevollmächtigte:r"),
        on_delete=models.PROTECT,
        related_name="authorisations",
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    valid_from = models.DateField(_("gültig ab"), default=timezone.localdate)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True, help_text=_("Leer: bis auf Widerruf"))
    token = models.CharField(_("Prüfcode"), max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    # --- content of the document
    kjc_branch = models.ForeignKey(
        KjcBranch,
        verbose_name=_("Geschäftsstelle des KJC"),
        on_delete=models.PROTECT,
        null=True,
        related_name="authorisations",
    )
    guardian_name = models.CharField(
        _("gesetzliche Vertretung"),
        max_length=200,
        blank=True,
        help_text=_("Nur bei Minderjährigen: Name der sorgeberechtigten Person, die unterschreibt."),
    )
    scopes = ArrayField(
        models.CharField(max_length=20, choices=Scope.choices), verbose_name=_("Umfang"), default=default_scopes
    )
    rdg_acknowledged = models.BooleanField(_("Hinweis nach § 6 RDG zur Kenntnis genommen"), default=False)
    exclusions = models.TextField(_("Ausnahmen"), blank=True, max_length=1000)
    language = models.CharField(_("Sprache der Arbeitsübersetzung"), max_length=8, blank=True)
    short_code = models.CharField(
        _("Kurz-Prüfcode"), max_length=14, unique=True, default=new_short_code, editable=False
    )
    version = models.PositiveIntegerField(_("Fassung"), default=1, editable=False)

    # --- lifecycle
    printed_at = models.DateTimeField(_("gedruckt am"), null=True, blank=True, editable=False)
    signed_on = models.DateField(_("unterschrieben am"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Unterschrift erfasst von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_scan = models.ForeignKey(
        "cases.Document",
        verbose_name=_("unterschriebene Vollmacht (Scan)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    original_holder = models.CharField(_("Original liegt bei"), max_length=10, choices=Holder.choices, blank=True)
    original_held_since = models.DateField(_("Original dort seit"), null=True, blank=True)
    handover = models.ForeignKey(
        Handover,
        verbose_name=_("Übergabe an das KJC"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisations",
    )

    # --- revocation (Widerruf)
    revoked_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    revoked_declared_by = models.CharField(_("Widerruf durch"), max_length=12, choices=DeclaredBy.choices, blank=True)
    revocation_reason = models.TextField(_("Grund des Widerrufs"), blank=True, max_length=1000)
    revoked_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Widerruf erfasst von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("Widerruf erfasst am"), null=True, blank=True)
    revocation_sent_on = models.DateField(_("Widerruf an das KJC geschickt am"), null=True, blank=True)
    revocation_received_on = models.DateField(_("Widerruf beim KJC eingegangen am"), null=True, blank=True)
    expired_at = models.DateTimeField(_("als abgelaufen markiert am"), null=True, blank=True, editable=False)

    objects = AuthorisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Vollmacht")
        verbose_name_plural = _("Vollmachten")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["principal", "agent"],
                condition=~Q(status__in=["revoked", "expired"]),
                name="authorisation_one_active_per_principal_and_agent",
                violation_error_message=_(
                    "Für diese Person und diese:n Bevollmächtigte:n gibt es bereits eine Vollmacht."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="authorisation_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(scopes__len__gt=0), name="authorisation_has_a_scope"),
            models.CheckConstraint(
                condition=~Q(scopes__contains=["objection"]) | Q(rdg_acknowledged=True),
                name="authorisation_objection_needs_rdg_notice",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "handed_over"]) | Q(signed_on__isnull=False),
                name="authorisation_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="handed_over") | Q(handover__isnull=False, original_holder="kjc"),
                name="authorisation_handed_over_is_held_by_kjc",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_on__isnull=False),
                name="authorisation_revoked_has_date",
            ),
            models.CheckConstraint(
                condition=Q(revocation_received_on__isnull=True)
                | Q(revocation_sent_on__isnull=True)
                | Q(revocation_received_on__gte=models.F("revocation_sent_on")),
                name="authorisation_revocation_received_after_sent",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="authorisation_status_until"),
            models.Index(fields=["created_at", "id"], name="authorisation_created"),  # the list's order
            models.Index(  # the dashboard's "printed, not signed": the oldest first, without a sort
                fields=["printed_at", "id"], name="authorisation_unsigned", condition=Q(status="printed")
            ),
        ]

    def __str__(self):
        return _("Vollmacht Nr. %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("authorisations:authorisation_detail", args=[self.pk])

    # --- reading the state

    def change_history(self) -> list[Entry]:
        """Who changed which fields, when: values only for the status (free text is not repeated)."""
        return history_of(
            self,
            limit=50,
            hidden={"token", "short_code", "expired_at", "revoked_at", "printed_at"},
            show_values={"status"},
            notes={"new version": _("neue Fassung")},
        )

    def is_valid_on(self, day=None) -> bool:
        """The same rule as `AuthorisationQuerySet.effective_on`."""
        day = day or timezone.localdate()
        return (
            self.status in (self.Status.SIGNED, self.Status.HANDED_OVER)
            and self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
        )

    @property
    def is_valid(self) -> bool:
        return self.is_valid_on()

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def scope_labels(self):
        return [Scope(s).label for s in Scope.values if s in self.scopes]

    @property
    def is_editable(self) -> bool:
        """Content may change until it is signed (after printing, a change makes a new version)."""
        return self.status in (self.Status.DRAFT, self.Status.PRINTED)

    @property
    def can_print(self) -> bool:
        return not self.is_final

    @property
    def can_mark_signed(self) -> bool:
        return self.status == self.Status.PRINTED

    @property
    def can_revoke(self) -> bool:
        return not self.is_final

    # --- state transitions (called by the services in authorisations/services.py, which lock the
    # row, write the PDFs and documents, and run everything in one transaction)

    def check_printable(self) -> None:
        if self.status != self.Status.DRAFT:
            raise ValidationError(_("Diese Vollmacht kann nicht gedruckt werden."))
        if self.kjc_branch_id is None:
            raise ValidationError(_("Bitte wählen Sie zuerst die Geschäftsstelle des KJC."))

    def mark_printed(self) -> None:
        """The PDF of the current version has been stored: the draft is now printed."""
        self.check_printable()
        self.status = self.Status.PRINTED
        self.printed_at = timezone.now()
        self.save()

    def mark_signed(self, *, user, signed_on: datetime.date, holder: str, scan=None) -> None:
        """The signed original is at hand (`scan`: its stored Document, if scanned)."""
        if not self.can_mark_signed:
            raise ValidationError(_("Nur eine gedruckte Vollmacht kann als unterschrieben erfasst werden."))
        if scan is not None:
            self.signed_scan = scan
        self.status = self.Status.SIGNED
        self.signed_on = signed_on
        self.signed_recorded_by = user
        self.original_holder = holder
        self.original_held_since = signed_on
        self.save()

    def hand_over(self, handover: "Handover") -> None:
        """The signed original goes to the KJC with `handover`; the KJC holds it from then on."""
        if self.status != self.Status.SIGNED:
            raise ValidationError(_("Es können nur unterschriebene Vollmachten übergeben werden."))
        self.status = self.Status.HANDED_OVER
        self.handover = handover
        self.original_holder = self.Holder.KJC
        self.original_held_since = handover.handed_over_on
        self.save()

    def revoke(
        self, *, user, declared_by: str, reason: str, revoked_on: datetime.date, sent_on: datetime.date | None = None
    ) -> None:
        """Revoked at once: portal access ends (`effective_on` leaves revoked ones out)."""
        if not self.can_revoke:
            raise ValidationError(_("Diese Vollmacht ist bereits widerrufen oder abgelaufen."))
        self.status = self.Status.REVOKED
        self.revoked_on = revoked_on
        self.revoked_declared_by = declared_by
        self.revocation_reason = reason
        self.revoked_recorded_by = user
        self.revoked_at = timezone.now()
        self.revocation_sent_on = sent_on
        self.save()

    def record_revocation_delivery(self, *, sent_on: datetime.date | None, received_on: datetime.date | None) -> None:
        if self.status != self.Status.REVOKED:
            raise ValidationError(_("Diese Vollmacht ist nicht widerrufen."))
        self.revocation_sent_on = sent_on
        self.revocation_received_on = received_on
        self.save()

    def current_pdf(self):
        """The PDF of the current version as it was printed, or None (not printed yet)."""
        return self.pdfs.filter(kind=AuthorisationPdf.Kind.AUTHORISATION, version=self.version).first()

    def invalid_reason(self, day=None) -> str:
        """Why it is not valid on `day` (for the verification page), or ""."""
        day = day or timezone.localdate()
        if self.status == self.Status.REVOKED:
            return "revoked"
        if self.status == self.Status.EXPIRED or (self.valid_until and self.valid_until < day):
            return "expired"
        if self.status in (self.Status.DRAFT, self.Status.PRINTED):
            return "unsigned"
        if self.valid_from > day:
            return "not_yet"
        return ""


class AuthorisationPdfQuerySet(models.QuerySet):
    def without_content(self):
        return self.defer("pdf")


class AuthorisationPdf(models.Model):
    """A PDF exactly as it was handed out: every printed version of a Vollmacht and the
    revocation notice. Never changed afterwards."""

    class Kind(models.TextChoices):
        AUTHORISATION = "authorisation", _("Vollmacht")
        REVOCATION = "revocation", _("Widerruf an das KJC")

    authorisation = models.ForeignKey(
        Authorisation, verbose_name=_("Vollmacht"), on_delete=models.PROTECT, related_name="pdfs"
    )
    kind = models.CharField(_("Art"), max_length=14, choices=Kind.choices)
    version = models.PositiveIntegerField(_("Fassung"))
    token = models.CharField(_("Prüfcode"), max_length=64, blank=True, db_index=True)
    short_code = models.CharField(_("Kurz-Prüfcode"), max_length=14, blank=True, db_index=True)
    pdf = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erstellt von"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)

    objects = AuthorisationPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF einer Vollmacht")
        verbose_name_plural = _("PDFs von Vollmachten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["authorisation", "kind", "version"], name="authorisation_pdf_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.authorisation_id}/{self.version}"

    def save(self, *args, **kwargs):
        data = bytes(self.pdf)
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        super().save(*args, **kwargs)


class PrintJob(models.Model):
    """A print bundle made by the task worker: the handover sheet followed by the Vollmachten
    handed over with it, as one PDF to print. The page shows its progress and then the download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    handover = models.ForeignKey(
        Handover, verbose_name=_("Übergabe"), on_delete=models.CASCADE, related_name="print_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angefordert von"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("erledigt"), default=0)
    total = models.PositiveIntegerField(_("insgesamt"), default=0)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Druckauftrag")
        verbose_name_plural = _("Druckaufträge")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.handover} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def principal_ids(self) -> list[int]:
        """The people whose Vollmacht is in the bundle: the bundle never holds anyone whose
        processing was restricted when it was made (Art. 18 GDPR)."""
        return list(
            self.handover.authorisations.exclude(principal__restricted_at__lte=self.created_at).values_list(
                "principal_id", flat=True
            )
        )

    def withheld_from(self, user) -> bool:
        """True when someone in the bundle has been restricted since it was made: then only
        administrators may still download it; everyone else prints a new one."""
        return (
            not user.is_admin_role
            and self.handover.authorisations.filter(principal__restricted_at__gt=self.created_at).exists()
        )

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import security


class Role(models.TextChoices):
    """The six roles of docs/product.md ("Who uses it"). Each is also a Group carrying its model permissions."""

    CASEWORKER = "Fallmanagement", _("Fallmanagement")
    TEAMLEAD = "Teamleitung", _("Teamleitung")
    ADMIN = "Administration", _("Administration")
    VOLUNTEER = "Ehrenamt", _("Ehrenamt")
    KJC = "KJC", _("KJC")
    DPO = "Datenschutz", _("Datenschutz")

    @classmethod
    def staff(cls):
        return (cls.CASEWORKER, cls.TEAMLEAD, cls.ADMIN)


Role.STAFF = tuple(Role.staff())


class UiLanguage(models.TextChoices):
    """The language of the pages a user sees. German unless the user chooses otherwise: the
    browser's Accept-Language does not decide (an office PC with an English browser)."""

    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMIN)
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: staff, volunteer or KJC clerk. Logs in with the e-mail address."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Vollständiger Name"), max_length=200)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Deaktivierte Konten können sich nicht mehr anmelden.")
    )
    date_joined = models.DateTimeField(_("angelegt am"), default=timezone.now)
    language = models.CharField(
        _("Sprache der Oberfläche"), max_length=8, choices=UiLanguage.choices, default=UiLanguage.GERMAN
    )
    oidc_subject = models.CharField(
        _("Kennung beim Konto des Kreises"),
        max_length=500,
        blank=True,
        default="",
        help_text=_(
            "Aussteller und Kennung (sub) der Anmeldung mit dem Konto des Kreises, getrennt durch „|“; "
            "wird bei der ersten Anmeldung gesetzt. Leeren, um das Konto neu zu verknüpfen."
        ),
    )

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(models.functions.Lower("email"), name="accounts_user_email_ci_unique"),
            models.UniqueConstraint(
                fields=["oidc_subject"], condition=~models.Q(oidc_subject=""), name="accounts_user_oidc_subject_unique"
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_staff(self):
        """Only administrators reach the Django admin."""
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_caseworker(self):
        return self.role == Role.CASEWORKER

    @property
    def is_teamlead(self):
        return self.role == Role.TEAMLEAD

    @property
    def is_admin_role(self):
        return self.role == Role.ADMIN

    @property
    def is_back_office(self):
        return self.role in Role.STAFF

    @property
    def is_volunteer(self):
        return self.role == Role.VOLUNTEER

    @property
    def is_kjc(self):
        return self.role == Role.KJC

    @property
    def is_data_protection_officer(self):
        return self.role == Role.DPO

    @property
    def sees_all_cases(self):
        return self.role in (Role.TEAMLEAD, Role.ADMIN)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_role = instance.__dict__.get("role")
        return instance

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._sync_role_group()
        previous = getattr(self, "_loaded_role", None)
        if previous is not None and previous != self.role:
            security.event("role_change", user=self, old=previous, new=self.role)
        self._loaded_role = self.role

    def _sync_role_group(self):
        """Membership in exactly the group of the role, so the role's permissions apply."""
        role_groups = Group.objects.filter(name__in=Role.values)
        self.groups.remove(*role_groups.exclude(name=self.role))
        if self.role:
            group, _created = Group.objects.get_or_create(name=self.role)
            self.groups.add(group)


class SubmittedForm(models.Model):
    """A form token that has been used: the same form sent twice (double click, back button)
    is processed once. See accounts/once.py."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    redirect_to = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gesendetes Formular")
        verbose_name_plural = _("gesendete Formulare")

    def __str__(self):
        return self.token

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import Volunteer
from wir_fallmanagement import forms as guided
from wir_fallmanagement.stale import StaleCheckForm
from wir_fallmanagement.uploads import check_upload

from . import texts
from .models import Authorisation, Handover, KjcBranch, Scope, default_scopes

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value: datetime.date | None, field: str, errors: dict):
    if value and value > timezone.localdate():
        errors[field] = _("Das Datum liegt in der Zukunft.")


class AuthorisationForm(StaleCheckForm):
    """What goes on the document. The principal is fixed by the URL (client or assignment)."""

    scopes = forms.MultipleChoiceField(
        label=_("Umfang der Vollmacht"),
        choices=Scope.choices,
        initial=default_scopes,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("„Geld in Empfang nehmen“ nur ankreuzen, wenn es wirklich nötig ist."),
        error_messages={"required": _("Bitte kreuzen Sie mindestens einen Bereich an.")},
    )
    rdg_acknowledged = forms.BooleanField(
        label=_("Ich habe den Hinweis zu § 6 RDG gelesen."),
        required=False,
        help_text=_(
            "Nur bei „Widerspruch einlegen“: Rechtliche Hilfe für Menschen außerhalb von Familie, Nachbarschaft "
            "oder ähnlich engen Beziehungen ist – auch unentgeltlich – nur unter Anleitung einer Volljuristin oder "
            "eines Volljuristen erlaubt, z. B. einer Rechtsanwältin oder eines Rechtsanwalts (§ 6 Abs. 2 RDG). "
            "Klären Sie die Anleitung, bevor die Person Widerspruch einlegt."
        ),
    )
    language = forms.ChoiceField(
        label=_("Arbeitsübersetzung in"),
        required=False,
        help_text=_("Nicht verbindlich; verbindlich ist der deutsche Text."),
    )

    class Meta:
        model = Authorisation
        fields = [
            "agent",
            "kjc_branch",
            "guardian_name",
            "scopes",
            "rdg_acknowledged",
            "exclusions",
            "valid_from",
            "valid_until",
            "language",
        ]
        widgets = {
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "exclusions": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "exclusions": _("Was die Vollmacht nicht umfassen soll, in eigenen Worten (erscheint auf dem Dokument)."),
            "valid_until": _("Leer lassen: gilt bis auf Widerruf."),
        }

    def __init__(self, *args, principal, agents=None, fixed_agent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.principal = principal
        self.instance.principal = principal
        self.fields["language"].choices = [("", _("keine Übersetzung (nur Deutsch)")), *texts.language_choices()]
        self.fields["kjc_branch"].queryset = KjcBranch.objects.filter(is_active=True)
        self.fields["kjc_branch"].required = True
        self.fields["kjc_branch"].empty_label = None
        if agents is None:
            agents = Volunteer.objects.exclude(status=Volunteer.Status.LEFT)
        self.fields["agent"].queryset = agents
        if fixed_agent is not None:
            self.fields["agent"].queryset = Volunteer.objects.filter(pk=fixed_agent.pk)
            self.fields["agent"].initial = fixed_agent.pk
            self.fields["agent"].empty_label = None
        if principal.is_minor:
            self.fields["guardian_name"].required = True
            self.fields["guardian_name"].label = _("Gesetzliche Vertretung (unterschreibt für das Kind)")
        else:
            del self.fields["guardian_name"]
            self.instance.guardian_name = ""
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("language", _client_translation(principal))

    def clean(self):
        data = super().clean()
        errors = {}
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            errors["valid_until"] = _("Das Ende liegt vor dem Beginn.")
        if Scope.OBJECTION in (data.get("scopes") or []) and not data.get("rdg_acknowledged"):
            errors["rdg_acknowledged"] = _(
                "Bei „Widerspruch einlegen“ bestätigen Sie bitte, dass Sie den Hinweis zu § 6 RDG gelesen haben."
            )
        agent = data.get("agent")
        if agent is not None:
            # One ended by date but not yet marked expired does not count: the service expires it.
            others = list(
                Authorisation.objects.active()
                .filter(principal=self.principal, agent=agent)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate()))
                .exclude(pk=self.instance.pk)[:1]
            )
            if others:
                errors["agent"] = _(
                    "Für %(principal)s gibt es schon eine Vollmacht dieser Person (Nr. %(number)s). Eine "
                    "volljährige Person erteilt derselben bevollmächtigten Person nur eine Vollmacht zur Zeit; "
                    "widerrufen Sie die alte, bevor Sie eine neue anlegen."
                ) % {"principal": self.principal, "number": others[0].pk}
        if errors:
            raise forms.ValidationError(errors)
        if Scope.OBJECTION not in (data.get("scopes") or []):
            data["rdg_acknowledged"] = False
        data["language"] = data.get("language") or ""
        return data

    def content(self) -> dict:
        """The cleaned values of the document's fields, for the services."""
        return {name: self.cleaned_data[name] for name in self.fields if name != "edit_version"}


def _client_translation(client) -> str:
    """The first language of the client for which a translation exists."""
    return texts.TEXTS.for_client(client.language_codes())


class SignForm(guided.Form):
    html_constraints = {"signed_on": {"max": guided.today}}
    signed_on = forms.DateField(label=_("unterschrieben am"), widget=DATE_WIDGET, initial=timezone.localdate)
    holder = forms.ChoiceField(
        label=_("Das Original liegt bei"),
        choices=[c for c in Authorisation.Holder.choices if c[0] != Authorisation.Holder.KJC],
        initial=Authorisation.Holder.OFFICE,
        help_text=_("Das KJC erhält das Original mit der nächsten Übergabe."),
    )
    scan = forms.FileField(
        label=_("Scan der unterschriebenen Vollmacht"),
        required=False,
        help_text=_("PDF, JPEG oder PNG, höchstens 10 MB."),
    )
    original_at_hand = forms.BooleanField(
        label=_("Das unterschriebene Original liegt vor (beide Unterschriften, Ort und Datum)."), required=False
    )

    def __init__(self, *args, authorisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.authorisation = authorisation

    def clean_scan(self):
        """The same checks as every upload (wir_fallmanagement.uploads): the checked file."""
        scan = self.cleaned_data.get("scan")
        return check_upload(scan) if scan else None

    def clean(self):
        data = super().clean()
        errors = {}
        if not data.get("scan") and not data.get("original_at_hand") and "scan" not in self.errors:
            errors["original_at_hand"] = _(
                "Laden Sie den Scan hoch oder bestätigen Sie, dass das unterschriebene Original vorliegt."
            )
        signed_on = data.get("signed_on")
        _not_in_future(signed_on, "signed_on", errors)
        printed = self.authorisation.printed_at if self.authorisation else None
        if signed_on and printed and signed_on < timezone.localtime(printed).date():
            errors["signed_on"] = _("Die Vollmacht wurde erst am %(date)s gedruckt.") % {
                "date": timezone.localtime(printed).strftime("%d.%m.%Y")
            }
        if errors:
            raise forms.ValidationError(errors)
        return data


class RevokeForm(guided.Form):
    html_constraints = {"revoked_on": {"max": guided.today}, "sent_on": {"max": guided.today}}
    declared_by = forms.ChoiceField(label=_("Wer widerruft?"), choices=Authorisation.DeclaredBy.choices)
    revoked_on = forms.DateField(
        label=_("widerrufen am"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
        help_text=_("Der Tag der Erklärung. Gegenüber dem KJC zählt der Tag, an dem der Widerruf dort eingeht."),
    )
    reason = forms.CharField(
        label=_("Grund"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur für die Akte; der Grund steht nicht auf der Mitteilung an das KJC."),
    )
    sent_on = forms.DateField(
        label=_("an das KJC geschickt am"), widget=DATE_WIDGET, required=False, help_text=_("Falls schon bekannt.")
    )

    def clean(self):
        data = super().clean()
        errors = {}
        _not_in_future(data.get("revoked_on"), "revoked_on", errors)
        _not_in_future(data.get("sent_on"), "sent_on", errors)
        if data.get("sent_on") and data.get("revoked_on") and data["sent_on"] < data["revoked_on"]:
            errors["sent_on"] = _("Der Widerruf kann nicht vor seiner Erklärung verschickt werden.")
        if errors:
            raise forms.ValidationError(errors)
        return data


class RevocationDeliveryForm(guided.Form):
    html_constraints = {"sent_on": {"max": guided.today}, "received_on": {"max": guided.today}}
    sent_on = forms.DateField(label=_("an das KJC geschickt am"), widget=DATE_WIDGET, required=False)
    received_on = forms.DateField(
        label=_("beim KJC eingegangen am"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Ab diesem Tag gilt die Vollmacht auch gegenüber dem KJC als widerrufen."),
    )

    def __init__(self, *args, authorisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.authorisation = authorisation

    def clean(self):
        data = super().clean()
        errors = {}
        sent_on, received_on = data.get("sent_on"), data.get("received_on")
        _not_in_future(sent_on, "sent_on", errors)
        _not_in_future(received_on, "received_on", errors)
        revoked_on = self.authorisation.revoked_on
        if sent_on and revoked_on and sent_on < revoked_on:
            errors["sent_on"] = _("Der Widerruf kann nicht vor seiner Erklärung verschickt werden.")
        if received_on and sent_on and received_on < sent_on:
            errors["received_on"] = _("Der Eingang liegt vor dem Versand.")
        if received_on and revoked_on and received_on < revoked_on:
            errors["received_on"] = _("Der Eingang liegt vor der Erklärung des Widerrufs.")
        if errors:
            raise forms.ValidationError(errors)
        return data


class AuthorisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("Nr. %(number)s: %(principal)s – bevollmächtigt: %(agent)s (unterschrieben am %(date)s)") % {
            "number": obj.pk,
            "principal": obj.principal,
            "agent": obj.agent,
            "date": obj.signed_on.strftime("%d.%m.%Y"),
        }


class ConsentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(client)s: Einwilligung vom %(date)s – %(purpose)s") % {
            "client": obj.client,
            "date": obj.given_on.strftime("%d.%m.%Y"),
            "purpose": obj.purpose,
        }


class HandoverForm(guided.ModelForm):
    authorisations = AuthorisationChoiceField(
        label=_("Unterschriebene Vollmachten"),
        queryset=Authorisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Vollmacht.")},
    )
    consents = ConsentChoiceField(
        label=_("Einwilligungen in die Datenübermittlung an das KJC"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Nur gültige Einwilligungen der Personen oben, die das KJC als Empfänger nennen."),
    )

    class Meta:
        model = Handover
        fields = ["kjc_branch", "team", "handed_over_on", "note"]
        widgets = {"handed_over_on": DATE_WIDGET}

    def __init__(self, *args, authorisations, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kjc_branch"].queryset = KjcBranch.objects.filter(is_active=True)
        self.fields["kjc_branch"].empty_label = None
        self.fields["authorisations"].queryset = authorisations
        self.fields["consents"].queryset = consents
        self.order_fields(["authorisations", "consents", "kjc_branch", "team", "handed_over_on", "note"])

    def clean(self):
        data = super().clean()
        errors = {}
        _not_in_future(data.get("handed_over_on"), "handed_over_on", errors)
        principals = {a.principal_id for a in data.get("authorisations") or []}
        if any(c.client_id not in principals for c in data.get("consents") or []):
            errors["consents"] = _("Geben Sie Einwilligungen nur zusammen mit der Vollmacht derselben Person weiter.")
        if errors:
            raise forms.ValidationError(errors)
        return data

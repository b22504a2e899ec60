"""No lost updates: an edit form refuses to save over a change someone else saved after the form
was opened (the same rule as the client form, see cases.services.update_client).

A model with `EditVersioned` counts its saves in `edit_version`; the form carries the count it
was opened with (`StaleCheckForm`), and `save_unless_stale` locks the row, compares and saves in
one transaction, so two simultaneous saves are serialised and the second one is refused. The
view then shows the message, keeps the user's input and lists the current values; saving again
applies the input over them."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import forms as guided
from .constraints import constraint_errors

T = TypeVar("T")


class EditVersioned(models.Model):
    edit_version = models.PositiveIntegerField(gettext_lazy("Bearbeitungsstand"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.edit_version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version"}
        super().save(*args, **kwargs)


class StaleEdit(Exception):
    """Someone else saved the record after the form was opened."""

    def __init__(self, current: models.Model):
        super().__init__("stale")
        self.current = current


class StaleCheckForm(guided.ModelForm):
    """A ModelForm for an EditVersioned model, carrying the version it was opened with."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: constraint name → message, where the constraint's own message would say too much
    constraint_messages: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_values: list[tuple[str, str]] = []
        self.result = None
        if self.instance.pk is None:
            del self.fields["edit_version"]
        else:
            self.fields["edit_version"].initial = self.instance.edit_version

    def save_unless_stale(self, save: Callable[[], T] | None = None) -> T:
        """Run `save` (default: `self.save()`) with the row locked, or raise StaleEdit."""
        with transaction.atomic():
            current = type(self.instance).objects.select_for_update().get(pk=self.instance.pk)
            expected = self.cleaned_data.get("edit_version")
            if expected is None or expected != current.edit_version:
                raise StaleEdit(current)
            self.instance.edit_version = current.edit_version
            return save() if save is not None else self.save()

    def save_or_refuse(self, save: Callable[[], T] | None = None) -> bool:
        """Save like `save_unless_stale` (a new record: just save). False, with the reason added
        to the form, when the record changed meanwhile or a database constraint refused the save
        (someone saved the same thing at the same moment). What `save` returned is in `result`."""
        save = save or self.save
        try:
            with constraint_errors(type(self.instance), messages=self.constraint_messages):
                if self.instance._state.adding:
                    # A savepoint: a refused insert must not end a surrounding transaction (the
                    # one-time form token's, accounts.once), in which the form is still shown.
                    with transaction.atomic():
                        self.result = save()
                else:
                    self.result = self.save_unless_stale(save)
        except StaleEdit as stale:
            self.stale_values = self.refuse_stale(stale.current)
            return False
        except ValidationError as error:
            self.add_error(None, error)
            return False
        return True

    def refuse_stale(self, current: models.Model) -> list[tuple[str, str]]:
        """Tell the user, keep their input (counted against the current version from now on) and
        return the current values as (label, value) rows to show next to it."""
        self.add_error(None, stale_message(current))
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = current.edit_version
        return current_values(self, current)


def stale_message(current: models.Model) -> str:
    """What a user is told when someone else saved the record since they opened the form."""
    last = current.history.select_related("history_user").first() if hasattr(current, "history") else None
    return _(
        "Inzwischen hat %(user)s diese Daten geändert (%(when)s). Ihre Eingaben wurden NICHT gespeichert, "
        "sind aber unten erhalten. Bitte vergleichen Sie mit den aktuellen Werten und speichern Sie erneut."
    ) % {
        "user": (last.history_user if last and last.history_user else _("jemand anderes")),
        "when": timezone.localtime(last.history_date).strftime("%d.%m.%Y %H:%M") if last else "",
    }


def current_values(form: forms.ModelForm, current: models.Model) -> list[tuple[str, str]]:
    rows = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (e.g. a confirmation box): nothing stored
            continue
        if model_field.many_to_many:
            value = ", ".join(str(item) for item in getattr(current, name).all())
        elif model_field.choices:
            value = getattr(current, f"get_{name}_display")()
        else:
            value = getattr(current, name)
            if isinstance(value, bool):
                value = _("ja") if value else _("nein")
            elif hasattr(value, "strftime"):
                value = value.strftime("%d.%m.%Y")
        rows.append((str(field.label), "" if value is None else str(value)))
    return rows

"""Named database constraints as form errors.

A form checks a constraint before saving, but two people saving at the same moment both pass
that check; the database then refuses the second row. `constraint_errors` turns that refusal into
the constraint's own German message (a ValidationError the view shows at the form) instead of a
server error. Use it around the transaction, not inside it: the failed statement has to be
rolled back (to the savepoint) before anything else can run."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models


def violated_constraint(error: IntegrityError) -> str:
    """The name of the constraint PostgreSQL reports as violated, or ""."""
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def _messages(model: type[models.Model]) -> dict[str, ValidationError]:
    found = {}
    for constraint in model._meta.constraints:
        found[constraint.name] = ValidationError(constraint.get_violation_error_message())
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            # PostgreSQL names the index of `unique=True` <table>_<column>_key (for short names).
            message = field.error_messages["unique"] % {
                "model_name": model._meta.verbose_name,
                "field_label": field.verbose_name,
            }
            found[f"{model._meta.db_table}_{field.column}_key"] = ValidationError({field.name: message})
    return found


@contextmanager
def constraint_errors(*models_: type[models.Model], messages: dict | None = None) -> Iterator[None]:
    """`messages` replaces a constraint's own message (by constraint name), e.g. where the
    message must not tell that a value exists."""
    try:
        yield
    except IntegrityError as error:
        name = violated_constraint(error)
        if messages and name in messages:
            raise ValidationError(messages[name]) from error
        for model in models_:
            if name in (known := _messages(model)):
                raise known[name] from error
        raise

"""Suggest volunteers for a client, ranked by what matters to caseworkers.

1. a shared language (the better the volunteer speaks it, the higher),
2. the client's municipality among those the volunteer covers,
3. availability (number of weekdays the volunteer offers),
4. current load (fewer active assignments first).

Only active volunteers not already accompanying the client are suggested; those who cannot be
assigned yet (police certificate, pledge) are still shown, with the reason. One query for the
ranked page plus one for the languages of the volunteers on it.
"""

from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import LanguageLevel

from .models import Assignment, Volunteer, VolunteerLanguage

LEVEL_WEIGHT = {LanguageLevel.NATIVE: 4, LanguageLevel.FLUENT: 3, LanguageLevel.GOOD: 2, LanguageLevel.BASIC: 1}


class Cardinality(Func):
    function = "cardinality"
    output_field = IntegerField()


def suggestions(client, day=None):
    """Active volunteers ranked for `client`, annotated with `language_score`, `same_municipality`,
    `available_days` and `active_assignment_count`."""
    day = day or timezone.localdate()
    client_language_ids = list(client.languages.values_list("language_id", flat=True))
    shared = (
        VolunteerLanguage.objects.filter(volunteer=OuterRef("pk"), language_id__in=client_language_ids)
        .annotate(weight=Case(*[When(level=k, then=Value(v)) for k, v in LEVEL_WEIGHT.items()], default=Value(0)))
        .order_by("-weight")
        .values("weight")[:1]
    )
    if client.municipality_id:
        same_municipality = Exists(
            Volunteer.municipalities.through.objects.filter(
                volunteer_id=OuterRef("pk"), municipality_id=client.municipality_id
            )
        )
    else:
        same_municipality = Value(False)
    already = Assignment.objects.active_on(day).filter(client=client, volunteer=OuterRef("pk"))
    return (
        Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
        .exclude(Exists(already))
        .with_activity(day)
        .annotate(
            language_score=Coalesce(Subquery(shared, output_field=IntegerField()), 0),
            same_municipality=same_municipality,
            available_days=Coalesce(Cardinality(F("availability_days")), 0),
        )
        .order_by(
            "-language_score",
            F("same_municipality").desc(),
            "-available_days",
            "active_assignment_count",
            "family_name",
            "given_names",
            "pk",
        )
    ), client_language_ids


def with_languages(volunteers):
    """Prefetch the languages of a page of suggestions (one query)."""
    return volunteers.prefetch_related(
        Prefetch("languages", queryset=VolunteerLanguage.objects.select_related("language"))
    )


def explain(volunteer, client, client_language_ids) -> str:
    """One German line saying why this volunteer is suggested (or what speaks against it)."""
    parts = []
    shared = [vl for vl in volunteer.languages.all() if vl.language_id in client_language_ids]
    shared.sort(key=lambda vl: -LEVEL_WEIGHT.get(vl.level, 0))
    if shared:
        parts.append(
            _("spricht %(languages)s")
            % {"languages": ", ".join(f"{vl.language.name} ({vl.get_level_display()})" for vl in shared)}
        )
    elif client_language_ids:
        parts.append(_("keine gemeinsame Sprache"))
    else:
        parts.append(_("für die Person sind keine Sprachen erfasst"))
    if client.municipality_id:
        if volunteer.same_municipality:
            parts.append(_("begleitet in %(place)s") % {"place": client.municipality.name})
        else:
            parts.append(_("nicht in %(place)s tätig") % {"place": client.municipality.name})
    if volunteer.available_days:
        parts.append(_("verfügbar %(days)s") % {"days": volunteer.availability_days_display})
    else:
        parts.append(_("keine Verfügbarkeit angegeben"))
    count = volunteer.active_assignment_count
    if count:
        parts.append(
            ngettext("begleitet zurzeit %(count)d Person", "begleitet zurzeit %(count)d Personen", count)
            % {"count": count}
        )
    else:
        parts.append(_("begleitet zurzeit niemanden"))
    line = "; ".join(parts)
    return line[:1].upper() + line[1:] + "."

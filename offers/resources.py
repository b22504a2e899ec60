"""Exports of the offers app's staff lists (cases/exports.py): an offer's referrals, its
participant list for the provider, and the BuT applications."""

from django.utils.translation import gettext_lazy as _

from wir_fallmanagement.spreadsheets import ExportResource, column


class ReferralExportResource(ExportResource):
    offer = column("offer__title", _("Angebot"))
    family_name = column("client__family_name", _("Familienname"))
    given_names = column("client__given_names", _("Vorname(n)"))
    status = column("get_status_display", _("Status"))
    suggested_on = column("suggested_on", _("vorgeschlagen am"))
    registered_on = column("registered_on", _("angemeldet am"))
    waitlisted_at = column("waitlisted_at", _("auf der Warteliste seit"))
    started_on = column("started_on", _("nimmt teil seit"))
    ended_on = column("ended_on", _("beendet am"))


class ParticipantExportResource(ExportResource):
    """What the provider receives: name, year of birth, status and dates — no address, no case data."""

    offer = column("offer__title", _("Angebot"))
    provider = column("offer__provider__name", _("Träger"))
    family_name = column("client__family_name", _("Familienname"))
    given_names = column("client__given_names", _("Vorname(n)"))
    birth_year = column("client__birth_year", _("Geburtsjahr"))
    status = column("get_status_display", _("Status"))
    registered_on = column("registered_on", _("angemeldet am"))
    started_on = column("started_on", _("nimmt teil seit"))


class ButApplicationExportResource(ExportResource):
    family_name = column("child__family_name", _("Familienname"))
    given_names = column("child__given_names", _("Vorname(n)"))
    birth_year = column("child__birth_year", _("Geburtsjahr"))
    category = column("get_category_display", _("Leistung"))
    amount = column("amount", _("Betrag (Euro)"))
    status = column("get_status_display", _("Status"))
    advised_on = column("advised_on", _("beraten am"))
    applied_on = column("applied_on", _("beantragt am"))
    decided_on = column("decided_on", _("entschieden am"))
    period_from = column("period_from", _("Bewilligungszeitraum von"))
    period_until = column("period_until", _("Bewilligungszeitraum bis"))

"""Exports of the cases app's staff lists (cases/exports.py): the client list and the follow-ups."""

import datetime

from django.utils.translation import gettext_lazy as _

from wir_fallmanagement.spreadsheets import ExportResource, column


class ClientExportResource(ExportResource):
    family_name = column("family_name", _("Familienname"))
    given_names = column("given_names", _("Vorname(n)"))
    date_of_birth = column("date_of_birth_display", _("Geburtsdatum"))
    birth_year = column("birth_year", _("Geburtsjahr"))
    gender = column("get_gender_display", _("Geschlecht"))
    municipality = column("municipality", _("Kommune"))
    bg_number = column("household__bg_number", _("BG-Nummer"))
    case_status = column("open_case__get_status_display", _("Fallstatus"))
    caseworker = column("open_case__caseworker", _("zuständig"))

    def dehydrate_date_of_birth(self, client):
        """A date when day and month are known, else the text with "??" (as on the page)."""
        if client.birth_day and client.birth_month:
            try:
                return datetime.date(client.birth_year, client.birth_month, client.birth_day)
            except ValueError:
                pass
        return client.date_of_birth_display


class FollowUpExportResource(ExportResource):
    due_on = column("due_on", _("fällig am"))
    family_name = column("client__family_name", _("Familienname"))
    given_names = column("client__given_names", _("Vorname(n)"))
    text = column("text", _("Worum geht es?"))
    owner = column("owner", _("zuständig"))
    created_at = column("created_at", _("angelegt am"))

"""Export of the volunteer list (cases/exports.py)."""

from django.utils.translation import gettext_lazy as _

from wir_fallmanagement.spreadsheets import ExportResource, column


class VolunteerExportResource(ExportResource):
    family_name = column("family_name", _("Familienname"))
    given_names = column("given_names", _("Vorname(n)"))
    status = column("get_status_display", _("Status"))
    email = column("email", _("E-Mail"))
    phone = column("phone", _("Telefon"))
    languages = column("languages", _("Sprachen"))
    municipalities = column("municipalities", _("Kommunen"))
    lay_interpreter = column("lay_interpreter", _("Sprachmittler:in"))
    active_assignments = column("active_assignment_count", _("aktive Begleitungen"))
    confidentiality_signed_on = column("confidentiality_signed_on", _("Verschwiegenheitserklärung unterschrieben am"))

    def dehydrate_languages(self, volunteer):
        return ", ".join(vl.language.name for vl in volunteer.languages.all())

    def dehydrate_municipalities(self, volunteer):
        return ", ".join(m.name for m in volunteer.municipalities.all())

"""Exports of the Vollmacht list and the handover list (cases/exports.py)."""

from django.utils.translation import gettext_lazy as _

from wir_fallmanagement.spreadsheets import ExportResource, column


class AuthorisationExportResource(ExportResource):
    number = column("pk", _("Nr."))
    principal_family_name = column("principal__family_name", _("Vollmachtgeber:in Familienname"))
    principal_given_names = column("principal__given_names", _("Vollmachtgeber:in Vorname(n)"))
    agent = column("agent", _("Bevollmächtigte:r"))
    status = column("get_status_display", _("Status"))
    valid_from = column("valid_from", _("gültig ab"))
    valid_until = column("valid_until", _("gültig bis"))
    signed_on = column("signed_on", _("unterschrieben am"))
    created_at = column("created_at", _("angelegt am"))


class HandoverExportResource(ExportResource):
    number = column("pk", _("Nr."))
    handed_over_on = column("handed_over_on", _("übergeben am"))
    kjc_branch = column("kjc_branch", _("Geschäftsstelle"))
    team = column("get_team_display", _("Team"))
    authorisations = column("authorisation_count", _("Vollmachten"))
    consents = column("consent_count", _("Einwilligungen"))
    created_by = column("created_by", _("erfasst von"))

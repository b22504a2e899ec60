"""What the volunteers app contributes to a client's GDPR export (registered in
VolunteersConfig.ready())."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Appointment


def client_export(client):
    """What this app stores about a client (GDPR Art. 15): assignments and noted appointments."""
    assignments = client.assignments.select_related("volunteer").order_by("start_on", "pk")
    appointments = Appointment.objects.filter(client=client).select_related("volunteer").order_by("starts_at", "pk")
    return {
        _("Ehrenamtliche Begleitungen"): [
            {
                _("Ehrenamtliche:r"): a.volunteer.full_name,
                _("Art"): a.get_kind_display(),
                _("Beginn"): f"{a.start_on:%d.%m.%Y}",
                _("Ende"): f"{a.end_on:%d.%m.%Y}" if a.end_on else "",
                _("Notiz"): a.note,
            }
            for a in assignments
        ],
        _("Termine aus dem Ehrenamtsportal"): [
            {
                _("Ehrenamtliche:r"): ap.volunteer.full_name,
                _("Datum und Uhrzeit"): f"{timezone.localtime(ap.starts_at):%d.%m.%Y %H:%M}",
                _("Ort"): ap.place,
                _("Worum geht es?"): ap.note,
                _("abgesagt am"): f"{timezone.localtime(ap.cancelled_at):%d.%m.%Y}" if ap.cancelled_at else "",
            }
            for ap in appointments
        ],
    }

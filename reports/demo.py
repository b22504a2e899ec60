"""Demo data of the reports app: last year's narrative of the yearly report (the figures come
from the other apps' demo data; the worklists show their BuT and MInA cases)."""

from django.utils import timezone

from accounts.models import Role, User

from .models import YearlyNarrative

NARRATIVE = """Im Jahr {year} hat das WIR-Fallmanagement im Odenwaldkreis Geflüchtete in allen zwölf Kommunen begleitet.
Schwerpunkte waren der Übergang in Arbeit (mit dem Programm MInA), Sprachkurse und die Teilhabe der Kinder über Bildung und Teilhabe.
Ehrenamtliche haben Familien bei Terminen begleitet; die Zusammenarbeit mit dem Kommunalen Job-Center lief über Vollmachten und Einwilligungen.
(Demo-Text – alle Angaben sind erfunden.)"""


def seed(stdout=None) -> None:
    year = timezone.localdate().year - 1
    lead = User.objects.filter(role=Role.TEAMLEAD).order_by("email").first()
    YearlyNarrative.objects.get_or_create(year=year, defaults={"text": NARRATIVE.format(year=year), "updated_by": lead})
    if stdout is not None:
        stdout.write(f"Auswertungen: Sachbericht {year} (Demo-Text) angelegt.")

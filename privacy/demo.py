"""Demo data of the privacy app: a legal hold on a closed case and an erasure request waiting for a
decision, so that the data protection pages have something to show (only with WIR_DEMO=1)."""

from accounts.models import User
from cases.models import Case

from .models import ErasureRequest, LegalHold


def seed(stdout=None):
    admin = User.objects.get(email="admin@demo.invalid")
    closed = list(Case.objects.filter(status=Case.Status.CLOSED).order_by("pk")[:2])
    if closed:
        LegalHold.objects.create(case=closed[0], reason="Widerspruch gegen Bescheid anhängig", created_by=admin)
    if len(closed) > 1:
        ErasureRequest.objects.create(client=closed[1].client, recorded_by=admin)

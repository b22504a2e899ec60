"""Requests of the data subject: erasure (Art. 17 GDPR) and restriction (Art. 18 GDPR)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import security
from cases.models import Case, Client

from . import retention
from .models import ErasureRequest, LegalHold, RetentionRun


def record_erasure_request(*, client: Client, user, received_on: datetime.date | None = None) -> ErasureRequest:
    request = ErasureRequest.objects.create(
        client=client, recorded_by=user, received_on=received_on or timezone.localdate()
    )
    security.event("erasure_recorded", user=user, request_id=request.pk)
    return request


def obstacles(client: Client) -> list[str]:
    """Why the person cannot be erased now (Art. 17 (3) GDPR): a legal hold, or a case still open."""
    reasons = []
    if LegalHold.objects.active().filter(case__client=client).exists():
        reasons.append(_("Für einen Fall der Person besteht eine Löschsperre."))
    if Case.objects.open().filter(client=client).exists():
        reasons.append(_("Ein Fall der Person ist noch offen; schließen Sie ihn zuerst ab."))
    return reasons


def carry_out_erasure(*, erasure: ErasureRequest, user) -> ErasureRequest:
    """Check the request against holds and open cases, then anonymise with the retention code."""
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if erasure.status == ErasureRequest.Status.DONE:
            return erasure
        client = Client.objects.select_for_update().get(pk=erasure.client_id)
        reasons = obstacles(client)
        erasure.decided_at = timezone.now()
        if reasons:
            erasure.status = ErasureRequest.Status.BLOCKED
            erasure.outcome = " ".join(reasons)[:300]
        else:
            run = RetentionRun.objects.create(today=timezone.localdate(), trigger=RetentionRun.Trigger.ERASURE)
            counts = retention.anonymise_clients([client.pk])
            run.counts = {kind: n for kind, n in sorted(counts.items()) if n}
            run.finished_at = timezone.now()
            run.save(update_fields=["counts", "finished_at"])
            erasure.run = run
            erasure.status = ErasureRequest.Status.DONE
            erasure.outcome = ""
        erasure.save()
    security.event("erasure_decided", user=user, request_id=erasure.pk, status=erasure.status)
    return erasure


def set_restriction(*, client: Client, user, restricted: bool) -> Client:
    """Art. 18 GDPR: while restricted only administrators see the person anywhere."""
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        client.restricted_at = timezone.now() if restricted else None
        client.save(update_fields=["restricted_at"])
    security.event("processing_restricted" if restricted else "restriction_lifted", user=user, client=client.pk)
    return client

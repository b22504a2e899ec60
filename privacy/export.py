"""What the privacy app contributes to a client's GDPR export (registered in PrivacyConfig.ready()):
the labels of every exported record kind and field (from verbose_name, keyed by the stable field
names), how long each kind is kept, restriction, legal holds, erasure requests and the contact of
the data protection officer."""

from django.conf import settings
from django.utils import translation

from .models import ErasureRequest, LegalHold, RetentionPeriod
from .registry import CLASSIFICATION


def labels() -> dict:
    """{"app.Model": {"label": …, "retention": kind, "fields": {name: label}}} for every classified model."""
    with translation.override("de"):
        return {
            model._meta.label: {
                "label": str(model._meta.verbose_name),
                "retention": rules.retention or None,
                "fields": {
                    name: str(getattr(model._meta.get_field(name), "verbose_name", name)) for name in rules.fields
                },
            }
            for model, rules in sorted(CLASSIFICATION.items(), key=lambda item: item[0]._meta.label)
        }


def client_export(client) -> dict:
    periods = RetentionPeriod.objects.all()
    return {
        "data_protection": {
            "restricted_since": client.restricted_at.isoformat() if client.restricted_at else None,
            "retention_months": {p.kind: p.months for p in periods},
            "legal_holds": [
                {"since": h.since.isoformat(), "lifted_on": h.lifted_on.isoformat() if h.lifted_on else None}
                for h in LegalHold.objects.filter(case__client=client).order_by("since", "pk")
            ],
            "erasure_requests": [
                {"received_on": e.received_on.isoformat(), "status": e.status}
                for e in ErasureRequest.objects.filter(client=client).order_by("received_on", "pk")
            ],
            "data_protection_officer": settings.WIR_DPO_CONTACT or None,
            "labels": labels(),
        }
    }

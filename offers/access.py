"""Who may open which record of this app: one helper per object type, answering 404 for a record the
user may not see exactly as for a missing one (the rule itself is the model's QuerySet method)."""

from django.shortcuts import get_object_or_404

from .models import Referral


def get_referral_for(request, pk) -> Referral:
    """A referral of a client the user may see (Referral.objects.visible_to), else 404."""
    return get_object_or_404(
        Referral.objects.visible_to(request.user).select_related("offer", "offer__provider", "client"), pk=pk
    )

"""The one way views fetch clients and their records: scoped to what the user may see.

A client the user may not see answers 404, exactly like a missing one.
"""

from django.http import Http404

from accounts import security

from .models import Client


def get_client_for(request, pk, *, for_update: bool = False) -> Client:
    """The client with `pk` if `request.user` may see it (staff only), else 404.

    Every staff user who may see a client may also edit it (caseworker: own cases; team lead
    and administration: all). `for_update` locks the row for the rest of the transaction.
    """
    qs = Client.objects.visible_to(request.user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    client = qs.select_related("household", "municipality").filter(pk=pk).first()
    if client is None:
        if Client.objects.filter(pk=pk).exists():
            security.event("access_denied", request=request, outcome="denied", object="client")
        raise Http404
    return client

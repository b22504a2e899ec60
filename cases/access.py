"""The one way views fetch clients and their records: scoped to what the user may see.

A client (or a record of a client) the user may not see answers 404, exactly like a missing one;
a write action by a user without write access answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import security

from .models import Case, Client, Consent, Document, FollowUp, Goal


def get_client_for(request, pk, *, for_update: bool = False, columns=None) -> Client:
    """The client with `pk` if `request.user` may see it (staff only), else 404.

    Every staff user who may see a client may also edit it (caseworker: own cases; team lead
    and administration: all). `for_update` locks the row for the rest of the transaction;
    `columns` are read with the row (annotations, e.g. the short lists of the client page).
    """
    qs = Client.objects.visible_to(request.user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    client = qs.select_related("household", "municipality").annotate(**(columns or {})).filter(pk=pk).first()
    if client is None:
        if Client.objects.filter(pk=pk).exists():
            security.event("access_denied", request=request, outcome="denied", object="client")
        raise Http404
    return client


def _record_for(request, model, pk, *, write: bool):
    """The record of `model` with `pk` if it belongs to a client the user may see, else 404."""
    record = (
        model.objects.filter(client__in=Client.objects.visible_to(request.user))
        .select_related("client")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        if model.objects.filter(pk=pk).exists():
            security.event("access_denied", request=request, outcome="denied", object=model._meta.model_name)
        raise Http404
    if write and not request.user.is_back_office:
        raise PermissionDenied
    return record


def get_case_for(request, pk, *, write: bool = False) -> Case:
    return _record_for(request, Case, pk, write=write)


def get_followup_for(request, pk, *, write: bool = False) -> FollowUp:
    return _record_for(request, FollowUp, pk, write=write)


def get_goal_for(request, pk, *, write: bool = False) -> Goal:
    return _record_for(request, Goal, pk, write=write)


def get_consent_for(request, pk, *, write: bool = False) -> Consent:
    return _record_for(request, Consent, pk, write=write)


def get_document_for(request, pk, *, write: bool = False) -> Document:
    return _record_for(request, Document, pk, write=write)

from accounts import security

from .models import AccessLog


def log_access(request, action: str, *, client=None, target: str = "") -> AccessLog:
    """Record that `request.user` read personal data. `target` names the kind and id of the
    object ("authorisation:12"), never its contents."""
    entry = AccessLog.objects.create(user=request.user, client=client, action=action, target=target[:100])
    if action in (AccessLog.Action.EXPORT, AccessLog.Action.PDF, AccessLog.Action.DOCUMENT):
        security.event(action, request=request, target=target)
    return entry

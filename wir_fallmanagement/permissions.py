"""Access decorators shared by all apps.

Deny by default: LoginRequiredMiddleware sends anonymous users to the login page, and these
decorators answer 404 — not 403 — to logged-in users whose role has no business with a page,
so that the existence of a page or object is not revealed.
"""

from functools import wraps

from django.http import Http404

from accounts import security
from accounts.models import Role


def role_required(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles:
                security.event("access_denied", request=request, outcome="denied", view=view.__name__)
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


#: Fallmanagement, Teamleitung and Administration: the back office.
staff_required = role_required(*Role.STAFF)
volunteer_required = role_required(Role.VOLUNTEER)
kjc_required = role_required(Role.KJC)
teamlead_required = role_required(Role.TEAMLEAD, Role.ADMIN)
#: District setup (master data, name and logo): administrators only.
admin_required = role_required(Role.ADMIN)

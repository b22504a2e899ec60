from django.shortcuts import redirect, render

from accounts.models import Role
from wir_fallmanagement import extensions


def home(request):
    """`/`: the staff dashboard; volunteers and KJC clerks go to their own start pages."""
    role = request.user.role
    if role == Role.VOLUNTEER:
        return redirect("portal:home")
    if role == Role.KJC:
        return redirect("kjc:home")
    if role == Role.DPO:
        return redirect("privacy:overview")
    if role not in Role.STAFF:
        # An account without a role may log in but sees nothing until an administrator assigns one.
        return render(request, "reports/no_role.html", status=403)
    panels = [panel.render(request) for panel in extensions.dashboard_panels.panels(request)]
    return render(request, "reports/dashboard.html", {"panels": panels})

from django.conf import settings
from django.urls import reverse

from . import district


def site(request):
    """What every page needs: the district, the demo flag and the user's role for navigation."""
    user = getattr(request, "user", None)
    here = district.current()
    return {
        "district_name": here.name,
        "district_logo_url": reverse("district_logo", args=[here.logo_version]) if here.logo else "",
        "demo_mode": settings.WIR_DEMO,
        "user_role": user.role if user is not None and user.is_authenticated else None,
    }

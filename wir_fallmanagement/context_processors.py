from django.conf import settings


def site(request):
    """What every page needs: the district, the demo flag and the user's role for navigation."""
    user = getattr(request, "user", None)
    return {
        "district_name": settings.WIR_DISTRICT_NAME,
        "demo_mode": settings.WIR_DEMO,
        "user_role": user.role if user is not None and user.is_authenticated else None,
    }

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

SESSION_LOGIN_AT = "wir_login_at"


class SessionLifetimeMiddleware:
    """End a session 12 hours after login, however active it is (the idle limit is
    SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(SESSION_LOGIN_AT, now)
            if now - started > settings.WIR_SESSION_MAX_AGE.total_seconds():
                logout(request)
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages for a logged-in user carry personal data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

from django.conf import settings
from django.contrib.auth import logout
from django.db import DatabaseError
from django.http import HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .client_ip import passed_trusted_proxies

SESSION_LOGIN_AT = "wir_login_at"
SESSION_SEEN_AT = "wir_seen_at"


class TrustedProxyMiddleware:
    """`X-Forwarded-Proto` (which SECURE_PROXY_SSL_HEADER reads) counts only when the request
    came through the configured trusted proxies; otherwise a client could claim HTTPS itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not passed_trusted_proxies(request):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


class HostileRequestMiddleware:
    """A NUL byte anywhere in the path or query string, or a query string that is not UTF-8,
    is refused with 400 before any view parses a token, id or code from it (PostgreSQL cannot
    even compare text containing NUL, which used to end in a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in raw_query or "\x00" in raw_query:
            return HttpResponseBadRequest("Bad request")
        try:
            values = [v for vs in request.GET.lists() for v in vs[1]]
        except UnicodeDecodeError:
            return HttpResponseBadRequest("Bad request")
        if any("\x00" in v or "\ufffd" in v for v in values) or any("\x00" in k for k in request.GET):
            return HttpResponseBadRequest("Bad request")
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """End a session 12 hours after login, however active it is, and after SESSION_COOKIE_AGE
    (30 minutes) without a request.

    The idle limit is the session row's expiry date, which moves forward whenever the session
    is saved. Saving it on every request (SESSION_SAVE_EVERY_REQUEST) would cost every page an
    UPDATE and a commit; instead a request saves it only when the last save is
    WIR_SESSION_REFRESH_SECONDS (60) or more ago, so an idle session ends between 29 and 30
    minutes after its last request — never later than the limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = timezone.now().timestamp()
            started = session.setdefault(SESSION_LOGIN_AT, now)
            if now - started > settings.WIR_SESSION_MAX_AGE.total_seconds():
                logout(request)
            elif now - session.get(SESSION_SEEN_AT, 0) >= settings.WIR_SESSION_REFRESH_SECONDS:
                session[SESSION_SEEN_AT] = now  # modified: saved with a new expiry date

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


class UserLanguageMiddleware:
    """The page language: the logged-in user's own choice (`User.language`, German unless they
    chose English); before login the language switch's cookie, else German. Unlike Django's
    LocaleMiddleware the browser's Accept-Language never decides — an office PC with an English
    browser still shows German staff pages. (The public directory picks its own language, ?lang=.)
    Runs after AuthenticationMiddleware, so that it knows the user."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        user = getattr(request, "user", None)
        try:
            if user is not None and user.is_authenticated:
                code = getattr(user, "language", "") or settings.LANGUAGE_CODE
        except DatabaseError:  # the database is down: the 503 page in the cookie's language
            pass
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response

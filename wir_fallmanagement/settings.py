"""Settings for WIR-Fallmanagement, configured only by environment variables.

Defaults are production-safe: DEBUG is off, a SECRET_KEY is required, the demo is off.
`make run` sets DEBUG=1 and WIR_DEMO=1 for local use; see `.env.example` for every option.
Any variable may also be read from a file by setting `<NAME>_FILE` (Docker/Kubernetes secrets).
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.FileAwareEnv(
    DEBUG=(bool, False),
    WIR_DEMO=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
)
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")
# The demo creates logins with the password "demo": it must be switched on explicitly.
WIR_DEMO = env("WIR_DEMO")

# Commands that sign nothing may run without a key (a fresh checkout, CI, a migration job);
# everything else — the web server above all — refuses to start outside DEBUG without one.
_KEYLESS_COMMANDS = {"makemigrations", "migrate", "showmigrations", "compilemessages", "makemessages", "collectstatic"}
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-only-for-debug-mode-xxxxxxxx")
elif (
    "SECRET_KEY" not in os.environ
    and "SECRET_KEY_FILE" not in os.environ
    and (len(sys.argv) > 1 and sys.argv[0].endswith("manage.py") and sys.argv[1] in _KEYLESS_COMMANDS)
):
    SECRET_KEY = secrets.token_urlsafe(50)  # throwaway: nothing signed with it outlives the command
else:
    SECRET_KEY = env("SECRET_KEY")  # no default outside DEBUG: fail loudly

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# Our own packages, in layer order (see docs/architecture.md). The project package itself comes
# last: its management command seed_demo calls every app's demo module.
PROJECT_APPS = [
    "accounts",
    "cases",
    "offers",
    "volunteers",
    "authorisations",
    "portal",
    "reports",
    "operations",
    "imports",
    "privacy",
    "wir_fallmanagement",
]

INSTALLED_APPS = [
    "accounts.admin_site.WirAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "phonenumber_field",
    "django_countries",
    "simple_history",
    "procrastinate.contrib.django",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    # First: drops X-Forwarded-Proto unless the request came through WIR_TRUSTED_PROXIES proxies.
    "wir_fallmanagement.middleware.TrustedProxyMiddleware",
    # Second: NUL bytes and broken UTF-8 in the path or query string answer 400, never 500.
    "wir_fallmanagement.middleware.HostileRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wir_fallmanagement.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.twofactor.SecondFactorMiddleware",
    "wir_fallmanagement.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.once.OnceOnlyFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wir_fallmanagement.middleware.NoStoreForAuthenticatedMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wir_fallmanagement.urls"
WSGI_APPLICATION = "wir_fallmanagement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wir_fallmanagement.context_processors.site",
            ],
            # {% load pdf %}: filters of the PDF templates of every app (wir_fallmanagement/pdf_filters.py)
            "libraries": {"pdf": "wir_fallmanagement.pdf_filters"},
        },
    }
]

# DATABASE_URL, e.g. postgres://user:pass@db.example:5432/wir. `make run` and `make test`
# point it at a project-local cluster (Unix socket under var/) when it is not set.
DATABASES = {"default": env.db("DATABASE_URL", default="postgres:///wir_fallmanagement")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must be first: refuses locked-out accounts
    "django.contrib.auth.backends.ModelBackend",
    "accounts.oidc.DistrictAccountBackend",  # does nothing unless WIR_OIDC_ENABLED
]

# Sign-in with the district's accounts (OpenID Connect, mozilla-django-oidc; docs/setup.md):
# off by default. Staff only; volunteers always sign in with their local password. The identity
# provider's endpoints come from its discovery document at WIR_OIDC_ISSUER.
WIR_OIDC_ENABLED = env.bool("WIR_OIDC_ENABLED", default=False)
WIR_OIDC_ISSUER = env("WIR_OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env("WIR_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("WIR_OIDC_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("WIR_OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("WIR_OIDC_SCOPES", default="openid email profile groups")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("WIR_OIDC_TIMEOUT", default=10)
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
#: the claim (in the userinfo answer) that lists the person's groups, and group → role
WIR_OIDC_GROUPS_CLAIM = env("WIR_OIDC_GROUPS_CLAIM", default="groups")
WIR_OIDC_GROUP_ROLES = env.json("WIR_OIDC_GROUP_ROLES", default={})  # JSON: group names may hold "," and "="
# (only to the staff roles: checked against accounts.models.Role when the accounts app is ready)
if WIR_OIDC_ENABLED and not (WIR_OIDC_ISSUER and OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET and WIR_OIDC_GROUP_ROLES):
    raise ImproperlyConfigured(
        "WIR_OIDC_ENABLED needs WIR_OIDC_ISSUER, WIR_OIDC_CLIENT_ID, WIR_OIDC_CLIENT_SECRET and WIR_OIDC_GROUP_ROLES."
    )
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lockout (django-axes): 5 failures per account, then 15 minutes cool-off. Counted per
# e-mail address, whether or not an account exists, so the answer never reveals one.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("WIR_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not per IP address as well: a district's staff often share one outgoing address, and one
# person's typos must not lock out a whole office. Password spraying is slowed by the per-account
# limit, the password policy and the second factor.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form field; the user model logs in by e-mail
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# How many reverse proxies stand in front of the app (wir_fallmanagement/client_ip.py): 0 = none,
# the socket address is the client and X-Forwarded-For/-Proto are ignored; n = the n-th
# X-Forwarded-For entry from the right is the client, and X-Forwarded-Proto is believed. One helper
# gives that address to the rate limits, django-axes and the security log.
# (Replaces WIR_CLIENT_IP_HEADERS, which trusted whatever header it named.)
if "WIR_CLIENT_IP_HEADERS" in os.environ:
    raise environ.ImproperlyConfigured(
        "WIR_CLIENT_IP_HEADERS is gone: set WIR_TRUSTED_PROXIES to the number of proxies in front of the app."
    )
WIR_TRUSTED_PROXIES = env.int("WIR_TRUSTED_PROXIES", default=0)

# Spreadsheet import (docs/import.md): file size, unpacked XLSX size, data rows, and the number of
# rows up to which the dry run and the commit run in the request (larger files: task worker).
WIR_MAX_IMPORT_MB = env.int("WIR_MAX_IMPORT_MB", default=20)
WIR_MAX_IMPORT_UNPACKED_MB = env.int("WIR_MAX_IMPORT_UNPACKED_MB", default=200)
WIR_IMPORT_MAX_ROWS = env.int("WIR_IMPORT_MAX_ROWS", default=10_000)
WIR_IMPORT_INLINE_ROWS = env.int("WIR_IMPORT_INLINE_ROWS", default=100)
AXES_CLIENT_IP_CALLABLE = "wir_fallmanagement.client_ip.client_ip"

# Django's default cache lives in the database (table created by accounts' migrations), so every
# process shares the rate-limit counters and cached pages; no per-process memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wir_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
# Rate limits (wir_fallmanagement/ratelimit.py): {"scope": (allowed, window_seconds)} overrides
# a default, e.g. {"verify": (30, 600), "verify_user": (300, 600)}.
WIR_RATE_LIMITS = {}

# Two factors (TOTP, django-otp): mandatory for staff and KJC clerks (accounts/twofactor.py)
# unless the demo is on.
WIR_REQUIRE_2FA = env.bool("WIR_REQUIRE_2FA", default=not WIR_DEMO)
OTP_TOTP_ISSUER = "WIR-Fallmanagement"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Sessions live in the database, so any web process on any machine serves any user.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions end after 30 minutes without a request and 12 hours after login at most. The idle
# limit is renewed by saving the session, which SessionLifetimeMiddleware does at most once per
# WIR_SESSION_REFRESH_SECONDS rather than on every request (an UPDATE and a commit per page).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
WIR_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
WIR_SESSION_MAX_AGE = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("WIR_STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files never live below a served directory; they are streamed by access-checked views.
MEDIA_ROOT = Path(env("WIR_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploads on the local disk (default) or, for several web machines, on S3-compatible object
# storage (django-storages): WIR_STORAGE=s3 plus the WIR_S3_* variables (docs/operations.md).
WIR_STORAGE = env("WIR_STORAGE", default="filesystem")
if WIR_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("WIR_S3_BUCKET"),
            "endpoint_url": env("WIR_S3_ENDPOINT_URL", default=None),
            "region_name": env("WIR_S3_REGION", default=None),
            "access_key": env("WIR_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("WIR_S3_SECRET_ACCESS_KEY", default=None),
            "location": env("WIR_S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif WIR_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"WIR_STORAGE must be 'filesystem' or 's3', not {WIR_STORAGE!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
PHONENUMBER_DEFAULT_REGION = "DE"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# E-mail: console in DEBUG and in the demo (it prints mails to the terminal), SMTP otherwise.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG or WIR_DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds before a mail server that does not answer counts as failed (the task is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="WIR-Fallmanagement <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Name of the district shown in the UI and on documents.
WIR_DISTRICT_NAME = env("WIR_DISTRICT_NAME", default="Odenwaldkreis")
# The data protection officer's contact, printed on the information letter (Art. 15 GDPR), e.g.
# "Datenschutzbeauftragte des Kreises, Michelstädter Str. 12, 64711 Erbach, datenschutz@kreis.de".
WIR_DPO_CONTACT = env("WIR_DPO_CONTACT", default="")
# Public address of the application, for links in e-mails (reminders).
WIR_BASE_URL = env("WIR_BASE_URL", default="http://127.0.0.1:8000")

# `manage.py backup` writes its archives here unless given --output (docs/operations.md).
WIR_BACKUP_DIR = Path(env("WIR_BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))

# --- Security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "wir_fallmanagement.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# WIR_PLAIN_HTTP=1 serves plain HTTP without the HTTPS redirect, HSTS and secure cookies. Only for
# `make run` (the demo on 127.0.0.1:8000): it is refused unless every allowed host is loopback.
WIR_PLAIN_HTTP = env.bool("WIR_PLAIN_HTTP", default=False)
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
if WIR_PLAIN_HTTP and not set(ALLOWED_HOSTS) <= _LOOPBACK_HOSTS:
    raise ImproperlyConfigured("WIR_PLAIN_HTTP=1 is only allowed when ALLOWED_HOSTS names loopback addresses only.")
if WIR_PLAIN_HTTP and not DEBUG:
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    # The deploy check's HTTPS warnings do not apply to a server that only the local machine reaches.
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]
elif not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; blocked fetches still show as ERROR.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Every manage.py command registers the tasks; that is no news.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
        # Security events: one line each, no personal data (see accounts/security.py).
        "wir.security": {"level": "INFO"},
    },
}

# --- Task queue (Procrastinate) -----------------------------------------------------------
# Jobs live in PostgreSQL (tables procrastinate_*, created by `migrate`): no extra server.
# Workers: `python manage.py procrastinate worker` (scripts/serve starts one next to gunicorn;
# start more on any machine that reaches the database). Tasks are found in each app's tasks.py.
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
PROCRASTINATE_WORKER_DEFAULTS = {
    "concurrency": env.int("WIR_WORKER_CONCURRENCY", default=2),
    # Procrastinate deletes finished jobs after this long only with delete_jobs; keep failures.
    "delete_jobs": "successful",
}
# Periodic (daily) jobs are deferred by the worker; this many seconds of missed schedule are
# caught up after a worker restart (a day: a worker down over night still runs the 05:00 jobs).
PROCRASTINATE_PERIODIC_DEFAULTS = {"max_delay": 24 * 60 * 60}
# /readyz wants a worker heartbeat younger than this (workers beat every 10 seconds).
# List exports (cases/exports.py): more rows than this are written by the task worker; the
# stored file can be downloaded by its requester for this many hours, then it is deleted.
WIR_EXPORT_BACKGROUND_ROWS = env.int("WIR_EXPORT_BACKGROUND_ROWS", default=2000)
WIR_EXPORT_KEEP_HOURS = env.int("WIR_EXPORT_KEEP_HOURS", default=24)
# The statistics page may show the whole team's figures counted up to this many minutes ago even
# though data changed since, saying so (the worker counts again every ten minutes); 0 = always exact.
WIR_FIGURES_RECENT_MINUTES = env.int("WIR_FIGURES_RECENT_MINUTES", default=20)
# Parallel workers per query while the statistics are counted (pages run without; docs/operations.md).
WIR_REPORT_PARALLEL_WORKERS = env.int("WIR_REPORT_PARALLEL_WORKERS", default=2)
WIR_WORKER_HEARTBEAT_MAX_AGE = timedelta(seconds=env.int("WIR_WORKER_HEARTBEAT_MAX_AGE", default=120))

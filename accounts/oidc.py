"""Sign-in with the district's accounts: OpenID Connect (authorization code flow with PKCE) through
mozilla-django-oidc, for staff only and only when settings.WIR_OIDC_ENABLED.

- The identity provider's endpoints come from its discovery document
  (`<WIR_OIDC_ISSUER>/.well-known/openid-configuration`), read when first needed and kept for an
  hour — not at start-up and not on password logins, so a provider that is down never breaks
  local sign-in.
- The ID token must be signed (RS256 by default, keys from the provider's JWKS), for this client
  (`aud`), by this provider (`iss`), unexpired, with the nonce of this login.
- The role comes from the group claim (`WIR_OIDC_GROUPS_CLAIM`, mapped by `WIR_OIDC_GROUP_ROLES`);
  without a mapped group there is no access. The account is matched by the provider's subject
  (`User.oidc_subject`: issuer and `sub`), which the first sign-in stores. That first sign-in
  links an existing account only by an e-mail address the provider marks as verified
  (`email_verified` true) and only if the account is not linked to another subject yet; else it
  creates an account (without a local password), and an unverified address that an account
  already uses gets no access. Name and role are updated on each sign-in. Volunteer and KJC
  accounts never sign in this way.
- The provider did the second factor: the session is marked so that the app's own two-factor step
  (accounts.twofactor) is skipped for it — for this session only, never for password logins.
"""

import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import security
from .models import Role, User
from .twofactor import IDP_VERIFIED, SESSION_STATE

logger = logging.getLogger("wir.security")

DISCOVERY_TTL = 3600.0
#: the more rights, the earlier: someone in two mapped groups gets the higher role
ROLE_ORDER = [Role.ADMIN, Role.TEAMLEAD, Role.CASEWORKER]

_discovery: dict = {}


def discovery() -> dict:
    """The provider's discovery document (cached per process for DISCOVERY_TTL seconds)."""
    issuer = settings.WIR_OIDC_ISSUER
    cached = _discovery.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise SuspiciousOperation("the discovery document names another issuer")
    _discovery[issuer] = (time.monotonic(), document)
    return document


def forget_discovery() -> None:
    _discovery.clear()


def check_group_roles(mapping: dict) -> None:
    """WIR_OIDC_GROUP_ROLES maps groups to staff roles only (checked at start, in AccountsConfig.ready)."""
    if not set(mapping.values()) <= set(ROLE_ORDER):
        raise ImproperlyConfigured(
            f"WIR_OIDC_GROUP_ROLES may only map groups to {sorted(r.value for r in ROLE_ORDER)}."
        )


def role_for(groups) -> str | None:
    """The role the groups claim maps to (the highest of several), or None."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list):
        return None
    mapping = settings.WIR_OIDC_GROUP_ROLES
    roles = {mapping[group] for group in groups if isinstance(group, str) and group in mapping}
    return next((role for role in ROLE_ORDER if role in roles), None)


class DistrictAccountBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Not the parent's __init__: it would read the endpoints (the discovery document) on
        # every authentication, password logins included.
        self.UserModel = User
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):
        return discovery()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):
        return discovery()["userinfo_endpoint"]

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):
        return discovery()["jwks_uri"]

    def get_user(self, user_id):
        """The session's user, as long as the account is active (deactivating it ends the session)."""
        return self.UserModel.objects.filter(pk=user_id, is_active=True).first()

    def authenticate(self, request, **kwargs):
        if not settings.WIR_OIDC_ENABLED or request is None or "code" not in request.GET:
            return None
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        payload = super().get_payload_data(token, key)  # signature and expiry (PyJWT)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if str(payload.get("iss", "")).rstrip("/") != settings.WIR_OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims, which must be about the subject of the signed ID token (OIDC Core 5.3.2)."""
        claims = super().get_userinfo(access_token, id_token, payload)
        subject = payload.get("sub")
        if not isinstance(subject, str) or not subject or claims.get("sub") != subject:
            raise SuspiciousOperation("userinfo about another subject than the ID token")
        return claims

    def verify_claims(self, claims):
        email = claims.get("email")
        if not isinstance(email, str) or not email.strip() or claims.get("email_verified") is False:
            self._refuse("no_verified_email", claims)
            return False
        if role_for(claims.get(settings.WIR_OIDC_GROUPS_CLAIM)) is None:
            self._refuse("no_mapped_group", claims)
            return False
        return True

    @staticmethod
    def subject(claims) -> str:
        """The account's key at the provider: issuer and `sub` (a `sub` is unique per issuer only)."""
        return f"{settings.WIR_OIDC_ISSUER}|{claims['sub']}"

    def filter_users_by_claims(self, claims):
        """The account linked to this subject; else the not yet linked account with this e-mail
        address if the provider verified it. A verified address of an account linked to another
        subject, or an unverified one that an account uses, is refused (never a second account
        with the same address, never someone else's account)."""
        linked = self.UserModel.objects.filter(oidc_subject=self.subject(claims))
        if linked.exists():
            return linked
        same_address = self.UserModel.objects.filter(email__iexact=claims["email"].strip())
        if not same_address.exists():
            return self.UserModel.objects.none()  # a new account (create_user)
        if claims.get("email_verified") is not True:
            self._refuse("email_not_verified_for_existing_account", claims)
            raise SuspiciousOperation("an unverified e-mail address never links an existing account")
        if same_address.exclude(oidc_subject="").exists():
            self._refuse("account_linked_to_another_subject", claims)
            raise SuspiciousOperation("the account is linked to another subject")
        return same_address

    def create_user(self, claims):
        user = User(
            email=claims["email"],
            full_name=self._name(claims),
            role=role_for(claims[settings.WIR_OIDC_GROUPS_CLAIM]),
            oidc_subject=self.subject(claims),
        )
        user.set_unusable_password()  # signs in only through the provider
        user.save()
        security.event("oidc_user_created", user=user, role=user.role)
        return user

    def update_user(self, user, claims):
        if user.role not in Role.STAFF:
            # Volunteers and KJC clerks sign in locally, whatever the provider says.
            self._refuse("not_staff", claims)
            raise SuspiciousOperation("only staff accounts sign in with the district's accounts")
        role, name = role_for(claims[settings.WIR_OIDC_GROUPS_CLAIM]), self._name(claims) or user.full_name
        subject = self.subject(claims)
        if (user.role, user.full_name, user.oidc_subject) != (role, name, subject):
            if not user.oidc_subject:
                security.event("oidc_account_linked", user=user)
            user.role, user.full_name, user.oidc_subject = role, name, subject
            user.save()  # history and the role_change security event
        return user

    @staticmethod
    def _name(claims) -> str:
        name = claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")]))
        return str(name).strip()[:200]

    def _refuse(self, reason: str, claims) -> None:
        security.event("login_oidc", request=getattr(self, "request", None), outcome="denied", reason=reason)


class DisabledMixin:
    def dispatch(self, request, *args, **kwargs):
        if not settings.WIR_OIDC_ENABLED:
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class SignInView(DisabledMixin, OIDCAuthenticationRequestView):
    """Redirects to the provider's login page."""

    def __init__(self, *args, **kwargs):
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_OP_AUTH_ENDPOINT(self):
        return discovery()["authorization_endpoint"]

    def get(self, request):
        try:
            return super().get(request)
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation) as exc:
            logger.warning("identity provider unavailable: %s", type(exc).__name__)
            messages.error(
                request,
                _(
                    "Die Anmeldung mit dem Konto des Kreises ist gerade nicht erreichbar. "
                    "Bitte versuchen Sie es später noch einmal."
                ),
            )
            return redirect("login")


@method_decorator(login_not_required, name="dispatch")
class CallbackView(DisabledMixin, OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with the code; on success the session counts as
    having passed the second factor (the provider's)."""

    def get(self, request):
        try:
            return super().get(request)
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation) as exc:
            logger.warning("OIDC sign-in failed: %s", type(exc).__name__)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_STATE] = IDP_VERIFIED
        security.event("login_oidc", request=self.request, user=self.user)
        return response

    def login_failure(self):
        security.event("login_oidc", request=self.request, outcome="failed")
        messages.error(
            self.request,
            _(
                "Die Anmeldung mit dem Konto des Kreises hat nicht geklappt: Ihr Konto ist für diese "
                "Anwendung nicht freigeschaltet. Bitte wenden Sie sich an die Administration."
            ),
        )
        return super().login_failure()

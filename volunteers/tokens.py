"""One-time links of the portal invitation.

Like Django's password-reset tokens (an HMAC over the account's state with a timestamp), with
two differences: the link is valid for INVITATION_VALID_DAYS, and the hash includes a nonce
stored on the volunteer record, which every new invitation replaces — so re-sending the
invitation invalidates the link sent before. Setting the password changes the password hash,
which invalidates the link too (one-time use).
"""

import datetime

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_VALID_DAYS = 7


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "volunteers.tokens.InvitationTokenGenerator"
    valid_for = datetime.timedelta(days=INVITATION_VALID_DAYS)

    def _make_hash_value(self, user, timestamp):
        volunteer = getattr(user, "volunteer", None)
        nonce = volunteer.invitation_nonce if volunteer is not None else ""
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.password}{login}{timestamp}{user.email}{nonce}"

    def check_token(self, user, token):
        if not (user and token) or not isinstance(token, str):
            return False
        volunteer = getattr(user, "volunteer", None)
        if volunteer is None or not volunteer.invitation_nonce:
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= self.valid_for.total_seconds()


invitation_tokens = InvitationTokenGenerator()

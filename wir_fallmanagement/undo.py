"""No one-tap loss for frequent actions: "Rückgängig" for a while afterwards.

After the action the view calls `offer(request, url=..., what=...)`; the next page shows the
message with a "Rückgängig" button (a POST form with CSRF token to `url`). The undo view itself
checks the object (the access helper, 404 for others), that the same user did it and that the
window (`WINDOW`) has not passed — the button is only a convenience, never the check."""

import datetime

from django.utils import timezone

KEY = "wir_undo"
WINDOW = datetime.timedelta(minutes=10)


def offer(request, *, url: str, what: str) -> None:
    request.session[KEY] = {"url": url, "what": str(what), "until": (timezone.now() + WINDOW).isoformat()}


def pending(request) -> dict | None:
    """The undo offer to show on this page, once (like a message), while its window lasts."""
    session = getattr(request, "session", None)
    if session is None or KEY not in session:
        return None
    offer_ = session.pop(KEY)
    if datetime.datetime.fromisoformat(offer_["until"]) < timezone.now():
        return None
    return offer_


def within_window(done_at: datetime.datetime | None) -> bool:
    return done_at is not None and timezone.now() - done_at <= WINDOW

import datetime

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from procrastinate.contrib.django import app

from accounts.tasks import MAIL_QUEUE, MAIL_RETRY

from .models import Volunteer
from .tokens import INVITATION_VALID_DAYS, invitation_tokens


@app.task(queue=MAIL_QUEUE, retry=MAIL_RETRY)
def send_invitation(*, volunteer_id: int, nonce: str, base_url: str) -> None:
    """Mail the invitation link. The link is made here (it never sits in the job table) and only
    while the invitation it belongs to is still the open one: a newer invitation sends its own
    mail, an accepted one none."""
    volunteer = Volunteer.objects.select_related("user").filter(pk=volunteer_id, invitation_nonce=nonce).first()
    if volunteer is None or not nonce or volunteer.user is None:
        return
    user = volunteer.user
    user.volunteer = volunteer  # the token hashes the nonce
    path = reverse(
        "portal:invitation",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    valid_until = timezone.localtime(volunteer.invited_at) + datetime.timedelta(days=INVITATION_VALID_DAYS)
    context = {
        "volunteer": volunteer,
        "link": base_url.rstrip("/") + path,
        "valid_until": valid_until,
        "valid_days": INVITATION_VALID_DAYS,
        "login_email": user.email,
    }
    # Volunteers read German first, whatever language the inviting caseworker uses.
    with translation.override("de"):
        subject = render_to_string("volunteers/email/invitation_subject.txt", context).strip()
        body = render_to_string("volunteers/email/invitation_body.txt", context)
    send_mail(subject, body, None, [user.email])

"""E-mail goes out from the task worker, never from a web request: a slow or unreachable mail
server then delays a mail, not a page. Jobs are deferred in the transaction that makes them
necessary, so a job exists exactly when its data does; a failed delivery is retried with
growing pauses (4 s … 18 h) and stays visible as a failed job in /admin/ after the last try."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from .models import User

#: Every mail task: up to 8 retries, waiting 4, 16, 64 … 65536 seconds (about a day in all).
MAIL_RETRY = RetryStrategy(max_attempts=8, exponential_wait=4)
MAIL_QUEUE = "mail"


@app.task(queue=MAIL_QUEUE, retry=MAIL_RETRY)
def send_email(*, subject: str, body: str, to: str) -> None:
    """A plain-text mail without secrets in it (the arguments are kept in the job table)."""
    send_mail(subject, body, None, [to])


@app.task(queue=MAIL_QUEUE, retry=MAIL_RETRY)
def send_password_reset(
    *, user_id: int, domain: str, use_https: bool, subject_template: str, email_template: str
) -> None:
    """Django's password reset mail. The link is made here, not stored in the job: it is as
    valid as one made at request time and never sits in the database."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    # Not PasswordResetForm.send_mail: it logs a failed delivery and gives up, where the job
    # must fail to be retried.
    subject = "".join(render_to_string(subject_template, context).splitlines())
    send_mail(subject, render_to_string(email_template, context), None, [user.email])

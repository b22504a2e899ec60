"""Process a form once: `{% form_token %}` puts a random token into a form; the middleware
records it in the same transaction as the view's writes. The same token again (double click,
back button, reload) does not reach the view but is sent to where the first submission went.

Because the token and the form's data commit together, a request that dies midway (an error,
a killed worker, a database restart) leaves neither behind, and the user's next try is
accepted. Two simultaneous submissions of one token are serialised by the unique index: the
second waits for the first and is then either refused (the first committed) or processed (the
first rolled back)."""

import re
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmittedForm

FIELD = "form_token"
REDIRECTS = (301, 302, 303)
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class OnceOnlyFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.user.is_authenticated:
            return self.get_response(request)
        token = request.POST.get(FIELD, "")
        if not TOKEN_RE.fullmatch(token):  # missing, or not one of ours (overlong, NUL …)
            return self.get_response(request)
        response = self._process_once(request, token)
        if response is None:
            previous = SubmittedForm.objects.filter(token=token, user=request.user).first()
            messages.info(request, _("Dieses Formular wurde schon gesendet und nur einmal gespeichert."))
            return redirect(previous.redirect_to if previous and previous.redirect_to else request.path)
        if response.status_code < 500:  # after a failure (a database outage, say) leave it
            SubmittedForm.objects.filter(created_at__lt=timezone.now() - timedelta(days=2)).delete()
        return response

    def _process_once(self, request, token):
        """The view's response, or None when the token was used already."""
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submitted = SubmittedForm.objects.create(token=token, user=request.user)
            except IntegrityError:
                return None
            response = self.get_response(request)
            if response.status_code >= 500:
                # The view failed (its exception became this response): nothing it wrote and
                # no token stays, so the user's next try is processed.
                transaction.set_rollback(True)
            elif response.status_code in REDIRECTS:
                submitted.redirect_to = response["Location"][:500]
                submitted.save(update_fields=["redirect_to"])
            else:
                # The form was not accepted: the user corrects it and sends the same token again.
                submitted.delete()
        return response

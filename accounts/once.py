"""Process a form once: `{% form_token %}` puts a random token into a form; the middleware
records it before the view runs. The same token again (double click, back button, reload)
does not reach the view but is sent to where the first submission went."""

import re
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmittedForm

FIELD = "form_token"
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
        try:
            with transaction.atomic():
                SubmittedForm.objects.create(token=token, user=request.user)
        except IntegrityError:
            previous = SubmittedForm.objects.filter(token=token, user=request.user).first()
            messages.info(request, _("Dieses Formular wurde schon gesendet und nur einmal gespeichert."))
            return redirect(previous.redirect_to if previous and previous.redirect_to else request.path)
        response = self.get_response(request)
        if response.status_code in (301, 302, 303):
            SubmittedForm.objects.filter(token=token).update(redirect_to=response["Location"][:500])
        else:
            # The form was not accepted: the user corrects it and sends the same token again.
            SubmittedForm.objects.filter(token=token).delete()
        SubmittedForm.objects.filter(created_at__lt=timezone.now() - timedelta(days=2)).delete()
        return response

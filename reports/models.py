from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderMail(models.Model):
    """The daily reminder owed to one person on one day. Taken in the same transaction as the
    mail's job, so that running `send_reminders` twice (or on two machines) mails nobody twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger:in"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("Tag"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerungs-E-Mail")
        verbose_name_plural = _("Erinnerungs-E-Mails")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reports_reminder_once_per_user_and_day")]

    def __str__(self):
        return f"{self.user_id} {self.day}"

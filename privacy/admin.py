"""Administrators edit the retention periods (with history) and legal holds here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ErasureRequest, LegalHold, RetentionPeriod, RetentionRun


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "months")
    readonly_fields = ("kind",)

    def has_add_permission(self, request):
        return False  # one row per kind, made by the migration

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(SimpleHistoryAdmin):
    list_display = ("case", "reason", "since", "lifted_on")
    list_filter = ("lifted_on",)
    raw_id_fields = ("case",)
    exclude = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "today", "trigger", "counts")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(SimpleHistoryAdmin):
    list_display = ("received_on", "status", "decided_at")
    readonly_fields = ("client", "received_on", "status", "outcome", "recorded_by", "decided_at", "run")

    def has_add_permission(self, request):
        return False  # recorded on the person's data protection page

"""Administrators' view of the registry (the everyday work happens on the staff pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Appointment, Assignment, Training, Volunteer, VolunteerLanguage


class VolunteerLanguageInline(admin.TabularInline):
    model = VolunteerLanguage
    extra = 0


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 0


@admin.register(Volunteer)
class VolunteerAdmin(SimpleHistoryAdmin):
    list_display = ("family_name", "given_names", "status", "email", "police_certificate_inspected_on")
    list_filter = ("status", "lay_interpreter", "municipalities")
    search_fields = ("family_name", "given_names", "email")
    raw_id_fields = ("user", "police_certificate_inspected_by")
    filter_horizontal = ("municipalities",)
    readonly_fields = ("invited_at", "created_at")
    inlines = [VolunteerLanguageInline, TrainingInline]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("volunteer", "client", "kind", "start_on", "end_on")
    list_filter = ("kind",)
    search_fields = ("volunteer__family_name", "client__family_name")
    raw_id_fields = ("volunteer", "client", "created_by")
    date_hierarchy = "start_on"


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ("starts_at", "volunteer", "client", "place", "cancelled_at")
    raw_id_fields = ("volunteer", "client")
    search_fields = ("volunteer__family_name", "client__family_name", "place")

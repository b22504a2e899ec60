from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import KjcBranch


@admin.register(KjcBranch)
class KjcBranchAdmin(SimpleHistoryAdmin):
    """Master data: the job centre's branches a Vollmacht can address."""

    list_display = ("name", "town", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "town")

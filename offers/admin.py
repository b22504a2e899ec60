from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ButApplication, ButExpense, ButRate, Category, Offer, OfferTranslation, Provider, Referral


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "contact_person", "phone")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    ordering = ("order", "name")


class OfferTranslationInline(admin.StackedInline):
    model = OfferTranslation
    extra = 0


@admin.register(Offer)
class OfferAdmin(SimpleHistoryAdmin):
    list_display = ("title", "provider", "municipality", "category", "capacity", "active_from", "active_until")
    list_filter = ("category", "municipality", "gender", "but_eligible")
    search_fields = ("title", "provider__name")
    list_select_related = ("provider", "municipality", "category")
    filter_horizontal = ("languages",)
    inlines = [OfferTranslationInline]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    """Read-only here: status changes go through the pages, which keep the waiting list right."""

    list_display = ("offer", "client", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("offer", "client")
    raw_id_fields = ("offer", "client")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ButRate)
class ButRateAdmin(SimpleHistoryAdmin):
    list_display = ("category", "monthly_amount", "valid_from")
    list_filter = ("category",)


class ButExpenseInline(admin.TabularInline):
    model = ButExpense
    extra = 0
    readonly_fields = ("spent_on", "amount", "purpose", "created_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ButApplication)
class ButApplicationAdmin(SimpleHistoryAdmin):
    list_display = ("child", "category", "status", "period_from", "period_until")
    list_filter = ("category", "status")
    list_select_related = ("child",)
    raw_id_fields = ("child", "referral")
    readonly_fields = ("created_by",)
    inlines = [ButExpenseInline]

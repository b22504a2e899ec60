from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("portal/", include("portal.urls")),
    path("kjc/", include("authorisations.kjc_urls")),
    # Each app mounts its own stable URLs (docs/product.md, "Stable URLs"): /clients/, /followups/, /offers/,
    # /directory/, /volunteers/, /authorisations/, /handovers/, /verify/, /reports/.
    path("", include("cases.urls")),
    path("", include("offers.urls")),
    path("", include("volunteers.urls")),
    path("", include("authorisations.urls")),
    path("", include("reports.urls")),
    path("", include("privacy.urls")),
]

handler400 = "wir_fallmanagement.views.bad_request"
handler500 = "wir_fallmanagement.views.server_error"

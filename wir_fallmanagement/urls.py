from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("district/logo/<str:version>/", views.district_logo, name="district_logo"),
    path("setup/", include("operations.urls")),
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
    path("", include("imports.urls")),
    path("", include("privacy.urls")),
]

handler400 = "wir_fallmanagement.views.bad_request"
handler500 = "wir_fallmanagement.views.server_error"

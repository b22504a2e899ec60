from django.urls import path

from . import views

app_name = "authorisations"
urlpatterns = [
    path("authorisations/", views.authorisation_list, name="authorisation_list"),
    path("authorisations/new/", views.authorisation_create, name="authorisation_create"),
    path("authorisations/<int:pk>/", views.authorisation_detail, name="authorisation_detail"),
    path("authorisations/<int:pk>/edit/", views.authorisation_edit, name="authorisation_edit"),
    path("authorisations/<int:pk>/print/", views.authorisation_print, name="authorisation_print"),
    path("authorisations/<int:pk>/pdf/", views.authorisation_pdf, name="authorisation_pdf"),
    path("authorisations/<int:pk>/pdf/<int:pdf_id>/", views.authorisation_stored_pdf, name="authorisation_stored_pdf"),
    path("authorisations/<int:pk>/sign/", views.authorisation_sign, name="authorisation_sign"),
    path("authorisations/<int:pk>/scan/", views.authorisation_scan, name="authorisation_scan"),
    path("authorisations/<int:pk>/revoke/", views.authorisation_revoke, name="authorisation_revoke"),
    path(
        "authorisations/<int:pk>/revocation/",
        views.authorisation_revocation_delivery,
        name="authorisation_revocation_delivery",
    ),
    path("authorisations/<int:pk>/revocation/pdf/", views.authorisation_revocation_pdf, name="revocation_pdf"),
    path(
        "authorisations/<int:pk>/revocation/notice/",
        views.authorisation_revocation_notice,
        name="authorisation_revocation_notice",
    ),
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/new/", views.handover_create, name="handover_create"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("handovers/<int:pk>/pdf/", views.handover_pdf, name="handover_pdf"),
    path("handovers/<int:pk>/bundle/", views.handover_bundle, name="handover_bundle"),
    path("handovers/<int:pk>/bundle/<int:job_pk>/", views.handover_bundle_detail, name="handover_bundle_detail"),
    path("handovers/<int:pk>/bundle/<int:job_pk>/pdf/", views.handover_bundle_pdf, name="handover_bundle_pdf"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:token>/", views.verify, name="verify"),
]

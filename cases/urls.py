from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<uuid:pk>/", views.client_detail, name="client_detail"),
    path("clients/<uuid:pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<uuid:pk>/history/", views.client_history, name="client_history"),
    path("clients/<uuid:pk>/export/", views.client_export, name="client_export"),
    path("clients/<uuid:pk>/contacts/", views.contact_list, name="contact_list"),
    path("clients/<uuid:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("clients/<uuid:pk>/followups/new/", views.followup_create, name="followup_create"),
    path("clients/<uuid:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("clients/<uuid:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("clients/<uuid:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("clients/<uuid:pk>/cases/new/", views.case_open, name="case_open"),
    path("followups/", views.followup_list, name="followup_list"),
    path("followups/<int:followup_pk>/done/", views.followup_done, name="followup_done"),
    path("followups/<int:followup_pk>/reopen/", views.followup_reopen, name="followup_reopen"),
    path("goals/<int:goal_pk>/status/", views.goal_status, name="goal_status"),
    path("consents/<int:consent_pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("consents/<int:consent_pk>/form/", views.consent_form_pdf, name="consent_form_pdf"),
    path("consents/<int:consent_pk>/scan/", views.consent_scan, name="consent_scan"),
    path("documents/<uuid:document_pk>/", views.document_download, name="document_download"),
    path("cases/<int:case_pk>/status/", views.case_status, name="case_status"),
    path("cases/reassign/", views.case_reassign, name="case_reassign"),
    path("exports/<slug:name>/", views.list_export, name="list_export"),
    path("exports/files/<int:pk>/", views.list_export_detail, name="list_export_detail"),
    path("exports/files/<int:pk>/download/", views.list_export_download, name="list_export_download"),
    path("households/<int:household_pk>/", views.household_detail, name="household_detail"),
]

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.overview, name="overview"),
    path("privacy/runs/", views.run_list, name="run_list"),
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/clients/<uuid:pk>/", views.client_privacy, name="client_privacy"),
    path("privacy/clients/<uuid:pk>/information.pdf", views.information_letter, name="information_letter"),
]

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.import_start, name="import_start"),
    path("imports/templates/<str:kind>.<str:fmt>", views.import_template, name="import_template"),
    path("imports/<uuid:pk>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:pk>/commit/", views.import_commit, name="import_commit"),
    path("imports/<uuid:pk>/discard/", views.import_discard, name="import_discard"),
]

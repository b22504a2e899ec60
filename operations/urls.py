from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("district/", views.district_edit, name="district_edit"),
    path("<slug:kind>/", views.masterdata_list, name="masterdata_list"),
    path("<slug:kind>/new/", views.masterdata_create, name="masterdata_create"),
    path("<slug:kind>/<int:pk>/", views.masterdata_edit, name="masterdata_edit"),
]

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("clients/<uuid:pk>/", views.portal_client, name="client_detail"),
    path("clients/<uuid:pk>/contact/", views.portal_contact_create, name="contact_create"),
    path("clients/<uuid:pk>/appointments/new/", views.portal_appointment_create, name="appointment_create"),
    path("appointments/<int:pk>/cancel/", views.portal_appointment_cancel, name="appointment_cancel"),
    path("profile/", views.portal_profile, name="profile"),
    path("vollmachten/", views.authorisation_list, name="authorisation_list"),
    path("invitation/<uidb64>/<token>/", views.invitation, name="invitation"),
]

from django.urls import path

from . import views

app_name = "volunteers"
urlpatterns = [
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", views.volunteer_create, name="volunteer_create"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<int:pk>/edit/", views.volunteer_update, name="volunteer_update"),
    path("volunteers/<int:pk>/invite/", views.volunteer_invite, name="volunteer_invite"),
    path("volunteers/<int:pk>/trainings/", views.training_create, name="training_create"),
    path("volunteers/match/<uuid:client_pk>/", views.match, name="match"),
    path("volunteers/assignments/new/<uuid:client_pk>/", views.assignment_create, name="assignment_create"),
    path("volunteers/assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
]

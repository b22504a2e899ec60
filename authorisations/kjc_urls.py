from django.urls import path

from . import views

app_name = "kjc"
urlpatterns = [
    path("", views.kjc_home, name="home"),
]

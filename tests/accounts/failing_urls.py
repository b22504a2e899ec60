from django.urls import include, path


def boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", boom), path("", include("wir_fallmanagement.urls"))]
handler500 = "wir_fallmanagement.views.server_error"

from django.shortcuts import render

from wir_fallmanagement.permissions import volunteer_required


@volunteer_required
def portal_home(request):
    return render(request, "volunteers/portal_home.html", {})

from django.shortcuts import render

from wir_fallmanagement.permissions import kjc_required


@kjc_required
def kjc_home(request):
    """Start page of the job centre clerk: verification and the handovers addressed to the KJC."""
    return render(request, "authorisations/kjc_home.html", {})

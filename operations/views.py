"""District setup for administrators (/setup/): the district's name and logo and the master data
(municipalities, languages with the directory languages, KJC branches, offer categories)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wir_fallmanagement import district, uploads
from wir_fallmanagement.history import history_of
from wir_fallmanagement.models import District
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.permissions import admin_required
from wir_fallmanagement.stale import StaleEdit

from . import services
from .forms import DistrictForm
from .masterdata import KINDS, kind_named

require_GET_or_POST = require_http_methods(["GET", "POST"])


@admin_required
@require_GET
def setup(request):
    return render(request, "operations/setup.html", {"kinds": KINDS.values(), "district": district.current()})


@admin_required
@require_GET_or_POST
def district_edit(request):
    instance = District.objects.filter(pk=1).first() or District(pk=1, name=district.current().name)
    form = DistrictForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_district(
                name=data["name"],
                logo=data["logo_upload"],
                remove_logo=data["remove_logo"],
                # a post without the version it was opened with counts as stale (versions start
                # at 1); update_district checks only a row that exists
                edit_version=data.get("edit_version") or 0,
            )
        except uploads.StorageFailed as error:  # disk full or not writable: nothing was saved
            form.add_error("logo_upload", error)
        except StaleEdit as stale:
            form.stale_values = form.refuse_stale(stale.current)
        else:
            messages.success(request, _("Name und Logo des Kreises sind gespeichert."))
            return redirect("operations:setup")
    history = [] if instance._state.adding else history_of(instance, limit=20)
    return render(request, "operations/district_form.html", {"form": form, "history": history})


@admin_required
@require_GET
def masterdata_list(request, kind):
    kind = kind_named(kind)
    page = paginate(request, kind.model.objects.order_by(*kind.ordering, "pk"))
    rows = [(obj, kind.row(obj)) for obj in page]
    return render(request, "operations/masterdata_list.html", {"kind": kind, "page": page, "rows": rows})


@admin_required
@require_GET_or_POST
def masterdata_create(request, kind):
    kind = kind_named(kind)
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        messages.success(request, _("„%(name)s“ ist angelegt.") % {"name": form.result})
        return redirect("operations:masterdata_list", kind=kind.slug)
    return render(request, "operations/masterdata_form.html", {"kind": kind, "form": form, "object": None})


@admin_required
@require_GET_or_POST
def masterdata_edit(request, kind, pk):
    kind = kind_named(kind)
    obj = get_object_or_404(kind.model, pk=pk)
    form = kind.form(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        messages.success(request, _("Die Änderungen an „%(name)s“ sind gespeichert.") % {"name": obj})
        return redirect("operations:masterdata_list", kind=kind.slug)
    context = {"kind": kind, "form": form, "object": obj, "history": history_of(obj, limit=20)}
    return render(request, "operations/masterdata_form.html", context)

"""The public directory as PDF (`/directory/pdf/`), served from a stored copy.

Rendering takes seconds, so it never happens in a web request: the task worker renders the
unfiltered list in every language whenever offers change (offers.tasks), and any other filter
the first time someone asks for it; meanwhile the page says that the list is being made and
reloads itself."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe
from procrastinate.exceptions import AlreadyEnqueued

from wir_fallmanagement import ratelimit
from wir_fallmanagement.pdf import pdf_response

from .directory import (
    DirectoryFilterForm,
    data_version,
    directory_language,
    directory_languages,
    filter_query,
    page_context,
    pdf_key,
)
from .models import DirectoryPdf
from .tasks import render_directory_pdf


def is_new(*, lang: str, query: str) -> bool:
    """No stored copy (ready, waiting or failed) for this language and filter on today's data yet."""
    return not DirectoryPdf.objects.filter(key=pdf_key(lang, query, data_version())).exists()


def stored_copy(*, lang: str, query: str) -> DirectoryPdf:
    """The stored PDF for this language and filter on today's data; asks the worker to make it
    (again, after a failure) when it is not ready."""
    key = pdf_key(lang, query, data_version())
    with transaction.atomic():
        stored, _created = DirectoryPdf.objects.get_or_create(key=key, defaults={"lang": lang, "query": query})
        if stored.status != DirectoryPdf.Status.READY:
            try:
                with transaction.atomic():
                    render_directory_pdf.configure(queueing_lock=f"directory-pdf-{key}").defer(key=key)
            except AlreadyEnqueued:
                pass  # one job for it is waiting already
    return stored


@login_not_required
@require_safe
def directory_pdf(request):
    languages = directory_languages()
    language = directory_language(request, languages)
    lang = language.code
    with translation.override(language.interface):
        form = DirectoryFilterForm(request.GET, lang=lang)
        form.is_valid()
        query = filter_query(form)
        if is_new(lang=lang, query=query) and ratelimit.hit_per_client(request, "directory_pdf"):
            # Every new search text is a new PDF to render: per client, a few new ones at a time.
            context = {**page_context(language, languages), "failed": True}
            response = render(request, "offers/directory/pdf_waiting.html", context, status=429)
        else:
            stored = stored_copy(lang=lang, query=query)
            if stored.status == DirectoryPdf.Status.READY:
                return pdf_response(bytes(stored.pdf), f"angebote-{lang}.pdf")
            failed = stored.status == DirectoryPdf.Status.FAILED
            context = {**page_context(language, languages), "failed": failed}
            response = render(request, "offers/directory/pdf_waiting.html", context)
    response["Content-Language"] = language.interface
    response["Cache-Control"] = "no-store"
    return response

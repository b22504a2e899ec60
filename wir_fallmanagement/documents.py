"""Documents a user asks for with a link (the consent form, the information letter) are laid out by
the task worker, never by a web process: WeasyPrint needs a core for a second or more per page,
and a web worker doing it keeps pages waiting (docs/operations.md, "PDFs are rendered by the
worker").

The HTML of a document is cheap (milliseconds), so the page makes it and looks the PDF up in the
shared cache under a hash of that HTML: any change to the data, the texts or the date gives a new
document, and one made for the same HTML is the same PDF. When there is none the page queues the
document's task (once: a queueing lock per document) and answers with a page that waits for it
(status 202, `templates/fragments/progress.html`, re-read by static/js/progress.js); the task
makes the same HTML, renders it and stores the PDF for a day. The PDF is access-logged by the
view when it is served; a job whose last try failed is reported on the page with a retry link.

Three details keep this honest: the job's arguments name the document (`for_document`, a part of
the HTML's hash), so a failure is reported for that document only and not for every later one of
the same record; jobs for one document run one after the other (`lock`), so the page's re-reads
while the first job runs never make a second render; and the page's own re-reads (progress.js sends
`X-Progress-Poll`) are told the PDF is there (templates/fragments/document_ready.html, which the
script shows in place of the bar) without receiving or logging it — only the request the script
then makes hands it out, once, and logs it once.
"""

import contextlib
import hashlib
import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from procrastinate import RetryStrategy
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from .pdf import html_to_pdf, pdf_response

QUEUE = "documents"
#: A person waits for it: up to 3 tries, 2 and 4 seconds apart.
RETRY = RetryStrategy(max_attempts=3, exponential_wait=2)
KEEP_SECONDS = 24 * 60 * 60


def _key(html: str) -> str:
    return f"document:{hashlib.sha256(html.encode()).hexdigest()}"


def store(html: str) -> None:
    """Render `html` and keep the PDF (the task's work; a PDF kept already is not made again)."""
    key = _key(html)
    if cache.get(key) is None:
        cache.set(key, html_to_pdf(html), KEEP_SECONDS)


def _lock(task, args: dict) -> str:
    return f"{task.name}:{hashlib.sha256(json.dumps(args, sort_keys=True).encode()).hexdigest()[:32]}"


def _last_failed(task, args: dict) -> bool:
    job = ProcrastinateJob.objects.filter(task_name=task.name, args=args).order_by("-id").first()
    return job is not None and job.status == "failed"


def _queue(task, args: dict) -> None:
    # A savepoint: a refused duplicate (AlreadyEnqueued) must not break the request's transaction.
    # queueing_lock: one job waiting per document; lock: a job queued while another for the same
    # document runs waits for it, then finds the PDF stored and renders nothing.
    lock = _lock(task, args)
    with contextlib.suppress(AlreadyEnqueued), transaction.atomic():
        task.configure(queueing_lock=lock, lock=lock).defer(**args)


def serve(
    request, *, task, args: dict, html: str, filename: str, log: Callable[[], object], heading: str, back_url: str
) -> HttpResponse:
    """The PDF when the worker has made it for `html` (logged by `log`), else the waiting page.
    `task(**args, for_document=…)` makes the same HTML and calls `store`."""
    key = _key(html)
    data = cache.get(key)
    if data is not None:
        if request.headers.get("X-Progress-Poll"):  # progress.js shows the notice and opens the PDF
            return render(request, "fragments/document_ready.html")
        log()
        return pdf_response(data, filename)
    args = {**args, "for_document": key[-16:]}
    failed = _last_failed(task, args)
    if not failed or "retry" in request.GET:
        _queue(task, args)
        if failed:
            return redirect(_without_retry(request))
    retry_query = request.GET.copy()
    retry_query["retry"] = "1"
    context = {"heading": heading, "back_url": back_url, "failed": failed, "retry_query": retry_query.urlencode()}
    return render(request, "document_waiting.html", context, status=200 if failed else 202)


def _without_retry(request) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("retry", None)
    return f"{request.path}?{urlencode(query, doseq=True)}" if query else request.path

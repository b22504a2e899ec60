"""Printing a handover with all its Vollmachten is a job for the worker: the page shows its
progress, then the download — one PDF, read back: the sheet, then every Vollmacht as printed."""

import io

import pytest
from pypdf import PdfReader

from authorisations import tasks
from authorisations.models import Authorisation, PrintJob
from authorisations.services import create_handover
from cases.models import AccessLog
from privacy.services import set_restriction
from tests.conftest import jobs
from tests.factories import make_agent, make_authorisation, make_principal, signed
from tests.pdf_structure import catalog, structure, xmp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def handover(caseworker, branch):
    handed = []
    for family in ("Al-Hassan", "Berisha"):
        authorisation = make_authorisation(
            make_principal(caseworker, family_name=family), make_agent(), caseworker, branch
        )
        signed(authorisation, caseworker)
        handed.append(authorisation)
    return create_handover(
        user=caseworker, kjc_branch=branch, team="benefits", handed_over_on=handed[0].valid_from, authorisations=handed
    )


def test_the_bundle_is_made_by_the_worker_and_shows_progress_then_the_download(client, caseworker, handover, run_jobs):
    client.force_login(caseworker)
    assert "Protokoll mit allen Vollmachten drucken" in client.get(f"/handovers/{handover.pk}/").content.decode()
    response = client.post(f"/handovers/{handover.pk}/bundle/")
    assert response.status_code == 302
    job = PrintJob.objects.get()
    waiting = client.get(response.url).content.decode()
    assert 'data-progress="handover-bundle"' in waiting and "wird erstellt" in waiting
    assert "js/progress.js" in waiting  # the bar moves by itself; the reload link works without it
    assert "Seite neu laden" in waiting
    assert client.get(f"/handovers/{handover.pk}/bundle/{job.pk}/pdf/").status_code == 404  # not yet

    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    finished = client.get(response.url).content.decode()
    assert "data-progress" not in finished and "Übergabemappe herunterladen" in finished
    download = client.get(f"/handovers/{handover.pk}/bundle/{job.pk}/pdf/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(download.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Al-Hassan" in text and "Berisha" in text
    first_vollmacht = PdfReader(io.BytesIO(bytes(handover.authorisations.order_by("pk")[0].current_pdf().pdf)))
    assert len(reader.pages) > len(first_vollmacht.pages)  # sheet + both Vollmachten

    # tagged like its parts: one part per document, in order, each with its headings and languages
    tree = structure(download.content)
    assert [(part.role, part.lang) for part in tree.children] == [("Part", "de")] * 3
    assert [h.text for h in tree.children[0].find_all("H1")] == [f"Übergabeprotokoll Nr. {handover.pk}"]
    for part in tree.children[1:]:
        assert [h.text for h in part.find_all("H1")] == ["Vollmacht", "توكيل"] and "ar" in part.languages()
    assert "Al-Hassan" in tree.children[1].text and "Berisha" in tree.children[2].text
    root = catalog(download.content)
    assert bool(root["/MarkInfo"]["/Marked"]) is True and root["/Lang"] == "de"
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp(download.content)
    assert reader.metadata.title == f"Übergabeprotokoll Nr. {handover.pk}"


def test_progress_is_visible_while_the_bundle_is_made(client, caseworker, handover, run_jobs, monkeypatch):
    client.force_login(caseworker)
    seen = []

    def looking_at_the_page(original):
        def step(*args, **kwargs):
            page = client.get(url).content.decode()
            seen.append(page[page.index("<progress") : page.index("</progress>")])
            return original(*args, **kwargs)

        return step

    url = client.post(f"/handovers/{handover.pk}/bundle/").url
    # each step: the sheet, then each Vollmacht's stored PDF
    monkeypatch.setattr(tasks, "render_handover", looking_at_the_page(tasks.render_handover))
    monkeypatch.setattr(Authorisation, "current_pdf", looking_at_the_page(Authorisation.current_pdf))
    run_jobs()
    assert 'value="0"' in seen[0] and 'max="3"' in seen[0]
    assert 'value="1"' in seen[1] and 'value="2"' in seen[2]


def test_a_bundle_that_keeps_failing_says_so_in_german(
    client, caseworker, handover, run_jobs, monkeypatch, expect_errors
):
    from django.db import connection

    def broken(*args, **kwargs):
        raise OSError("renderer crashed")

    client.force_login(caseworker)
    url = client.post(f"/handovers/{handover.pk}/bundle/").url
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "render_handover", broken)
        run_jobs()
        for _retry in range(tasks.PDF_RETRY.max_attempts):
            with connection.cursor() as cursor:
                cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE status = 'todo'")
            run_jobs()
    assert jobs("print_handover_bundle").get().status == "failed"
    page = client.get(url).content.decode()
    assert "konnte nicht erstellt werden" in page and "Noch einmal versuchen" in page


def _bundle_text(client, handover, job) -> str:
    download = client.get(f"/handovers/{handover.pk}/bundle/{job.pk}/pdf/")
    assert download.status_code == 200
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)


def test_the_bundle_never_holds_a_restricted_person_even_for_an_administrator(
    client, caseworker, administrator, handover, run_jobs
):
    berisha = handover.authorisations.get(principal__family_name="Berisha").principal
    set_restriction(client=berisha, user=administrator, restricted=True)
    client.force_login(administrator)  # administrators still see the person on the handover page ...
    assert "Berisha" in client.get(f"/handovers/{handover.pk}/").content.decode()
    client.post(f"/handovers/{handover.pk}/bundle/")
    run_jobs()
    job = PrintJob.objects.get()
    assert job.total == 2  # ... but the print copy that leaves the system has the sheet and one Vollmacht
    text = _bundle_text(client, handover, job)
    assert "Al-Hassan" in text and "Berisha" not in text
    assert job.principal_ids() == [handover.authorisations.get(principal__family_name="Al-Hassan").principal_id]


def test_a_bundle_made_before_a_restriction_is_withheld_from_staff_until_printed_again(
    client, caseworker, administrator, handover, run_jobs
):
    client.force_login(caseworker)
    client.post(f"/handovers/{handover.pk}/bundle/")
    run_jobs()
    job = PrintJob.objects.get()
    assert "Berisha" in _bundle_text(client, handover, job)
    logged = AccessLog.objects.count()  # the log is append-only: count what comes after

    set_restriction(
        client=handover.authorisations.get(principal__family_name="Berisha").principal,
        user=administrator,
        restricted=True,
    )
    page = client.get(f"/handovers/{handover.pk}/bundle/{job.pk}/").content.decode()
    assert "inzwischen eingeschränkt" in page and "Übergabemappe herunterladen" not in page
    assert client.get(f"/handovers/{handover.pk}/bundle/{job.pk}/pdf/").status_code == 404
    assert AccessLog.objects.count() == logged

    client.force_login(administrator)  # administrators may still open what was printed
    assert "Berisha" in _bundle_text(client, handover, job)
    assert AccessLog.objects.count() == logged + 2  # both people in the file, logged for the administrator
    assert AccessLog.objects.filter(user=administrator).count() == 2

    client.force_login(caseworker)  # printing again leaves the person out
    client.post(f"/handovers/{handover.pk}/bundle/")
    run_jobs()
    again = PrintJob.objects.order_by("-pk").first()
    assert "Berisha" not in _bundle_text(client, handover, again)

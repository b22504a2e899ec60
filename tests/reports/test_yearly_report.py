"""The yearly report: the narrative stored per year with its history, the PDF and the XLSX made
by a real task worker, their figures read back (pypdf, openpyxl), small cells as "< 3", and the
downloads access-logged."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import AccessLog
from reports.models import YearlyNarrative, YearlyReportJob
from tests.factories import pdf_text

YEARLY = reverse("reports:yearly_report")
CREATE = reverse("reports:yearly_report_create")


def test_the_team_lead_writes_the_narrative_of_a_year_and_its_history_is_kept(client, teamlead):
    client.force_login(teamlead)
    response = client.post(YEARLY, {"year": "2025", "text": "Erster Entwurf"})
    assert response.status_code == 302
    opened = client.get(YEARLY, {"year": "2025"}).context["narrative_form"]  # the version it was opened with
    client.post(YEARLY, {"year": "2025", "text": "Zweite Fassung", "edit_version": opened["edit_version"].value()})
    client.post(YEARLY, {"year": "2024", "text": "Ein anderes Jahr"})
    narrative = YearlyNarrative.objects.get(year=2025)
    assert narrative.text == "Zweite Fassung"
    assert narrative.updated_by == teamlead
    assert [h.text for h in narrative.history.order_by("history_date")] == ["Erster Entwurf", "Zweite Fassung"]
    page = client.get(YEARLY, {"year": "2025"}).content.decode()
    assert "Zweite Fassung" in page
    assert "geändert" in page  # the history under the form


def test_a_bad_year_keeps_the_text_and_says_what_is_wrong(client, teamlead):
    client.force_login(teamlead)
    response = client.post(YEARLY, {"year": "zweitausend", "text": "Mein langer Bericht"})
    assert response.status_code == 200
    assert "Bitte geben Sie das Jahr als Zahl ein, z. B. 2026." in response.content.decode()
    assert not YearlyNarrative.objects.exists()
    response = client.post(YEARLY, {"year": "2025", "text": "x" * 20001})
    assert response.status_code == 200
    assert "höchstens 20000 Zeichen" in response.content.decode()
    assert ("x" * 20001) in response.content.decode()
    assert not YearlyNarrative.objects.exists()


def test_a_caseworker_has_no_yearly_report(client, caseworker):
    client.force_login(caseworker)
    assert client.get(YEARLY).status_code == 404
    assert client.post(CREATE, {"year": "2025"}).status_code == 404


@pytest.fixture
def made_report(known, teamlead, client, run_jobs):
    YearlyNarrative.objects.create(year=2025, text='Das Jahr war gut.\n=HYPERLINK("http://x")', updated_by=teamlead)
    client.force_login(teamlead)
    response = client.post(CREATE, {"year": "2025"})
    job = YearlyReportJob.objects.get()
    assert response.url == reverse("reports:yearly_report_job", kwargs={"pk": job.pk})
    page = client.get(response.url).content.decode()
    assert "data-progress" in page  # the progress bar while it waits for the worker
    run_jobs()
    job.refresh_from_db()
    assert job.status == YearlyReportJob.Status.DONE
    return job


def test_the_pdf_has_the_districts_name_the_narrative_and_every_figure_with_small_cells_hidden(
    client, made_report, settings
):
    page = client.get(reverse("reports:yearly_report_job", kwargs={"pk": made_report.pk})).content.decode()
    assert "Jahresbericht herunterladen (PDF)" in page
    response = client.get(reverse("reports:yearly_report_download", kwargs={"pk": made_report.pk, "kind": "pdf"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = re.sub(r"\s+", " ", pdf_text(data))
    assert settings.WIR_DISTRICT_NAME in text
    assert "Sachbericht WIR-Fallmanagement 2025" in text
    assert "Das Jahr war gut." in text
    # The known data set: 4 people (shown), 3 new (shown), 1 closed (hidden), 3 still open.
    assert "begleitet im Zeitraum 4" in text
    assert "neu aufgenommen 3" in text
    assert "Begleitung abgeschlossen < 3" in text
    assert "am Ende des Zeitraums weiter begleitet 3" in text
    assert "weiblich < 3" in text and "männlich < 3" in text and "divers 0" in text
    assert "Kontakte insgesamt 5 3 4,3" in text  # contacts are not people: 5 shown; 3 people shown
    assert "persönlich 2 < 3 1,3" in text
    assert "Arbeit und Qualifizierung 3 0 0 < 3 < 3 < 3 0" in text
    assert "Schulbedarf < 3 0 0 < 3 0 195,00" in text
    assert "Summe (Euro) 30,00" in text
    assert "rechtzeitig erledigt 1" in text  # follow-ups are not people
    assert "MInA 60 < 3 0 12" in text
    assert AccessLog.objects.filter(action="pdf", target=f"yearly-report:{made_report.pk}").count() == 1


def test_the_xlsx_has_the_same_figures_as_numbers_and_neutralises_formulas(client, made_report):
    response = client.get(reverse("reports:yearly_report_download", kwargs={"pk": made_report.pk, "kind": "xlsx"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    rows = {row[0]: list(row[1:]) for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert rows["begleitet im Zeitraum"][0] == 4
    assert rows["Begleitung abgeschlossen"][0] == "< 3"
    assert rows["Kontakte insgesamt"][:3] == [5, 3, pytest.approx(4.3)]
    assert rows["Arbeit und Qualifizierung"][:7] == [3, 0, 0, "< 3", "< 3", "< 3", 0]
    assert rows["Schulbedarf"][5] == pytest.approx(195)
    assert rows["Syrien"][0] == "< 3"
    narrative = [row[0] for row in book["Sachbericht"].iter_rows(values_only=True)]
    assert narrative[1] == "Das Jahr war gut."
    assert narrative[2] == '\'=HYPERLINK("http://x")'  # text, never a formula
    assert all(cell.data_type != "f" for row in book["Sachbericht"].iter_rows() for cell in row)
    assert AccessLog.objects.filter(action="export", target=f"yearly-report-xlsx:{made_report.pk}").count() == 1


def test_a_report_that_is_not_ready_cannot_be_downloaded(client, teamlead):
    job = YearlyReportJob.objects.create(year=2025, requested_by=teamlead)
    client.force_login(teamlead)
    assert (
        client.get(reverse("reports:yearly_report_download", kwargs={"pk": job.pk, "kind": "pdf"})).status_code == 404
    )
    page = client.get(reverse("reports:yearly_report_job", kwargs={"pk": job.pk})).content.decode()
    assert 'data-progress="yearly-report"' in page

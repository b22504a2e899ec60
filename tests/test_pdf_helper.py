import socket
import threading

import pytest
from pypdf import PdfReader

from wir_fallmanagement.pdf import _fetcher, pdf_response, render_pdf


@pytest.fixture
def listener():
    """A local TCP listener that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def test_the_fetcher_refuses_http_and_file_urls(listener, expect_errors):
    from weasyprint import HTML

    port, hits = listener
    html = f'<p>x<img src="http://127.0.0.1:{port}/a.png"><img src="file:///etc/passwd"></p>'
    pdf = HTML(string=html, base_url="wirstatic:/", url_fetcher=_fetcher()).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert hits == []
    assert all("BlockedFetch" in r.getMessage() for r in expect_errors()) and len(expect_errors()) == 2


def test_user_text_in_a_pdf_is_escaped_and_fetches_nothing(listener, db):
    port, hits = listener
    hostile = f'<img src="http://127.0.0.1:{port}/x.png"> <script>alert(1)</script>'
    pdf = render_pdf("pdf/base.html", {}, title=hostile)
    assert hits == []
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert reader.metadata.title == hostile  # kept as text, not interpreted


def test_pdf_downloads_are_attachments_and_not_stored():
    response = pdf_response(b"%PDF-1.7", "Vollmacht Müller/../x.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="vollmacht-mullerx.pdf"'
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"

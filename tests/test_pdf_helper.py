import re
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


# ------------------------------------------------------------------------------ tagged PDF/A + PDF/UA

ACCESSIBLE_SAMPLE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Probe</title>
<link rel="stylesheet" href="wirstatic:css/pdf-fonts.css"><link rel="stylesheet" href="wirstatic:css/pdf.css"></head>
<body><h1>Überschrift</h1><p>Ein Absatz.</p><h2>Liste</h2><ul><li>eins</li><li>zwei</li></ul>
<table><thead><tr><th scope="col">Spalte A</th><th scope="col">Spalte B</th></tr></thead>
<tbody><tr><td>a1</td><td>b1</td></tr></tbody></table>
<table><tr><th scope="row">Name</th><td>Müller</td></tr></table>
<section lang="ar" dir="rtl"><h2>عنوان</h2><p>نص عربي</p></section>
<p>Deutsch mit <span lang="uk">українською</span> dazwischen.</p></body></html>"""


def test_every_pdf_is_tagged_pdf_a_and_declares_pdf_ua():
    from tests.pdf_structure import catalog, xmp
    from wir_fallmanagement.pdf import html_to_pdf

    data = html_to_pdf(ACCESSIBLE_SAMPLE)
    root = catalog(data)
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "de"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert "/StructTreeRoot" in root
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    metadata = xmp(data)
    assert re.search(r"pdfaid:part(>|=\")3", metadata) and re.search(r"pdfaid:conformance(>|=\")A", metadata)
    assert "<pdfuaid:part>1</pdfuaid:part>" in metadata
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in metadata  # PDF/A: the schema is declared
    assert ">Probe<" in metadata  # dc:title, shown instead of the file name


def test_the_structure_tree_has_headings_lists_tables_and_languages_in_reading_order():
    from tests.pdf_structure import structure
    from wir_fallmanagement.pdf import html_to_pdf

    tree = structure(html_to_pdf(ACCESSIBLE_SAMPLE))
    assert [(n.role, n.text) for n in tree.walk() if n.role in ("H1", "H2")] == [
        ("H1", "Überschrift"),
        ("H2", "Liste"),
        ("H2", "عنوان"),
    ]
    assert [item.text for item in tree.find_all("LBody")] == ["eins", "zwei"]
    first, second = tree.find_all("Table")
    headers = first.find_all("TH")
    assert [(h.text, h.attributes["/Scope"]) for h in headers] == [("Spalte A", "/Column"), ("Spalte B", "/Column")]
    assert [list(cell.attributes["/Headers"]) for cell in first.find_all("TD")] == [[headers[0].id], [headers[1].id]]
    (row_header,) = second.find_all("TH")
    assert (row_header.text, row_header.attributes["/Scope"]) == ("Name", "/Row")
    assert list(second.find_all("TD")[0].attributes["/Headers"]) == [row_header.id]
    (arabic,) = [node for node in tree.walk() if node.role == "Sect"]
    assert arabic.lang == "ar" and arabic.text == "عنوان نص عربي"
    assert [node.text for node in tree.walk() if node.lang == "uk"] == ["українською"]
    # reading order: the order of the document
    order = [node.text for node in tree.children]
    assert order.index("Überschrift") < order.index("Ein Absatz.") < order.index("Deutsch mit українською dazwischen.")

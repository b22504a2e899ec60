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


# ------------------------------------------------------------------------------ right-to-left lines laid out once

RIGHT_TO_LEFT = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>RTL</title>
<link rel="stylesheet" href="wirstatic:css/pdf-fonts.css"><link rel="stylesheet" href="wirstatic:css/pdf.css">
<style>.float {{ float: left; width: 25mm; height: 12mm; }}</style></head>
<body><section lang="ar" dir="rtl" style="width: 90mm">{float}<p>{text}</p></section></body></html>"""
ARABIC = (
    "يخوِّل التوكيل القيام بجميع الإجراءات في المعاملة الإدارية ما لم يكن مقيدًا أعلاه (المادة 13، الفقرة 1، "
    "الجملة 2 من SGB X). تبقى الواجبات التي لا يمكن أداؤها إلا شخصيًا قائمة، مثل الحضور الشخصي إلى موعد "
    "الاستدعاء (Meldetermin). يعمل الوكيل تطوعًا ودون مقابل."
)


def line_layouts(monkeypatch) -> list[str]:
    """The texts WeasyPrint lays out a line of, one entry per try."""
    from weasyprint.layout import inline

    texts, split = [], inline.split_first_line

    def counting(text, *args, **kwargs):
        texts.append(text)
        return split(text, *args, **kwargs)

    monkeypatch.setattr(inline, "split_first_line", counting)
    return texts


def test_each_right_to_left_line_is_laid_out_once(monkeypatch):
    """WeasyPrint 70 laid out every right-to-left line twice (a third of the Vollmacht's line
    layouts); wir_fallmanagement.pdf fixes the check that caused it."""
    from wir_fallmanagement.pdf import html_to_pdf

    texts = line_layouts(monkeypatch)
    assert html_to_pdf(RIGHT_TO_LEFT.format(float="", text=ARABIC)).startswith(b"%PDF")
    assert len(texts) >= 4, texts  # several lines
    assert len(texts) == len(set(texts))  # each line's text once: no line laid out twice


@pytest.mark.parametrize("with_float", [False, True], ids=["plain", "beside-a-float"])
def test_right_to_left_lines_land_where_weasyprint_put_them(with_float, monkeypatch):
    """The fix changes how often a line is laid out, not where it goes: every line box of an
    Arabic paragraph (beside a float, too) as WeasyPrint's unchanged function places it."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import LineBox
    from weasyprint.layout import inline

    from wir_fallmanagement.pdf import _fetcher, html_to_pdf

    html = RIGHT_TO_LEFT.format(float='<div class="float"></div>' if with_float else "", text=ARABIC)
    html_to_pdf(html)  # installs the fix

    def lines():
        document = HTML(string=html, base_url="wirstatic:/", url_fetcher=_fetcher()).render()
        boxes = [box for page in document.pages for box in page._page_box.descendants() if isinstance(box, LineBox)]
        return [(round(b.position_x, 3), round(b.position_y, 3), round(b.width, 3), b.height) for b in boxes]

    texts = line_layouts(monkeypatch)
    fixed = lines()
    fixed_layouts = len(texts)
    monkeypatch.setattr(inline, "get_next_linebox", inline.get_next_linebox.unfixed)
    texts.clear()
    assert lines() == fixed and len(fixed) >= 4
    assert len(texts) > fixed_layouts  # the unchanged function lays out more often


# ------------------------------------------------------------------------------ the garbage collector during a render

LONG_DOCUMENT = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Lang</title>
<link rel="stylesheet" href="wirstatic:css/pdf-fonts.css"><link rel="stylesheet" href="wirstatic:css/pdf.css"></head>
<body>{}</body></html>""".format("<h2>Abschnitt</h2><p>Ein Absatz mit etwas Text, der umbricht. </p>" * 60)


@pytest.fixture
def collections():
    """The garbage collector's passes, as (generation) per pass started."""
    import gc

    started = []

    def record(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(record)
    yield started
    gc.callbacks.remove(record)


def test_the_collector_makes_one_young_pass_per_document_not_dozens(collections):
    """Laying out a document creates hundreds of thousands of objects; the collector used to
    traverse them (and, now and then, the whole heap) dozens of times per document."""
    import gc

    from wir_fallmanagement.pdf import html_to_pdf

    html_to_pdf(LONG_DOCUMENT)
    collections.clear()
    assert html_to_pdf(LONG_DOCUMENT).startswith(b"%PDF")
    assert collections == [0]  # one pass over the young generation, at the end
    assert gc.isenabled()


def test_a_document_leaves_no_garbage_behind():
    import gc

    from wir_fallmanagement.pdf import html_to_pdf

    for _ in range(2):
        html_to_pdf(LONG_DOCUMENT)
    before = len(gc.get_objects())
    for _ in range(3):
        html_to_pdf(LONG_DOCUMENT)
    assert len(gc.get_objects()) - before < 500  # a document's boxes alone are tens of thousands


def test_a_collector_that_was_off_stays_off(collections):
    import gc

    from wir_fallmanagement.pdf import html_to_pdf

    gc.disable()
    try:
        html_to_pdf(LONG_DOCUMENT)
        assert not gc.isenabled() and collections == []
    finally:
        gc.enable()


def test_threads_rendering_at_the_same_time_share_one_pause():
    import gc

    from wir_fallmanagement.pdf import collector_paused

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["while the second still renders"] = gc.isenabled()
        seen["after both"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"while the second still renders": False, "after both": True}

"""One way to turn an HTML template into PDF bytes (WeasyPrint).

The URL fetcher allows only the project's own static files: user input that ends up in a
document (`<img src="http://…">`, `file:///etc/passwd`) can never make the server fetch anything.

Every document leaves here as an archivable, accessible PDF, whoever renders it:

- **PDF/A-3a** (`PDF_VARIANT`): archivable (fonts embedded, sRGB output intent, XMP metadata) and,
  conformance level "a", *tagged*: a structure tree with headings, paragraphs, lists, tables
  with header cells, figures — in reading order, the document language in the catalogue.
- **PDF/UA-1** on top: the XMP metadata also carries `pdfuaid:part 1` (declared as an extension
  schema, which PDF/A demands for properties outside its own list).
- **`/Lang` on every structure element whose HTML element has a `lang`** (the Arabic working
  translation of a Vollmacht, a German name in a Ukrainian directory) and `/Scope` on header
  cells (`<th scope="row">` becomes a row header, any other `<th>` a column header).
  WeasyPrint 70 tags neither; `_tag_languages_and_header_scopes` adds them while it builds the
  tree. It wraps a private function of WeasyPrint, pinned in requirements.txt;
  `tests/test_pdf_helper.py` reads the result back and fails if an upgrade breaks it.

What a template must do for a useful tree: `<h1>`/`<h2>` for headings, tables only for data
(with `<th scope="row">` or `<th scope="col">`), lists as `<ul>`/`<ol>`, `lang` (and `dir`) on
every part in another language, a `<title>` inside inline SVG.
"""

import contextlib
import gc
import inspect
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from . import district

# No hyphen: the manifest storage (collectstatic) leaves `url("scheme:…")` in CSS alone only for
# schemes of letters, and rewrites anything else as a relative path — which crashed collectstatic.
STATIC_SCHEME = "wirstatic"  # templates refer to assets as wirstatic:css/pdf.css
DISTRICT_LOGO = f"{STATIC_SCHEME}:district-logo"  # the logo uploaded at /setup/district/ (pdf_logo in templates)


class BlockedFetch(ValueError):
    pass


def _static_file(url: str) -> Path:
    parsed = urlparse(url)
    if parsed.scheme != STATIC_SCHEME:
        raise BlockedFetch(f"PDF rendering may not fetch {parsed.scheme or 'relative'} URLs")
    relative = unquote(parsed.path).lstrip("/")
    found = finders.find(relative)
    if not found:
        raise BlockedFetch(f"no static file {relative!r}")
    return Path(found)


_MIME = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".png": "image/png"}


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves `wirstatic:` URLs from the static files; refuses everything else."""

        def fetch(self, url, headers=None):
            if url == DISTRICT_LOGO:
                here = district.current()
                logo = here.logo_bytes()
                if logo is None:
                    raise BlockedFetch("the district has no logo")
                return URLFetcherResponse(url, logo, {"Content-Type": here.logo_content_type})
            path = _static_file(url)
            mime = _MIME.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher(allowed_protocols=[STATIC_SCHEME], allow_redirects=False)


def render_html(template: str, context: dict, *, request=None, title: str = "", lang: str = "de") -> str:
    """The HTML that `render_pdf` lays out: cheap (milliseconds), so it can tell whether a
    document would come out differently without rendering it."""
    base = {"pdf_title": title, "pdf_lang": lang, "district_name": district.current().name}
    if district.current().logo:
        base["pdf_logo"] = DISTRICT_LOGO
    return render_to_string(template, {**base, **context}, request=request)


PDF_VARIANT = "pdf/a-3a"  # archivable and tagged; see the module docstring

# PDF/A allows XMP properties outside its own list only with a declaration of their schema.
_PDFUA_XMP = b"""<rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
  <pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>"""


def _tag_languages_and_header_scopes(build_box_tree):
    """Wrap WeasyPrint's `pdf.tags._build_box_tree` (it calls itself through the module, so the
    wrapper sees every box): give the structure element of an HTML element with `lang` its
    `/Lang`, and header cells their `/Scope`."""
    import pydyf

    def build(box, *args, **kwargs):
        for element in build_box_tree(box, *args, **kwargs):
            html = getattr(box, "element", None)
            if html is not None and getattr(box, "element_tag", None) not in ("html", "body"):
                lang = html.get("lang")
                if lang and "Lang" not in element:
                    element["Lang"] = pydyf.String(lang)
                if element.get("S") == "/TH" and "A" in element:
                    element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"
            yield element

    build.wrapped = build_box_tree
    return build


def _install_tagging():
    from weasyprint.pdf import tags

    if not hasattr(tags._build_box_tree, "wrapped"):
        tags._build_box_tree = _tag_languages_and_header_scopes(tags._build_box_tree)


# WeasyPrint 70 lays out every line of right-to-left text twice: after a line is laid out,
# `layout.inline.get_next_linebox` checks whether floats moved it, and for right-to-left text it
# compares the line's new start plus its width with the start plus the width *before* the first
# try (0 without floats), so the check fails and the line is laid out again. A right-to-left line
# starts at the right bound, which `avoid_collisions` returns as the position: comparing positions,
# as for left-to-right lines, is the right test (with floats, too). A third of the Vollmacht's
# line layouts were these repeats (bench/pdf.py). The fix rewrites that one comparison in
# WeasyPrint's own function (pinned in requirements.txt); if an upgrade changes the function,
# nothing is rewritten and tests/test_pdf_helper.py, which counts the line layouts of an Arabic
# paragraph, says whether the fix is still needed.
_RTL_LINE_CHECK = (
    "condition = (position_x + line.width, position_y) == (\n"
    "                original_position_x + original_width, original_position_y)"
)
_LINE_CHECK = "condition = (position_x, position_y) == (\n                original_position_x, original_position_y)"


_right_to_left_lock = threading.Lock()


def _lay_out_right_to_left_lines_once():
    from weasyprint.layout import inline

    with _right_to_left_lock:
        if getattr(inline.get_next_linebox, "fixed_right_to_left", False):
            return
        try:
            lines, first = inspect.getsourcelines(inline.get_next_linebox)
        except OSError:  # installed without its source: lay out as WeasyPrint does
            return
        source = "".join(lines)
        if _RTL_LINE_CHECK not in source:
            return
        unfixed = inline.get_next_linebox
        # Compiled at its own line numbers into WeasyPrint's module: tracebacks point at inline.py.
        code = compile("\n" * (first - 1) + source.replace(_RTL_LINE_CHECK, _LINE_CHECK), inline.__file__, "exec")
        exec(code, vars(inline))  # noqa: S102  # nosec B102 -- WeasyPrint's own source with one comparison replaced
        inline.get_next_linebox.fixed_right_to_left = True
        inline.get_next_linebox.unfixed = unfixed  # for tests/test_pdf_helper.py: the same layout, laid out once


def _accessible_metadata(metadata):
    """WeasyPrint's metadata writer for PDF/A, plus the PDF/UA identification."""
    from weasyprint.pdf.metadata import DocumentMetadata

    class AccessibleMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = super().generate_rdf_metadata(variant, version, conformance)
            return rdf.replace(b"</rdf:RDF>", _PDFUA_XMP)

    return AccessibleMetadata(**vars(metadata))


# Python's cyclic garbage collector runs a young-generation pass every 700 new container objects
# and, every tenth of those, a pass over the older one. A Vollmacht makes ~38 young passes and
# 3-4 older ones, each traversing the document's boxes, styles and layouts that all live until
# the PDF is written, and every few documents a pass over the whole heap of the process (~250 ms);
# in bench/pdf.py ~30 ms of a Vollmacht's median CPU time, more in a batch, and the cyclic garbage
# of several documents waited in memory for it. The collector therefore pauses while a document is
# laid out and written, and makes one young pass at the end, after the document was dropped: its
# cyclic garbage goes at once. Threads rendering at the same time share one pause (the last one
# out collects); a collector that was off stays off.
_collector_lock = threading.Lock()
_collector = {"renders": 0, "resume": False}


@contextlib.contextmanager
def collector_paused():
    with _collector_lock:
        if _collector["renders"] == 0:
            _collector["resume"] = gc.isenabled()
            gc.disable()
        _collector["renders"] += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector["renders"] -= 1
            resume = _collector["renders"] == 0 and _collector["resume"]
            if resume:
                gc.enable()
        if resume:
            gc.collect(0)


def html_to_pdf(html: str, **options) -> bytes:
    """Lay out HTML from `render_html` as a tagged PDF/A-3a with PDF/UA identification (the
    CPU-heavy part). `options` go to WeasyPrint's `write_pdf`."""
    from weasyprint import HTML  # imported lazily: loading Pango costs ~0.3 s

    _install_tagging()
    _lay_out_right_to_left_lines_once()

    def write():  # the document is garbage once this returns, before the collection at the end
        document = HTML(string=html, base_url=f"{STATIC_SCHEME}:/", url_fetcher=_fetcher()).render()
        document.metadata = _accessible_metadata(document.metadata)
        return document.write_pdf(pdf_variant=PDF_VARIANT, **options)

    with collector_paused():
        return write()


def render_pdf(template: str, context: dict, *, request=None, title: str = "", lang: str = "de", **options) -> bytes:
    """Render `template` to PDF bytes: the one way every document of the application is made
    (PDF/A-3a, tagged, PDF/UA-1; see the module docstring). `title` becomes the document title
    (shown by readers instead of the file name), `lang` the document language."""
    return html_to_pdf(render_html(template, context, request=request, title=title, lang=lang), **options)


def merge_pdfs(parts: list[bytes]) -> bytes:
    """One PDF of finished ones (a print bundle), keeping what made each accessible: every
    part's structure tree becomes a `/Part` of one `/Document`, its page and annotation keys
    renumbered into one parent tree; catalogue language, PDF/A metadata and output intent, and
    the document info come from the first part. (pypdf's own `append` drops all of that.)

    Bigger than a plain join: pypdf writes the structure elements as single objects, where
    WeasyPrint packs them into object streams."""
    writer = PdfWriter()
    document = DictionaryObject(
        {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")}
    )
    document_ref = writer._add_object(document)
    kids, nums, offset = ArrayObject(), ArrayObject(), 0
    for index, data in enumerate(parts):
        reader = PdfReader(io.BytesIO(data))
        catalog = reader.trailer["/Root"]
        if index == 0:
            for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents", "/Metadata"):
                if key in catalog:
                    writer._root_object[NameObject(key)] = catalog.raw_get(key).clone(writer)
            writer.add_metadata(reader.metadata or {})
        for page in reader.pages:
            added = writer.add_page(page)
            if "/StructParents" in page:
                added[NameObject("/StructParents")] = NumberObject(page["/StructParents"] + offset)
            for annotation in added.get("/Annots", []):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(annotation["/StructParent"] + offset)
        if "/StructTreeRoot" not in catalog:
            continue
        tree = catalog["/StructTreeRoot"]
        keys = tree["/ParentTree"]["/Nums"]
        for key, value in zip(keys[::2], keys[1::2], strict=True):
            nums.extend([NumberObject(key + offset), value.clone(writer)])
        for kid in tree["/K"]:
            element = kid.clone(writer).get_object()  # the part's /Document element
            element[NameObject("/S")] = NameObject("/Part")
            element[NameObject("/P")] = document_ref
            if "/Lang" in catalog:
                element[NameObject("/Lang")] = catalog.raw_get("/Lang").clone(writer)
            kids.append(element.indirect_reference)
        offset += max(keys[::2], default=-1) + 1
    document[NameObject("/K")] = kids
    tree_root = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([document_ref]),
            NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(offset),
        }
    )
    document[NameObject("/P")] = writer._root_object[NameObject("/StructTreeRoot")] = writer._add_object(tree_root)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download that no cache keeps and no browser renders inline."""
    response = HttpResponse(pdf, content_type="application/pdf")
    safe = slugify(filename.removesuffix(".pdf")) or "dokument"
    response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response

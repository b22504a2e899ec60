"""One way to turn an HTML template into PDF bytes (WeasyPrint).

The URL fetcher allows only the project's own static files: user input that ends up in a
document (`<img src="http://…">`, `file:///etc/passwd`) can never make the server fetch anything.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

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


def html_to_pdf(html: str, **options) -> bytes:
    """Lay out HTML from `render_html` as PDF (the CPU-heavy part: seconds for a Vollmacht)."""
    from weasyprint import HTML  # imported lazily: loading Pango costs ~0.3 s

    document = HTML(string=html, base_url=f"{STATIC_SCHEME}:/", url_fetcher=_fetcher())
    return document.write_pdf(**options)


def render_pdf(template: str, context: dict, *, request=None, title: str = "", lang: str = "de", **options) -> bytes:
    """Render `template` to PDF bytes. `options` go to WeasyPrint's `write_pdf`
    (e.g. `pdf_variant="pdf/a-3b"`)."""
    return html_to_pdf(render_html(template, context, request=request, title=title, lang=lang), **options)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download that no cache keeps and no browser renders inline."""
    response = HttpResponse(pdf, content_type="application/pdf")
    safe = slugify(filename.removesuffix(".pdf")) or "dokument"
    response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""axe-core (vendored, tests/browser/vendor/axe-core) inside Chromium, and a bounded crawl.

`violations(page)` runs every axe rule on the page as it is now. `crawl(...)` follows the links
a role can reach from its landing page, page by page, and collects the violations of each."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

AXE_VERSION = "4.14.1"
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

# Downloads and actions, not pages: PDFs, exports, files, logging out, the admin (Django's own
# pages, not ours), switching language.
SKIP = re.compile(r"/(pdf|bundle)/|/export/|/documents/|/accounts/logout|/admin/|/i18n/|/static/|/media/|/preview/")
ID = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=/|$)")


def violations(page) -> list[dict]:
    """Needs a browser context with bypass_csp=True: the page's CSP forbids the injected script."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )


def shape(path: str) -> str:
    """/clients/<uuid>/edit/ and /clients/<other uuid>/edit/ are the same kind of page."""
    return ID.sub("/{id}", path)


def crawl(page, base: str, start: str, *, limit: int = 60, per_shape: int = 2) -> tuple[list[str], dict]:
    """Visit pages reachable by links from `start` (same site, no downloads) breadth first: at most
    `limit` pages and `per_shape` pages of each kind. Returns the visited paths and the
    violations per path."""
    queue, seen, shapes, visited, found = [start], set(), {}, [], {}
    while queue and len(visited) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        kind = shape(urlsplit(path).path) + ("?" if urlsplit(path).query else "")
        if shapes.get(kind, 0) >= per_shape:
            continue
        response = page.goto(base + path)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
            continue
        shapes[kind] = shapes.get(kind, 0) + 1
        visited.append(path)
        if problems := violations(page):
            found[path] = problems
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlsplit(urljoin(base + path, href))
            if target.netloc != urlsplit(base).netloc or SKIP.search(target.path):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link not in seen:
                queue.append(link)
    return visited, found

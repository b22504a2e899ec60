"""Find the POST forms on a page and fill them with hostile input (used by tests/test_fuzzing.py)."""

import secrets
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "'; DROP TABLE cases_client; --",
    "../../etc/passwd",
    "\u202eevil\u202c",
    "A" * 100_000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧‍👦 \U0010fffd",
    "محمد\u0000null",
    "line\r\nInjected: header",
    " ",
    "-1",
    "9" * 40,
    "2026-02-30",
]

# Text from every Unicode plane (no surrogates), with control characters.
TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20),
)


@dataclass
class Form:
    action: str
    method: str = "post"
    fields: dict = field(default_factory=dict)  # name -> ("text"|"hidden"|"select"|"checkbox"|"file", [values])


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = Form(action=a.get("action") or self.page_url, method=(a.get("method") or "get").lower())
        if self.current is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button"):
                return
            kind = {"hidden": "hidden", "checkbox": "checkbox", "radio": "checkbox", "file": "file"}.get(kind, "text")
            self.current.fields.setdefault(name, (kind, []))[1].append(a.get("value", "on"))
        elif tag == "textarea" and name:
            self.current.fields[name] = ("text", [])
        elif tag == "select" and name:
            self.select = name
            self.current.fields[name] = ("select", [])
        elif tag == "option" and self.select:
            self.current.fields[self.select][1].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def forms_on(html: str, page_url: str) -> list[Form]:
    """Every form on the page (GET filters and POST forms) except logout and the language switch."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return [f for f in parser.forms if not f.action.endswith(("/logout/", "/i18n/setlang/")) and f.fields]


def fill(form: Form, draw) -> dict:
    data = {}
    for name, (kind, values) in form.fields.items():
        if name == "form_token":
            data[name] = secrets.token_urlsafe(16)  # every example is a new submission
        elif kind == "hidden" and name == "csrfmiddlewaretoken":
            continue
        elif kind == "hidden":
            data[name] = draw(st.one_of(st.just(values[0] if values else ""), TEXT))
        elif kind == "select":
            data[name] = draw(st.one_of(st.sampled_from(values or [""]), TEXT))
        elif kind == "checkbox":
            chosen = draw(st.lists(st.sampled_from(values or ["on"]), max_size=3))
            if chosen:
                data[name] = chosen
        elif kind == "file":
            continue
        else:
            data[name] = draw(TEXT)
    return data

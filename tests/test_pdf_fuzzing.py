"""Hostile input in the fields that end up in PDFs: it is printed as text, never interpreted, and
nothing is fetched from anywhere (a local listener watches)."""

import io

from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from authorisations.models import KjcBranch
from authorisations.pdf import render_authorisation, render_revocation_notice
from tests.factories import make_agent, make_authorisation, make_client
from tests.fuzzing import TEXT
from tests.test_pdf_helper import listener  # noqa: F401  (fixture)


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\x00", "")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=TEXT)
def test_vollmacht_pdfs_print_hostile_input_as_text_and_fetch_nothing(caseworker, volunteer, listener, noise):  # noqa: F811
    port, hits = listener
    noise = noise.replace("\x00", "")  # PostgreSQL text cannot hold NUL; every form refuses it before saving
    payload = f'<img src="http://127.0.0.1:{port}/x.png"><a href="file:///etc/passwd">alert(1)</a>'
    client = make_client(caseworker, family_name=f"Haddad{payload}"[:200], given_names="Rasha", street=noise[:200])
    branch, _ = KjcBranch.objects.get_or_create(name="KJC Erbach", defaults={"postcode": "64711", "town": "Erbach"})
    authorisation = make_authorisation(
        client,
        make_agent(family_name=f"V{len(noise)}"),
        caseworker,
        branch,
        status="signed",
        exclusions=(payload + noise)[:1000],
    )
    pdf = render_authorisation(
        authorisation, verify_url="https://example.org/verify/x/", entry_url="https://example.org/verify/"
    )
    notice = render_revocation_notice(authorisation)
    assert pdf.startswith(b"%PDF") and notice.startswith(b"%PDF")
    assert hits == []
    assert "alert(1)" in text_of(pdf)  # printed as the text it is
    assert b"/URI (file:///etc/passwd)" not in pdf  # not turned into a link

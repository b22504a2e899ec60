"""Past one machine: two gunicorn processes against one database serve the same users (sessions
in the database), and file storage switches to S3-compatible object storage by configuration."""

import json
import re
import subprocess

import pytest
from django.conf import settings

from accounts.models import Role
from tests import live

PASSWORD = "Zwei-Prozesse-Test-2026"


def test_a_session_started_on_one_app_process_holds_on_another(tmp_path, migrated_template, collected_static):
    with live.fresh_database("wir_two", template=migrated_template) as database:
        env = live.production_env(database, tmp_path, WEB_CONCURRENCY="1", WIR_STATIC_ROOT=str(collected_static))
        live.create_user(env, "ehrenamt@example.org", PASSWORD, Role.VOLUNTEER)
        first, first_port = live.start_gunicorn(env, tmp_path, name="web1")
        second, second_port = live.start_gunicorn(env, tmp_path, name="web2")
        try:
            on_first = live.Browser(first_port)
            on_first.login("ehrenamt@example.org", PASSWORD)
            assert on_first.get("/portal/").status == 200

            on_second = live.Browser(second_port)
            on_second.cookies = dict(on_first.cookies)
            page = on_second.get("/portal/")
            assert page.status == 200, page.status
            # Logging out on the second process ends the session on the first one too.
            token = on_second.csrf_token(page.text)
            assert on_second.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status == 302
            on_first.cookies.update(on_second.cookies)
            on_first.cookies["sessionid"] = on_first.cookies.get("sessionid") or "gone"
            after = on_first.get("/portal/")
            assert after.status == 302 and "/accounts/login/" in after.headers["Location"]
        finally:
            live.stop(first)
            live.stop(second)
        assert "GET /portal/" in (tmp_path / "web1.log").read_text()
        assert "GET /portal/" in (tmp_path / "web2.log").read_text()


def test_the_verification_rate_limit_counts_across_app_processes(tmp_path, migrated_template, collected_static):
    """30 anonymous verifications per 10 minutes per client address (the shared database cache):
    15 on one process and 15 on the other spend the limit; the next is refused on both."""
    with live.fresh_database("wir_limit", template=migrated_template) as database:
        env = live.production_env(database, tmp_path, WEB_CONCURRENCY="1", WIR_STATIC_ROOT=str(collected_static))
        first, first_port = live.start_gunicorn(env, tmp_path, name="web1")
        second, second_port = live.start_gunicorn(env, tmp_path, name="web2")
        try:
            client = {port: live.Browser(port, client_ip="198.51.100.7") for port in (first_port, second_port)}
            answers = [
                client[port].get("/verify/?code=AAAA-BBBB-CCCC").status for port in [first_port, second_port] * 15
            ]
            assert 429 not in answers, answers
            assert client[first_port].get("/verify/?code=AAAA-BBBB-CCCC").status == 429
            assert client[second_port].get("/verify/?code=AAAA-BBBB-CCCC").status == 429
            # Another client address still has its own allowance.
            assert live.Browser(second_port, client_ip="198.51.100.8").get("/verify/?code=AAAA-BBBB-CCCC").status != 429
        finally:
            live.stop(first)
            live.stop(second)


PRINT_STORAGE = (
    "import django, json; django.setup();"
    "from django.core.files.storage import storages; s = storages['default'];"
    "print(json.dumps({'class': type(s).__name__, 'bucket': getattr(s, 'bucket_name', None),"
    " 'endpoint': getattr(s, 'endpoint_url', None), 'location': getattr(s, 'location', None),"
    " 'acl': getattr(s, 'default_acl', None), 'overwrite': getattr(s, 'file_overwrite', None)}))"
)


def storage_with(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = live.production_env("postgres:///unused", tmp_path, DJANGO_SETTINGS_MODULE="wir_fallmanagement.settings")
    env.update(extra)
    return subprocess.run(
        [live.PYTHON, "-c", PRINT_STORAGE], cwd=live.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_uploads_go_to_s3_compatible_object_storage_when_configured(tmp_path):
    local = storage_with(tmp_path)
    assert json.loads(local.stdout)["class"] == "FileSystemStorage", local.stderr
    s3 = storage_with(
        tmp_path,
        WIR_STORAGE="s3",
        WIR_S3_BUCKET="wir-uploads",
        WIR_S3_ENDPOINT_URL="https://objects.example.de",
        WIR_S3_PREFIX="landkreis",
    )
    assert json.loads(s3.stdout) == {
        "class": "S3Storage",
        "bucket": "wir-uploads",
        "endpoint": "https://objects.example.de",
        "location": "landkreis",
        "acl": "private",
        "overwrite": False,
    }, s3.stderr
    unknown = storage_with(tmp_path, WIR_STORAGE="ftp")
    assert unknown.returncode != 0 and "WIR_STORAGE must be" in unknown.stderr


APPS = settings.PROJECT_APPS  # our own packages, the project package included
#: A stored file reached by a local path only works with the file system storage on one machine.
LOCAL_FILE_ACCESS = re.compile(r"\bMEDIA_ROOT\b|\.path\b(?!\.)|FileSystemStorage\(")


def local_file_access() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((live.BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts or path.name == "settings.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.replace("request.path", "").replace("parsed.path", "").replace("os.path", "")
                if LOCAL_FILE_ACCESS.search(code.split("#")[0]):
                    found.append(f"{path.relative_to(live.BASE_DIR)}:{number}: {line.strip()}")
    return found


def test_every_app_reaches_stored_files_through_the_storage_api_only():
    """Uploads, import files, the logo: through `default_storage` (local disk or object storage
    by configuration), never by a path on this machine's disk."""
    assert local_file_access() == []


@pytest.mark.parametrize(
    "line", ["open(document.file.path)", "Path(settings.MEDIA_ROOT) / name", "FileSystemStorage(location=x)"]
)
def test_the_local_file_check_catches_each_form(line):
    assert LOCAL_FILE_ACCESS.search(line)

"""`manage.py backup` and `manage.py restore`, for real: the demo is backed up, restored into a
fresh database and an empty media directory, compared table by table and file by file, and a
server pointed at the copy lets a demo user log in."""

import hashlib
import subprocess
import tarfile

import psycopg
from psycopg import sql

from tests import live


def table_checksums(database: str) -> dict[str, tuple[int, str]]:
    host, port = live._server()
    with psycopg.connect(dbname=database, host=host, port=port, user="wir") as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        result = {}
        for table in tables:
            query = sql.SQL("SELECT md5(t::text) FROM {} AS t").format(sql.Identifier(table))
            rows = sorted(r[0] for r in conn.execute(query))
            result[table] = (len(rows), hashlib.sha256("".join(rows).encode()).hexdigest())
        return result


def files_under(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


LATER_APPS_DATA = """
from accounts.models import Role, User
from django.core.cache import cache
from imports import services as imports
from operations.services import update_district
from reports.models import YearlyNarrative, YearlyReportJob
from tests import files
from wir_fallmanagement.uploads import CSV, CheckedUpload
user = User.objects.filter(role=Role.TEAMLEAD).first()
sheet = CheckedUpload(content=b"Familienname;Vorname(n)\\r\\nNasser;Amal\\r\\n", content_type=CSV, original_name="l.csv")
imports.accept(checked=sheet, kind="clients", user=user, caseworker=None)
logo = CheckedUpload(content=files.image(), content_type="image/png", original_name="wappen.png")
update_district(name="Odenwaldkreis", logo=logo)
YearlyNarrative.objects.get_or_create(year=2025, defaults={"text": "Bericht", "updated_by": user})
YearlyReportJob.objects.create(year=2025, requested_by=user, status="done", pdf=b"%PDF-1.7", xlsx=b"PK")
cache.set("document:backup-test", b"%PDF-1.7", 3600)
"""


def test_backup_of_the_demo_restores_byte_for_byte_into_a_fresh_database(tmp_path, migrated_template, collected_static):
    source_database = live.fresh_database("wir_backup_src", template=migrated_template)
    with source_database as source, live.fresh_database("wir_backup_dst") as target:
        env = live.production_env(source, tmp_path / "a", WIR_DEMO="1")
        live.manage(env, "seed_demo")
        # What the later apps store: an uploaded import file (through the one upload path, into
        # the storage), the district's logo, a yearly report job with its PDF and XLSX.
        live.manage(env, "shell", "-c", LATER_APPS_DATA)
        media = tmp_path / "a" / "media"
        (media / "extra" / "deep").mkdir(parents=True)
        (media / "extra" / "deep" / "binary.bin").write_bytes(bytes(range(256)) * 100)
        archive = tmp_path / "backup.tar"
        live.manage(env, "backup", "--output", str(archive))
        assert archive.stat().st_mode & 0o777 == 0o600
        with tarfile.open(archive) as tar:
            assert {"manifest.json", "database.dump"} <= set(tar.getnames())

        restored_env = live.production_env(target, tmp_path / "b", WIR_STATIC_ROOT=str(collected_static))
        restore = live.manage(restored_env, "restore", str(archive))
        assert "checksums and row counts match" in restore.stdout

        original, copy = table_checksums(source), table_checksums(target)
        assert copy == original
        assert original["cases_client"][0] > 100 and original["accounts_user"][0] >= 7
        original_files, restored_files = files_under(media), files_under(tmp_path / "b" / "media")
        assert restored_files == original_files
        assert len(original_files) > 1 and any(name.startswith("extra/") for name in original_files)
        assert any(name.startswith("imports/") for name in restored_files)  # the import upload
        assert any(name.startswith("district/") for name in restored_files)  # the logo
        for table in ("imports_importrun", "reports_yearlyreportjob", "reports_yearlynarrative", "wir_cache"):
            assert copy[table][0] >= 1, table

        # A second restore into the now filled database is refused, and so is a filled media directory.
        again = subprocess.run(
            [live.PYTHON, "manage.py", "restore", str(archive)],
            cwd=live.BASE_DIR,
            env=restored_env,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and "not empty" in again.stderr
        assert table_checksums(target) == original
        with live.fresh_database("wir_backup_empty") as empty:
            filled_media = live.production_env(empty, tmp_path / "b")
            refused = subprocess.run(
                [live.PYTHON, "manage.py", "restore", str(archive)],
                cwd=live.BASE_DIR,
                env=filled_media,
                capture_output=True,
                text=True,
            )
            assert refused.returncode != 0 and "file storage is not empty" in refused.stderr

        web, port = live.start_gunicorn(restored_env, tmp_path / "b")
        try:
            browser = live.Browser(port)
            browser.login("ehrenamt1@demo.invalid", "demo")
            portal = browser.get("/portal/")
            assert portal.status == 200
        finally:
            live.stop(web)

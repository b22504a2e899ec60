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


def test_backup_of_the_demo_restores_byte_for_byte_into_a_fresh_database(tmp_path, migrated_template, collected_static):
    source_database = live.fresh_database("wir_backup_src", template=migrated_template)
    with source_database as source, live.fresh_database("wir_backup_dst") as target:
        env = live.production_env(source, tmp_path / "a", WIR_DEMO="1")
        live.manage(env, "seed_demo")
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

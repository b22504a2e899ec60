"""One archive holds everything: the database (pg_dump, custom format) and every stored file
(uploads, stored PDFs), with a manifest of SHA-256 checksums, per-table row counts and per-table
content checksums. `restore` puts it back into an empty database and an empty storage.

Archive layout (an uncompressed tar; the dump and the files are compressed already):
    manifest.json       format, created_at, database {file, sha256}, tables {name: {rows, checksum}},
                        files [{name, size, sha256}]
    database.dump       pg_dump --format=custom --no-owner --no-privileges
    files/<name>        each stored file under its storage name
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from psycopg import sql

FORMAT = 1
DUMP = "database.dump"
MANIFEST = "manifest.json"
FILES = "files"


class BackupError(Exception):
    pass


def _sha256_file(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore from Django's connection settings."""
    params = connection.settings_dict
    options = params.get("OPTIONS") or {}
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for var, value in (
        ("PGHOST", params["HOST"] or options.get("host")),
        ("PGPORT", params["PORT"] or options.get("port")),
        ("PGUSER", params["USER"]),
        ("PGPASSWORD", params["PASSWORD"]),
        ("PGSSLMODE", options.get("sslmode")),
    ):
        if value:
            env[var] = str(value)
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found (Debian package postgresql-client)")
    return found


def stored_files(path: str = ""):
    """Every file name in the default storage (local disk or object storage), sorted."""
    try:
        dirs, files = default_storage.listdir(path)
    except FileNotFoundError:  # a media directory not created yet holds nothing
        return
    for name in sorted(files):
        yield str(PurePosixPath(path, name)) if path else name
    for directory in sorted(dirs):
        yield from stored_files(str(PurePosixPath(path, directory)) if path else directory)


def table_summary() -> dict[str, dict]:
    """Row count and a checksum of the contents of every table in the public schema."""
    summary = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {} AS t"
            ).format(sql.Identifier(table))
            cursor.execute(query.as_string(cursor.connection))
            rows, checksum = cursor.fetchone()
            summary[table] = {"rows": rows, "checksum": checksum}
    return summary


def create_backup(target: Path) -> dict:
    """Write the archive to `target` (mode 600, written to a temporary name first)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        dump = Path(work) / DUMP
        result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        with dump.open("rb") as fh:
            database = {"file": DUMP, "sha256": _sha256_file(fh)}
        files = []
        partial = Path(work) / "archive.tar"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w") as tar:
            tar.add(dump, arcname=DUMP)
            for name in stored_files():
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                info = tarfile.TarInfo(f"{FILES}/{name}")
                info.size = len(data)
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
                files.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": database,
                "tables": table_summary(),
                "files": files,
            }
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(body))
        os.replace(partial, target)
    return manifest


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError("no manifest.json in the archive")
        return json.load(member)


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def restore_backup(archive: Path) -> dict:
    """Restore into an empty database and an empty storage; verify every checksum and count."""
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format {manifest.get('format')!r}")
    if not _database_is_empty():
        raise BackupError(
            f"the database {connection.settings_dict['NAME']} is not empty: restore only into an empty one"
        )
    if next(stored_files(), None) is not None:
        raise BackupError("the file storage is not empty: restore only into an empty one")
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        with tar.extractfile(DUMP) as src, dump.open("wb") as out:
            shutil.copyfileobj(src, out)
        with dump.open("rb") as fh:
            if _sha256_file(fh) != manifest["database"]["sha256"]:
                raise BackupError("the database dump does not match its checksum")
        for entry in manifest["files"]:
            member = tar.extractfile(f"{FILES}/{entry['name']}")
            data = member.read() if member else b""
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise BackupError(f"file {entry['name']} does not match its checksum")
        connection.close()
        result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                _pg_env()["PGDATABASE"],
                str(dump),
            ],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for entry in manifest["files"]:
            data = tar.extractfile(f"{FILES}/{entry['name']}").read()
            saved = default_storage.save(entry["name"], File(io.BytesIO(data), name=entry["name"]))
            if saved != entry["name"]:
                raise BackupError(f"file {entry['name']} was stored as {saved}")
    restored = table_summary()
    if restored != manifest["tables"]:
        differing = sorted(t for t in manifest["tables"] if restored.get(t) != manifest["tables"][t])
        raise BackupError(f"restored tables differ from the backup: {', '.join(differing)}")
    return manifest

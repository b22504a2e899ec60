"""What /healthz and /readyz check. Each check answers (ok, detail); none writes anything."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateWorker


def database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return False, f"unavailable ({type(exc).__name__})"
    return True, "answers"


def migrations() -> tuple[bool, str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return False, f"{len(plan)} not applied"
    return True, "all applied"


def static_manifest() -> tuple[bool, str]:
    """Production serves hashed files from STATIC_ROOT: the manifest written by collectstatic
    must be there (without it every page fails)."""
    read_manifest = getattr(staticfiles_storage, "read_manifest", None)
    if read_manifest is None:
        return settings.DEBUG, "no manifest storage (DEBUG only)"
    content = read_manifest()
    if not content:
        return False, f"{staticfiles_storage.manifest_name} missing in {settings.STATIC_ROOT}"
    return True, "present"


def task_worker() -> tuple[bool, str]:
    since = timezone.now() - settings.WIR_WORKER_HEARTBEAT_MAX_AGE
    alive = ProcrastinateWorker.objects.filter(last_heartbeat__gte=since).count()
    if not alive:
        return False, f"no heartbeat for {int(settings.WIR_WORKER_HEARTBEAT_MAX_AGE.total_seconds())} s"
    return True, f"{alive} alive"


def readiness() -> dict[str, tuple[bool, str]]:
    checks = {"database": database()}
    if not checks["database"][0]:
        return checks  # the other checks need the database
    checks.update(static=static_manifest(), migrations=migrations(), worker=task_worker())
    return checks

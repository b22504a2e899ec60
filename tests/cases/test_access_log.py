"""The access log moved from accounts to cases (migrations cases.0004 and accounts.0007) without
touching its table: the rows written before the move are there after it, the table keeps its
name and its append-only trigger, and the content type row (with any permission on it) moves."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import InternalError, ProgrammingError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from cases.models import AccessLog
from tests.factories import make_client

BEFORE = [("accounts", "0006_cache_table"), ("cases", "0003_document_kind_authorisation")]
AFTER = [("accounts", "0007_move_accesslog_to_cases"), ("cases", "0004_accesslog")]


def migrate(targets):
    # Check the deferred foreign keys of the rows written so far now: unapplying later migrations
    # alters tables (cases_historicalclient) that may not have pending trigger events.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_model_lives_in_cases_on_the_old_table():
    assert AccessLog._meta.app_label == "cases"
    assert AccessLog._meta.db_table == "accounts_accesslog"


def test_rows_written_before_the_move_survive_it_and_stay_append_only(caseworker):
    person = make_client(caseworker)
    content_type = ContentType.objects.get_for_model(AccessLog)
    with connection.cursor() as cursor:  # check the deferred foreign keys now: migrating back drops tables
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    old_apps = migrate(BEFORE)
    OldAccessLog = old_apps.get_model("accounts", "AccessLog")
    assert not ContentType.objects.filter(app_label="cases", model="accesslog").exists()
    before = OldAccessLog.objects.create(user_id=caseworker.pk, client_id=person.pk, action="view", target="client:1")

    migrate(AFTER)

    row = AccessLog.objects.get(pk=before.pk)
    # (ids: the client table lacks the columns of later migrations at this point)
    assert (row.user_id, row.client_id, row.action, row.target) == (caseworker.pk, person.pk, "view", "client:1")
    assert ContentType.objects.get(app_label="cases", model="accesslog").pk == content_type.pk
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).update(action="export")
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).delete()
    assert AccessLog.objects.get(pk=row.pk).action == "view"

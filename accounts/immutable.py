"""History and access-log rows cannot be changed or deleted through the database role the
application uses: a trigger refuses UPDATE and DELETE on every audit table.

The trigger is (re)attached after every `migrate` to all django-simple-history tables and the
access log, so tables added by later migrations are covered too. A future retention job that
must anonymise old history sets `SET LOCAL wir.retention = 'on'` in its transaction.
"""

from django.apps import apps
from django.db import connection

FUNCTION = """
CREATE OR REPLACE FUNCTION wir_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('wir.retention', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'audit table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def audit_tables() -> list[str]:
    tables = [m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")]
    tables.append("accounts_accesslog")  # cases.AccessLog, which kept the table name of accounts
    existing = set(connection.introspection.table_names())
    return sorted(t for t in tables if t in existing)


def protect_audit_tables(**kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in audit_tables():
            sql = f'CREATE OR REPLACE TRIGGER wir_append_only BEFORE UPDATE OR DELETE ON "{table}" '  # nosec B608 -- table names come from our own models
            cursor.execute(sql + "FOR EACH ROW EXECUTE FUNCTION wir_audit_is_append_only()")

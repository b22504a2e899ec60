# The caseworkers of a person on the person's own row (Client.caseworker_ids), kept by the database as
# the search terms' copy (0014, 0017): a caseworker's search of several words intersects it with the
# names inside the index, and reads only their own people's rows.
#
# The triggers come first, then the people so far are filled in batches with a VACUUM after each
# (outside a transaction, as `migrate` runs this migration): every row gets a new version, and in one
# statement a million rows would leave the table twice its size, half of it empty, for good (a list
# counted by reading the table in order then reads the empty half first). Case writes meanwhile are
# kept by the triggers already; nothing is locked for longer than one batch.

import django.contrib.postgres.fields
from django.db import migrations, models

BATCH = 100_000

TRIGGERS = """
-- The case triggers (0014) now write both copies: the person's row and their search terms. They first
-- wait for the person's row (a rename or another case write holds it until it commits, 0017).
CREATE OR REPLACE FUNCTION cases_refresh_term_caseworkers(clients uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM cases_client WHERE id = ANY(clients) ORDER BY id FOR NO KEY UPDATE;
    UPDATE cases_client p SET caseworker_ids = k.ids
    FROM (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ) k
    WHERE p.id = k.id AND p.caseworker_ids IS DISTINCT FROM k.ids;
    UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids
    FROM (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ) k
    WHERE t.client_id = k.id AND t.caseworker_ids IS DISTINCT FROM k.ids;
END $$;

-- Every write of a person's row sets the column from the cases, whatever the writer sent: Django
-- saves every field, and a form read before a handover would otherwise put back the old caseworkers.
CREATE FUNCTION cases_client_fill_caseworkers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.caseworker_ids := ARRAY(
        SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = NEW.id ORDER BY 1
    );
    RETURN NEW;
END $$;

CREATE TRIGGER cases_client_caseworkers BEFORE INSERT OR UPDATE ON cases_client
    FOR EACH ROW EXECUTE FUNCTION cases_client_fill_caseworkers();
"""

DROP_TRIGGERS = """
DROP TRIGGER cases_client_caseworkers ON cases_client;
DROP FUNCTION cases_client_fill_caseworkers();
CREATE OR REPLACE FUNCTION cases_refresh_term_caseworkers(clients uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM cases_client WHERE id = ANY(clients) ORDER BY id FOR NO KEY UPDATE;
    UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids
    FROM (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ) k
    WHERE t.client_id = k.id AND t.caseworker_ids IS DISTINCT FROM k.ids;
END $$;
"""


def fill(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        last = None
        while True:
            cursor.execute(
                "SELECT id FROM cases_client WHERE %s::uuid IS NULL OR id > %s::uuid ORDER BY id LIMIT %s",
                [last, last, BATCH],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                break
            cursor.execute(
                "UPDATE cases_client p SET caseworker_ids = k.ids FROM ("
                " SELECT client_id, array_agg(DISTINCT caseworker_id ORDER BY caseworker_id) AS ids"
                " FROM cases_case WHERE client_id = ANY(%s) GROUP BY client_id"
                ") k WHERE p.id = k.client_id AND p.caseworker_ids IS DISTINCT FROM k.ids",
                [ids],
            )
            if not connection.in_atomic_block:  # the batch's old row versions free for the next one
                cursor.execute("VACUUM cases_client")
            last = ids[-1]


class Migration(migrations.Migration):
    atomic = False  # the batches above, each committed and vacuumed

    dependencies = [
        ("cases", "0017_term_caseworkers_wait_for_renames"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="caseworker_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                blank=True,
                default=list,
                editable=False,
                size=None,
                verbose_name="zuständig",
            ),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]

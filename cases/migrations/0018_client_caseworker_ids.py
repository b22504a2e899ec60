# The caseworkers of a person on the person's own row (Client.caseworker_ids), kept by the database as
# the search terms' copy (0014, 0017): a caseworker's search of several words intersects it with the
# names inside the indexes, and reads only their own people's rows.

import django.contrib.postgres.fields
from django.db import migrations, models

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

-- the people so far (case writers wait for the moment of copying)
LOCK TABLE cases_case IN SHARE MODE;
UPDATE cases_client p SET caseworker_ids = k.ids
FROM (
    SELECT client_id, array_agg(DISTINCT caseworker_id ORDER BY caseworker_id) AS ids FROM cases_case GROUP BY client_id
) k
WHERE p.id = k.client_id;

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


class Migration(migrations.Migration):
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
    ]

# A case written while someone renames its person in another transaction: the rename (Client.save)
# updates the person's row and rewrites their search terms; the case's trigger updated the old terms,
# which the rename deleted, so the new terms lacked the new caseworker until the next write. The
# trigger now first waits for the person's row (a rename holds it until it commits) and then writes
# the terms that are there at that moment (each statement of a plpgsql function sees what is
# committed when it starts).

from django.db import migrations

WAITING = """
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

NOT_WAITING = """
CREATE OR REPLACE FUNCTION cases_refresh_term_caseworkers(clients uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids
    FROM (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ) k
    WHERE t.client_id = k.id AND t.caseworker_ids IS DISTINCT FROM k.ids
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_caseworker_client_and_restricted_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            WAITING,
            NOT_WAITING,
        ),
    ]

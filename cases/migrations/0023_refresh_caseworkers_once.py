# The case triggers' refresh (0018) worked out each person's caseworkers twice, once for the person's
# row and once for their search terms; now once, for both, in one statement (which also reads both
# from the same moment, after waiting for the people's rows as before).

from django.db import migrations

ONCE = """
CREATE OR REPLACE FUNCTION cases_refresh_term_caseworkers(clients uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM cases_client WHERE id = ANY(clients) ORDER BY id FOR NO KEY UPDATE;
    WITH k AS MATERIALIZED (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ), people AS (
        UPDATE cases_client p SET caseworker_ids = k.ids FROM k
        WHERE p.id = k.id AND p.caseworker_ids IS DISTINCT FROM k.ids
    )
    UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids FROM k
    WHERE t.client_id = k.id AND t.caseworker_ids IS DISTINCT FROM k.ids;
END $$;
"""

TWICE = """
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
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0022_followup_owner_due_client"),
    ]

    operations = [migrations.RunSQL(ONCE, TWICE)]

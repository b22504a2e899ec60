# The caseworkers of a person on each of their search terms (ClientSearchTerm.caseworker_ids), kept
# by triggers: a caseworker's search skips other people's terms inside the index.

import django.contrib.postgres.fields
from django.db import migrations, models

TRIGGERS = """
-- The caseworkers with a case of each of `clients` (closed cases included, as Client.visible_to),
-- written onto the person's search terms where they differ.
CREATE FUNCTION cases_refresh_term_caseworkers(clients uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids
    FROM (
        SELECT u.id, ARRAY(SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = u.id ORDER BY 1) AS ids
        FROM unnest(clients) AS u(id)
    ) k
    WHERE t.client_id = k.id AND t.caseworker_ids IS DISTINCT FROM k.ids
$$;

-- After every statement on cases_case (bulk and raw SQL ones included): the clients whose cases
-- were added, removed, reassigned or moved to another person (merging duplicates).
CREATE FUNCTION cases_case_term_caseworkers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM cases_refresh_term_caseworkers(ARRAY(SELECT DISTINCT client_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM cases_refresh_term_caseworkers(ARRAY(SELECT DISTINCT client_id FROM old_rows));
    ELSE
        PERFORM cases_refresh_term_caseworkers(ARRAY(
            SELECT o.client_id FROM old_rows o JOIN new_rows n USING (id)
                WHERE (o.client_id, o.caseworker_id) IS DISTINCT FROM (n.client_id, n.caseworker_id)
            UNION
            SELECT n.client_id FROM old_rows o JOIN new_rows n USING (id)
                WHERE (o.client_id, o.caseworker_id) IS DISTINCT FROM (n.client_id, n.caseworker_id)
        ));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER cases_case_terms_insert AFTER INSERT ON cases_case
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_case_term_caseworkers();
CREATE TRIGGER cases_case_terms_update AFTER UPDATE ON cases_case
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_case_term_caseworkers();
CREATE TRIGGER cases_case_terms_delete AFTER DELETE ON cases_case
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_case_term_caseworkers();

-- Every search term written (ClientSearchTerm.store_many, raw SQL) gets its person's caseworkers.
CREATE FUNCTION cases_term_fill_caseworkers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.caseworker_ids := ARRAY(
        SELECT DISTINCT c.caseworker_id FROM cases_case c WHERE c.client_id = NEW.client_id ORDER BY 1
    );
    RETURN NEW;
END $$;
CREATE TRIGGER cases_term_caseworkers BEFORE INSERT OR UPDATE OF client_id ON cases_clientsearchterm
    FOR EACH ROW EXECUTE FUNCTION cases_term_fill_caseworkers();

-- the terms so far (case writers wait for the moment of copying)
LOCK TABLE cases_case IN SHARE MODE;
UPDATE cases_clientsearchterm t SET caseworker_ids = k.ids
FROM (
    SELECT client_id, array_agg(DISTINCT caseworker_id ORDER BY caseworker_id) AS ids FROM cases_case GROUP BY client_id
) k
WHERE t.client_id = k.client_id;
"""

DROP_TRIGGERS = """
DROP TRIGGER cases_case_terms_insert ON cases_case;
DROP TRIGGER cases_case_terms_update ON cases_case;
DROP TRIGGER cases_case_terms_delete ON cases_case;
DROP TRIGGER cases_term_caseworkers ON cases_clientsearchterm;
DROP FUNCTION cases_case_term_caseworkers();
DROP FUNCTION cases_term_fill_caseworkers();
DROP FUNCTION cases_refresh_term_caseworkers(uuid[]);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_scale_indexes_3'),
    ]

    operations = [
        migrations.AddField(
            model_name='clientsearchterm',
            name='caseworker_ids',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), blank=True, default=list, editable=False, size=None, verbose_name='zuständig'),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]

# The open-case counts of the dashboard (0009) counted the cases of people whose processing is
# restricted (Art. 18 GDPR), whom nobody but the administration sees. They now count a case only
# while its person is not restricted: the case triggers look at the person (after waiting for the
# person's row, so a restriction being written is seen once it commits), and a change of the
# restriction moves the person's open cases out of the counts or back in.

from django.db import migrations

COUNTING = """
CREATE OR REPLACE FUNCTION cases_case_count_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- wait for the people's rows: a restriction written meanwhile is read once it commits
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM 1 FROM cases_client WHERE id IN (SELECT client_id FROM old_rows) ORDER BY id FOR NO KEY UPDATE;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM 1 FROM cases_client WHERE id IN (SELECT client_id FROM new_rows) ORDER BY id FOR NO KEY UPDATE;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO cases_opencasecount (caseworker_id, status, n)
        SELECT o.caseworker_id, o.status, -count(*) FROM old_rows o
            LEFT JOIN cases_client p ON p.id = o.client_id
            WHERE o.status <> 'closed' AND p.restricted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (caseworker_id, status) DO UPDATE SET n = cases_opencasecount.n + EXCLUDED.n;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO cases_opencasecount (caseworker_id, status, n)
        SELECT c.caseworker_id, c.status, count(*) FROM new_rows c
            JOIN cases_client p ON p.id = c.client_id
            WHERE c.status <> 'closed' AND p.restricted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (caseworker_id, status) DO UPDATE SET n = cases_opencasecount.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

-- A person restricted or released: their open cases leave the counts or come back.
CREATE FUNCTION cases_client_count_restriction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO cases_opencasecount (caseworker_id, status, n)
    SELECT caseworker_id, status, CASE WHEN NEW.restricted_at IS NULL THEN 1 ELSE -1 END * count(*)
        FROM cases_case WHERE client_id = NEW.id AND status <> 'closed' GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (caseworker_id, status) DO UPDATE SET n = cases_opencasecount.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER cases_client_count_restriction AFTER UPDATE OF restricted_at ON cases_client
    FOR EACH ROW WHEN ((OLD.restricted_at IS NULL) <> (NEW.restricted_at IS NULL))
    EXECUTE FUNCTION cases_client_count_restriction();

-- the counts so far, again (writers wait for the moment of counting)
LOCK TABLE cases_case, cases_client IN SHARE MODE;
DELETE FROM cases_opencasecount;
INSERT INTO cases_opencasecount (caseworker_id, status, n)
SELECT c.caseworker_id, c.status, count(*) FROM cases_case c JOIN cases_client p ON p.id = c.client_id
    WHERE c.status <> 'closed' AND p.restricted_at IS NULL GROUP BY 1, 2;
"""

NOT_COUNTING = """
DROP TRIGGER cases_client_count_restriction ON cases_client;
DROP FUNCTION cases_client_count_restriction();
CREATE OR REPLACE FUNCTION cases_case_count_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO cases_opencasecount (caseworker_id, status, n)
        SELECT caseworker_id, status, -count(*) FROM old_rows WHERE status <> 'closed' GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (caseworker_id, status) DO UPDATE SET n = cases_opencasecount.n + EXCLUDED.n;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO cases_opencasecount (caseworker_id, status, n)
        SELECT caseworker_id, status, count(*) FROM new_rows WHERE status <> 'closed' GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (caseworker_id, status) DO UPDATE SET n = cases_opencasecount.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
LOCK TABLE cases_case IN SHARE MODE;
DELETE FROM cases_opencasecount;
INSERT INTO cases_opencasecount (caseworker_id, status, n)
SELECT caseworker_id, status, count(*) FROM cases_case WHERE status <> 'closed' GROUP BY 1, 2;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_dashboard_order_indexes"),
    ]

    operations = [migrations.RunSQL(COUNTING, NOT_COUNTING)]

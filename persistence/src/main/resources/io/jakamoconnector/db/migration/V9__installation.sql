-- The installation this database belongs to: one random id, made once. Every connector instance on this database
-- is the same installation; the ERP folders remember it, so a second installation with a database of its own
-- (a double install, a copied VM, a second embedded default) cannot work the same folders and send everything twice.
CREATE TABLE installation (
    id         text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    singleton  boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton)
);

INSERT INTO installation (id) VALUES (md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text));

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jakamo_app') THEN
        GRANT SELECT ON installation TO jakamo_app;
    END IF;
END
$$;

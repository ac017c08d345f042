-- The role the connector works as (SET ROLE after connecting): it may read and write the sync state but only
-- INSERT and SELECT the audit tables. Roles belong to the whole cluster, so it may exist already (another database);
-- where the migrating user may not create roles, the connector runs as that user and the trigger still protects.
DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jakamo_app') THEN
        BEGIN
            CREATE ROLE jakamo_app NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by a migration of another database in the same cluster
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'role jakamo_app not created: % may not create roles', current_user;
                RETURN;
        END;
    END IF;

    EXECUTE format('GRANT USAGE ON SCHEMA %I TO jakamo_app', current_schema());
    GRANT SELECT, INSERT, UPDATE ON inbound_message, outbound_document, queue_lease TO jakamo_app;
    GRANT SELECT, UPDATE ON audit_head TO jakamo_app;
    GRANT SELECT, INSERT ON audit_event, audit_checkpoint TO jakamo_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_checkpoint FROM jakamo_app;

    BEGIN
        EXECUTE format('GRANT jakamo_app TO %I', current_user);
    EXCEPTION
        WHEN insufficient_privilege OR invalid_grant_operation THEN
            RAISE NOTICE 'role jakamo_app not granted to %: the connector will run as %', current_user, current_user;
    END;
END
$$;

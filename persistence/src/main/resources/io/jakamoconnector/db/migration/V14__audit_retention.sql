-- Retention of the audit trail (issue 20). Events an export holds may be removed up to a signed checkpoint, the
-- horizon, from which 'audit verify' then starts (the checkpoint's signature makes its hash a trusted start).
-- Every export records the checkpoint it signed, so a prune can check that an export covers what it removes.
CREATE TABLE audit_export (
    seq       bigint      NOT NULL CHECK (seq > 0),
    hash      bytea       NOT NULL CHECK (octet_length(hash) = 32),
    signed_at timestamptz NOT NULL,
    key_id    text        NOT NULL,
    signature bytea       NOT NULL,
    PRIMARY KEY (seq, signed_at)
);

-- One row per prune; the newest is where the chain starts. The export's signed checkpoint is kept with it, so
-- 'audit verify' can check the claim "covered by export X" without the file.
CREATE TABLE audit_horizon (
    last_removed      bigint      PRIMARY KEY CHECK (last_removed > 0),
    last_removed_hash bytea       NOT NULL CHECK (octet_length(last_removed_hash) = 32),
    before_ts         timestamptz NOT NULL,
    pruned_at         timestamptz NOT NULL,
    covered_by        text        NOT NULL,
    export_seq        bigint      NOT NULL CHECK (export_seq >= last_removed),
    export_hash       bytea       NOT NULL CHECK (octet_length(export_hash) = 32),
    export_signed_at  timestamptz NOT NULL,
    export_key_id     text        NOT NULL,
    export_signature  bytea       NOT NULL
);

CREATE TRIGGER audit_export_append_only BEFORE UPDATE OR DELETE ON audit_export
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_export_no_truncate BEFORE TRUNCATE ON audit_export
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_horizon_append_only BEFORE UPDATE OR DELETE ON audit_horizon
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_horizon_no_truncate BEFORE TRUNCATE ON audit_horizon
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- audit_event stays append-only, except for the DELETE that audit_prune() makes of events up to the horizon it sets
-- for its own transaction. (A role without DELETE on the table cannot use the setting: it is no privilege.)
CREATE FUNCTION audit_event_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE'
        AND OLD.seq <= coalesce(nullif(current_setting('jakamo.audit_prune_upto', true), '')::bigint, 0) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();

-- The only way events are removed: up to a signed checkpoint, never behind the current horizon, with the horizon
-- recorded in the same transaction. The connector checks the signatures and the export before it calls this.
CREATE FUNCTION audit_prune(p_last_removed bigint, p_before timestamptz, p_pruned_at timestamptz,
                            p_covered_by text, p_export_seq bigint, p_export_hash bytea,
                            p_export_signed_at timestamptz, p_export_key_id text, p_export_signature bytea)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS
$$
DECLARE
    v_current bigint;
    v_hash    bytea;
    v_removed bigint;
BEGIN
    PERFORM 1 FROM audit_head WHERE id FOR UPDATE;
    SELECT coalesce(max(last_removed), 0) INTO v_current FROM audit_horizon;
    IF p_last_removed <= v_current THEN
        RAISE EXCEPTION 'audit prune: the trail starts after event % already', v_current
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT hash INTO v_hash FROM audit_checkpoint WHERE seq = p_last_removed;
    IF v_hash IS NULL THEN
        RAISE EXCEPTION 'audit prune: no signed checkpoint at event %', p_last_removed
            USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('jakamo.audit_prune_upto', p_last_removed::text, true);
    DELETE FROM audit_event WHERE seq <= p_last_removed;
    GET DIAGNOSTICS v_removed = ROW_COUNT;
    PERFORM set_config('jakamo.audit_prune_upto', '', true);
    INSERT INTO audit_horizon (last_removed, last_removed_hash, before_ts, pruned_at, covered_by, export_seq,
                               export_hash, export_signed_at, export_key_id, export_signature)
    VALUES (p_last_removed, v_hash, p_before, p_pruned_at, p_covered_by, p_export_seq, p_export_hash,
            p_export_signed_at, p_export_key_id, p_export_signature);
    RETURN v_removed;
END;
$$;

REVOKE EXECUTE ON FUNCTION audit_prune(bigint, timestamptz, timestamptz, text, bigint, bytea, timestamptz, text, bytea)
    FROM PUBLIC;

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jakamo_app') THEN
        GRANT SELECT, INSERT ON audit_export TO jakamo_app;
        GRANT SELECT ON audit_horizon TO jakamo_app;
        GRANT EXECUTE ON FUNCTION audit_prune(bigint, timestamptz, timestamptz, text, bigint, bytea, timestamptz,
            text, bytea) TO jakamo_app;
    END IF;
END
$$;

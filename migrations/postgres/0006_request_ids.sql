-- Exactly-once writes and change notifications, on PostgreSQL: the twin of
-- ../0006_request_ids.sql (read its notes on request ids).

ALTER TABLE events ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX events_request_id ON events(request_id);

-- The log stays append-only: the erasure exception (0003) may not touch the new column.
CREATE OR REPLACE FUNCTION events_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.note IS NOT NULL AND NEW.note IS NOT DISTINCT FROM '[erased]'
        AND NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.at IS NOT DISTINCT FROM OLD.at
        AND NEW.actor IS NOT DISTINCT FROM OLD.actor AND NEW.kind IS NOT DISTINCT FROM OLD.kind
        AND NEW.candidate_id IS NOT DISTINCT FROM OLD.candidate_id
        AND NEW.application_id IS NOT DISTINCT FROM OLD.application_id
        AND NEW.from_stage_id IS NOT DISTINCT FROM OLD.from_stage_id
        AND NEW.to_stage_id IS NOT DISTINCT FROM OLD.to_stage_id
        AND NEW.from_status IS NOT DISTINCT FROM OLD.from_status
        AND NEW.to_status IS NOT DISTINCT FROM OLD.to_status
        AND NEW.reason IS NOT DISTINCT FROM OLD.reason AND NEW.undoes IS NOT DISTINCT FROM OLD.undoes
        AND NEW.from_level_id IS NOT DISTINCT FROM OLD.from_level_id
        AND NEW.to_level_id IS NOT DISTINCT FROM OLD.to_level_id
        AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
        AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) IS TRUE
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'events are append-only (only an erased person''s notes may be scrubbed)',
        ERRCODE = 'integrity_constraint_violation';
END
$$;

-- PostgreSQL only: every commit that changes what a board shows notifies channel
-- 'rolecall' (payload: the table), so open TUIs reload at once instead of polling (SQLite
-- has `PRAGMA data_version` for that). Statement triggers, and PostgreSQL folds equal
-- notifications of one transaction into one: a bulk import notifies once per table, and
-- nothing is sent for a transaction that rolls back.
CREATE FUNCTION rolecall_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rolecall', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER families_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON families
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();
CREATE TRIGGER levels_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON levels
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();
CREATE TRIGGER stages_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stages
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();
CREATE TRIGGER candidates_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON candidates
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();
CREATE TRIGGER applications_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON applications
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();
CREATE TRIGGER events_notify AFTER INSERT OR UPDATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION rolecall_notify();

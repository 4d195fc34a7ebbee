-- One open application per person per role, and level changes on record, on PostgreSQL:
-- the twin of ../0005_one_open_application.sql (read its notes on why triggers and not a
-- partial unique index).
--
-- "Open" means active, on hold or hired. Unlike SQLite, PostgreSQL lets two writers run
-- at once, and neither sees the other's uncommitted row: the trigger first locks the
-- person's row, so a second writer waits for the first to commit and then sees its
-- application (each statement of the function reads afresh under READ COMMITTED).

CREATE FUNCTION applications_one_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('active', 'on_hold', 'hired')
        AND (TG_OP = 'INSERT' OR OLD.status NOT IN ('active', 'on_hold', 'hired')
             OR NEW.family_id IS DISTINCT FROM OLD.family_id
             OR NEW.candidate_id IS DISTINCT FROM OLD.candidate_id)
    THEN
        PERFORM 1 FROM candidates WHERE id = NEW.candidate_id FOR NO KEY UPDATE;
        IF EXISTS (
            SELECT 1 FROM applications o
            WHERE o.id <> NEW.id AND o.candidate_id = NEW.candidate_id
              AND o.family_id = NEW.family_id AND o.status IN ('active', 'on_hold', 'hired'))
        THEN
            RAISE EXCEPTION USING
                MESSAGE = 'this person already has an open application to this role',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_one_open_insert BEFORE INSERT ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_one_open();
CREATE TRIGGER applications_one_open_update BEFORE UPDATE OF status, family_id, candidate_id ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_one_open();

-- A level change is an event ('level_changed') naming both levels.
ALTER TABLE events ADD COLUMN from_level_id BIGINT REFERENCES levels(id);
ALTER TABLE events ADD COLUMN to_level_id BIGINT REFERENCES levels(id);
CREATE INDEX events_level_changes ON events(application_id, id) WHERE kind = 'level_changed';

-- The log stays append-only: the erasure exception (0003) may not touch the new columns.
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
        AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) IS TRUE
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'events are append-only (only an erased person''s notes may be scrubbed)',
        ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Each interview keeps the level it was rated against.
ALTER TABLE interviews ADD COLUMN level_id BIGINT REFERENCES levels(id);
UPDATE interviews SET level_id = (SELECT a.level_id FROM applications a WHERE a.id = interviews.application_id);

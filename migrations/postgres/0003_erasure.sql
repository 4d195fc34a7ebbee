-- Erasure, on PostgreSQL: the twin of ../0003_erasure.sql. A person's data can be erased
-- on request (right to be forgotten) while the log keeps every anonymous fact, so funnel
-- statistics stay true.
--
-- The event log stays append-only with exactly one exception: once a person is marked
-- erased, the free-text note of their events may be replaced by the placeholder
-- '[erased]'. No other column of any event may change, and no event may be deleted.

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
        AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) IS TRUE
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'events are append-only (only an erased person''s notes may be scrubbed)',
        ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Erasure is final: an erased person's record cannot be filled in again.
CREATE TRIGGER candidates_erasure_final BEFORE UPDATE ON candidates
    FOR EACH ROW
    WHEN (OLD.erased AND (
        NEW.erased IS NOT TRUE OR NEW.name IS DISTINCT FROM OLD.name
        OR NEW.name_key IS DISTINCT FROM OLD.name_key OR NEW.email IS DISTINCT FROM OLD.email
        OR NEW.phone IS DISTINCT FROM OLD.phone OR NEW.source IS DISTINCT FROM OLD.source
        OR NEW.notes IS DISTINCT FROM OLD.notes
    ))
    EXECUTE FUNCTION rolecall_refuse('this person''s data was erased and cannot be changed');

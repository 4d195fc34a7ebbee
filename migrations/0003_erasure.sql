-- Erasure: a person's data can be erased on request (right to be forgotten) while the
-- log keeps every anonymous fact, so funnel statistics stay true.
--
-- The event log stays append-only with exactly one exception: once a person is marked
-- erased, the free-text note of their events may be replaced by the placeholder
-- '[erased]'. No other column of any event may change, and no event may be deleted.

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NOT (
    OLD.note IS NOT NULL AND NEW.note IS '[erased]'
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind
    AND NEW.candidate_id IS OLD.candidate_id AND NEW.application_id IS OLD.application_id
    AND NEW.from_stage_id IS OLD.from_stage_id AND NEW.to_stage_id IS OLD.to_stage_id
    AND NEW.from_status IS OLD.from_status AND NEW.to_status IS OLD.to_status
    AND NEW.reason IS OLD.reason AND NEW.undoes IS OLD.undoes
    AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) = 1
)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (only an erased person''s notes may be scrubbed)');
END;

-- Erasure is final: an erased person's record cannot be filled in again.
CREATE TRIGGER candidates_erasure_final BEFORE UPDATE ON candidates
WHEN OLD.erased = 1 AND (
    NEW.erased IS NOT 1 OR NEW.name IS NOT OLD.name OR NEW.name_key IS NOT OLD.name_key
    OR NEW.email IS NOT OLD.email OR NEW.phone IS NOT OLD.phone
    OR NEW.source IS NOT OLD.source OR NEW.notes IS NOT OLD.notes
)
BEGIN
    SELECT RAISE(ABORT, 'this person''s data was erased and cannot be changed');
END;

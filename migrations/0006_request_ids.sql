-- Exactly-once writes: an event may carry the id of the request that wrote it.
--
-- Over a network a commit can succeed while its reply is lost; the client then retries
-- with the same request id, and the store returns the event already written instead of
-- writing a second one. The id is the client's (a fresh UUID per command or per TUI
-- action, or `--request-id` from a script); events written without one keep NULL, and
-- NULLs never collide.

ALTER TABLE events ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX events_request_id ON events(request_id);

-- The log stays append-only: the erasure exception (0003) may not touch the new column.
DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NOT (
    OLD.note IS NOT NULL AND NEW.note IS '[erased]'
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind
    AND NEW.candidate_id IS OLD.candidate_id AND NEW.application_id IS OLD.application_id
    AND NEW.from_stage_id IS OLD.from_stage_id AND NEW.to_stage_id IS OLD.to_stage_id
    AND NEW.from_status IS OLD.from_status AND NEW.to_status IS OLD.to_status
    AND NEW.reason IS OLD.reason AND NEW.undoes IS OLD.undoes
    AND NEW.from_level_id IS OLD.from_level_id AND NEW.to_level_id IS OLD.to_level_id
    AND NEW.request_id IS OLD.request_id
    AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) = 1
)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (only an erased person''s notes may be scrubbed)');
END;

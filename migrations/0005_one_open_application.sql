-- One open application per person per role, and level changes on record.
--
-- "Open" means active, on hold or hired: a person is not applied again to a role while
-- an application there is under way, nor to the role they were hired into. Rejected
-- and withdrawn applications do not block: the person may apply again later.
--
-- The store enforces the rule under the write lock, with a message that offers changing
-- the level instead. These triggers are the backstop for any other writer. Triggers, not
-- a partial unique index: a database written before the rule may already hold two open
-- applications of one person in one role, and this migration must not fail on it
-- (`rolecall doctor` lists them). Such a pair can still move; it cannot grow.

CREATE TRIGGER applications_one_open_insert BEFORE INSERT ON applications
WHEN NEW.status IN ('active', 'on_hold', 'hired') AND EXISTS (
    SELECT 1 FROM applications o
    WHERE o.candidate_id = NEW.candidate_id AND o.family_id = NEW.family_id
      AND o.status IN ('active', 'on_hold', 'hired'))
BEGIN
    SELECT RAISE(ABORT, 'this person already has an open application to this role');
END;

CREATE TRIGGER applications_one_open_update BEFORE UPDATE OF status, family_id, candidate_id ON applications
WHEN NEW.status IN ('active', 'on_hold', 'hired')
 AND (OLD.status NOT IN ('active', 'on_hold', 'hired')
      OR NEW.family_id IS NOT OLD.family_id OR NEW.candidate_id IS NOT OLD.candidate_id)
 AND EXISTS (
    SELECT 1 FROM applications o
    WHERE o.id <> NEW.id AND o.candidate_id = NEW.candidate_id AND o.family_id = NEW.family_id
      AND o.status IN ('active', 'on_hold', 'hired'))
BEGIN
    SELECT RAISE(ABORT, 'this person already has an open application to this role');
END;

-- A level change is an event ('level_changed') naming both levels, so a snapshot as of
-- an earlier date shows the level the application had then, and undo restores it.
ALTER TABLE events ADD COLUMN from_level_id INTEGER REFERENCES levels(id);
ALTER TABLE events ADD COLUMN to_level_id INTEGER REFERENCES levels(id);
CREATE INDEX events_level_changes ON events(application_id, id) WHERE kind = 'level_changed';

-- The log stays append-only: the erasure exception (0003) may not touch the new columns.
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
    AND (SELECT erased FROM candidates WHERE id = OLD.candidate_id) = 1
)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (only an erased person''s notes may be scrubbed)');
END;

-- Each interview keeps the level it was rated against (its requirement texts are already
-- copied into its scores). Before this migration no level could change, so the
-- application's level is the one every existing interview was rated against.
ALTER TABLE interviews ADD COLUMN level_id INTEGER REFERENCES levels(id);
UPDATE interviews SET level_id = (SELECT a.level_id FROM applications a WHERE a.id = interviews.application_id);

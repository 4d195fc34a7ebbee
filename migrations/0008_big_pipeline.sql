-- Working a big pipeline (issue 17): bulk changes undone as one step, and a time limit
-- per stage.
--
-- event_batches groups the events one bulk change wrote (in one transaction): each such
-- event names the first event of its batch, so an undo reverts the whole batch at once.
-- stage_limits is a log of the limits set with `rolecall limit`: the newest row of a
-- stage is its limit in days; a stage without one has the default of its kind. Both are
-- append-only, like events.
CREATE TABLE event_batches (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL UNIQUE REFERENCES events(id),
    batch_id    INTEGER NOT NULL REFERENCES events(id)
);
CREATE INDEX event_batches_batch ON event_batches(batch_id);
CREATE TRIGGER event_batches_no_update BEFORE UPDATE ON event_batches
BEGIN
    SELECT RAISE(ABORT, 'event batches are append-only');
END;
CREATE TRIGGER event_batches_no_delete BEFORE DELETE ON event_batches
BEGIN
    SELECT RAISE(ABORT, 'event batches are append-only');
END;

CREATE TABLE stage_limits (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    stage_id    INTEGER NOT NULL REFERENCES stages(id),
    days        INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365)
);
CREATE INDEX stage_limits_stage ON stage_limits(stage_id, id);
CREATE TRIGGER stage_limits_no_update BEFORE UPDATE ON stage_limits
BEGIN
    SELECT RAISE(ABORT, 'stage limits are append-only');
END;
CREATE TRIGGER stage_limits_no_delete BEFORE DELETE ON stage_limits
BEGIN
    SELECT RAISE(ABORT, 'stage limits are append-only');
END;

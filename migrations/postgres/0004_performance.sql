-- Performance at scale, on PostgreSQL: the twin of ../0004_performance.sql. Indexes
-- only: no data changes.

-- The undo stack at start-up reads the latest events of one actor.
CREATE INDEX events_actor ON events(actor, id);

-- Snapshot replay joins every event to the interview it recorded, if any.
CREATE INDEX interviews_event ON interviews(event_id);

-- The board (open applications of one role, by stage and time in stage) read from the
-- index alone. It replaces the narrower board index.
DROP INDEX applications_board;
CREATE INDEX applications_board ON applications(family_id, status, stage_id, stage_entered_at, candidate_id, level_id, version);

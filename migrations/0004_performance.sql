-- Performance at scale (100,000 candidates, 1,000,000 events). Indexes only: no data
-- changes, so this migration is cheap on a database of any size.

-- The undo stack at start-up reads the latest events of one actor; without this index
-- that is a scan of the whole log.
CREATE INDEX events_actor ON events(actor, id);

-- Snapshot replay joins every event to the interview it recorded, if any.
CREATE INDEX interviews_event ON interviews(event_id);

-- The board (open applications of one role, by stage and time in stage) read from the
-- index alone: the version, person and level come with it, so a cold start reads a few
-- index pages instead of one table page per card. It replaces the narrower board index.
DROP INDEX applications_board;
CREATE INDEX applications_board ON applications(family_id, status, stage_id, stage_entered_at, candidate_id, level_id, version);

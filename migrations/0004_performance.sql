-- Performance at scale (100,000 candidates, 1,000,000 events). Indexes only: no data
-- changes, so this migration is cheap on a database of any size.

-- The undo stack at start-up reads the latest events of one actor; without this index
-- that is a scan of the whole log.
CREATE INDEX events_actor ON events(actor, id);

-- Snapshot replay joins every event to the interview it recorded, if any.
CREATE INDEX interviews_event ON interviews(event_id);

-- When each held application went on hold (the board's "held 12d", `Store::held_since`)
-- is its latest 'held' event. Read through the application's events it cost a row per
-- event of every held application of the role: 150-230 ms per role switch at 1,000,000
-- candidates (issue 20). This partial index holds only the 'held' events. Index only: no
-- data changes.
CREATE INDEX events_held ON events(application_id, at) WHERE kind = 'held';

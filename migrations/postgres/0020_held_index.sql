-- The twin of ../0020_held_index.sql: the 'held' events of each application, for when it
-- went on hold (`Store::held_since`). Index only: no data changes.
CREATE INDEX events_held ON events(application_id, at) WHERE kind = 'held';

-- Several pipelines per role (issue 18): a page whose hiring process is split by track
-- ("For Managers:", "### Director of Support Candidates") keeps every track. The first
-- track is the role's pipeline as before (stages and levels with track_id NULL); each
-- further track is a row here with its own stages (stages.track_id), and the levels the
-- importer matched to it (levels.track_id) go through that track's stages, then the
-- role's Offer. A track the page no longer has is retired, like stages and levels.
CREATE TABLE pipeline_tracks (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    retired     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pipeline_tracks_family ON pipeline_tracks(family_id, position);
ALTER TABLE stages ADD COLUMN track_id INTEGER REFERENCES pipeline_tracks(id);
ALTER TABLE levels ADD COLUMN track_id INTEGER REFERENCES pipeline_tracks(id);
CREATE INDEX stages_track ON stages(track_id, position);

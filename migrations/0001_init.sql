-- rolecall schema, version 1. Append-only: never edit after release; add 0002_… instead.

CREATE TABLE families (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL UNIQUE,
    content_hash    TEXT NOT NULL,
    performance_indicators TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    career_ladder   TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    imported_at     TEXT NOT NULL
);

CREATE TABLE levels (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    grade       INTEGER,
    reports_to  TEXT,
    retired     INTEGER NOT NULL DEFAULT 0  -- dropped from the page; kept for history
);
CREATE INDEX levels_family ON levels(family_id, position);

CREATE TABLE level_items (
    id          INTEGER PRIMARY KEY,
    level_id    INTEGER NOT NULL REFERENCES levels(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('responsibility', 'requirement')),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX level_items_level ON level_items(level_id, kind, position);

CREATE TABLE stages (
    id              INTEGER PRIMARY KEY,
    family_id       INTEGER NOT NULL REFERENCES families(id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('interview', 'offer')),
    label           TEXT NOT NULL,
    full_text       TEXT NOT NULL,
    interviewers    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    alternatives    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    min_interviews  INTEGER NOT NULL DEFAULT 1,
    max_interviews  INTEGER NOT NULL DEFAULT 1,
    retired         INTEGER NOT NULL DEFAULT 0  -- dropped from the page; kept for history
);
CREATE INDEX stages_family ON stages(family_id, position);

CREATE TABLE candidates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,          -- normalised name for duplicate checks
    email       TEXT,
    phone       TEXT,
    source      TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    erased      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX candidates_email ON candidates(lower(email));
CREATE INDEX candidates_name_key ON candidates(name_key);

CREATE TABLE applications (
    id                INTEGER PRIMARY KEY,
    candidate_id      INTEGER NOT NULL REFERENCES candidates(id),
    family_id         INTEGER NOT NULL REFERENCES families(id),
    level_id          INTEGER NOT NULL REFERENCES levels(id),
    stage_id          INTEGER NOT NULL REFERENCES stages(id),
    status            TEXT NOT NULL CHECK (status IN ('active', 'on_hold', 'rejected', 'withdrawn', 'hired')),
    reject_reason     TEXT,
    stage_entered_at  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (candidate_id, level_id)
);
-- The board: open applications of one family grouped by stage, oldest entry first.
CREATE INDEX applications_board ON applications(family_id, status, stage_id, stage_entered_at);
CREATE INDEX applications_stage ON applications(stage_id);
CREATE INDEX applications_level ON applications(level_id);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    candidate_id    INTEGER NOT NULL REFERENCES candidates(id),
    application_id  INTEGER REFERENCES applications(id),
    from_stage_id   INTEGER REFERENCES stages(id),
    to_stage_id     INTEGER REFERENCES stages(id),
    from_status     TEXT,
    to_status       TEXT,
    reason          TEXT,
    note            TEXT,
    undoes          INTEGER REFERENCES events(id)
);
CREATE INDEX events_application ON events(application_id, id);
CREATE INDEX events_candidate ON events(candidate_id, id);
CREATE INDEX events_at ON events(at);

-- The log is append-only: nothing may rewrite or remove history.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- The pipeline editor (issue 18): a recruiter's edits to a role's stages and levels, and
-- the handbook changes a re-import brings.
--
-- pipeline_edits is a log, append-only like events: each edit records the value it
-- replaced and the one it wrote (text: a label, "min-max", a JSON array, a JSON list of
-- stage ids for the order), and the pin it replaced (pin_before, JSON or NULL), so an
-- undo (a new row with `undoes`) can put both back.
CREATE TABLE pipeline_edits (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    kind        TEXT NOT NULL,
    stage_id    INTEGER REFERENCES stages(id),
    level_id    INTEGER REFERENCES levels(id),
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    pin_before  TEXT,
    undoes      INTEGER REFERENCES pipeline_edits(id)
);
CREATE INDEX pipeline_edits_family ON pipeline_edits(family_id, id);
CREATE INDEX pipeline_edits_actor ON pipeline_edits(actor, id);
CREATE TRIGGER pipeline_edits_no_update BEFORE UPDATE ON pipeline_edits
BEGIN
    SELECT RAISE(ABORT, 'pipeline edits are append-only');
END;
CREATE TRIGGER pipeline_edits_no_delete BEFORE DELETE ON pipeline_edits
BEGIN
    SELECT RAISE(ABORT, 'pipeline edits are append-only');
END;

-- What the recruiter's edits hold against the page: one row per edited field (target
-- 'stage' or 'level' with its id, or 'family' for the stage order), the value the edit
-- wrote and the page's value it overrides. A re-import writes the page, then these.
CREATE TABLE pipeline_pins (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    target      TEXT NOT NULL CHECK (target IN ('family', 'stage', 'level')),
    target_id   INTEGER NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    page_value  TEXT NOT NULL,
    UNIQUE (target, target_id, field)
);

-- What a re-import changed in a role (readable lines) and where the page disagreed with
-- an edit; shown on the role until acknowledged. Both append-only.
CREATE TABLE handbook_notices (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    at          TEXT NOT NULL,
    changes     TEXT NOT NULL,
    conflicts   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX handbook_notices_family ON handbook_notices(family_id, id);
CREATE TRIGGER handbook_notices_no_update BEFORE UPDATE ON handbook_notices
BEGIN
    SELECT RAISE(ABORT, 'handbook notices are append-only');
END;
CREATE TRIGGER handbook_notices_no_delete BEFORE DELETE ON handbook_notices
BEGIN
    SELECT RAISE(ABORT, 'handbook notices are append-only');
END;

CREATE TABLE handbook_acks (
    id          INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL UNIQUE REFERENCES handbook_notices(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE TRIGGER handbook_acks_no_update BEFORE UPDATE ON handbook_acks
BEGIN
    SELECT RAISE(ABORT, 'acknowledgements are append-only');
END;
CREATE TRIGGER handbook_acks_no_delete BEFORE DELETE ON handbook_acks
BEGIN
    SELECT RAISE(ABORT, 'acknowledgements are append-only');
END;

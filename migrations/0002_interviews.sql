-- Interviews and scorecards. Requirement text is copied into each score so that a later
-- change of the page never rewrites a past scorecard.

CREATE TABLE interviews (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications(id),
    stage_id        INTEGER NOT NULL REFERENCES stages(id),
    interviewer     TEXT NOT NULL,
    held_on         TEXT NOT NULL,              -- YYYY-MM-DD
    recommendation  INTEGER NOT NULL CHECK (recommendation BETWEEN 1 AND 4),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    event_id        INTEGER NOT NULL REFERENCES events(id)
);
CREATE INDEX interviews_application ON interviews(application_id, stage_id, id);

CREATE TABLE interview_scores (
    id            INTEGER PRIMARY KEY,
    interview_id  INTEGER NOT NULL REFERENCES interviews(id),
    position      INTEGER NOT NULL,
    requirement   TEXT NOT NULL,
    rating        INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4)
);
CREATE INDEX interview_scores_interview ON interview_scores(interview_id, position);

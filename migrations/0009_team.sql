-- Working as a team (issue 16): who runs a role, who owns an application, interviews
-- scheduled with named interviewers, and which scorecard came from which schedule.
--
-- Owners are logs, append-only like events: the newest row is in force, older rows say
-- who it was before. A role's owners are one set (a row) with its people (rows of it).
CREATE TABLE role_owner_sets (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX role_owner_sets_family ON role_owner_sets(family_id, id);
CREATE TABLE role_owner_people (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES role_owner_sets(id),
    part        TEXT NOT NULL CHECK (part IN ('hiring_manager', 'recruiter')),
    person      TEXT NOT NULL
);
CREATE INDEX role_owner_people_set ON role_owner_people(set_id, person);

-- An application's owner, when set with `assign` (else the person who added it: the
-- actor of its first event). Each change is also an event of the application.
CREATE TABLE application_owners (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications(id),
    owner           TEXT NOT NULL,
    event_id        INTEGER NOT NULL REFERENCES events(id)
);
CREATE INDEX application_owners_application ON application_owners(application_id, id);

CREATE TRIGGER role_owner_sets_no_update BEFORE UPDATE ON role_owner_sets
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;
CREATE TRIGGER role_owner_sets_no_delete BEFORE DELETE ON role_owner_sets
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;
CREATE TRIGGER role_owner_people_no_update BEFORE UPDATE ON role_owner_people
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;
CREATE TRIGGER role_owner_people_no_delete BEFORE DELETE ON role_owner_people
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;
CREATE TRIGGER application_owners_no_update BEFORE UPDATE ON application_owners
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;
CREATE TRIGGER application_owners_no_delete BEFORE DELETE ON application_owners
BEGIN
    SELECT RAISE(ABORT, 'owner changes are append-only');
END;

-- A planned interview: the instant in UTC (starts_at) and the zone it was given in, so
-- it reads as the organiser meant it and a calendar gets it right across daylight-saving
-- changes. `sequence` rises on every reschedule (iCalendar SEQUENCE); a cancelled
-- interview keeps its row (cancelled_at set). Every change is also an event. Nothing
-- here is deleted (a team member's login may not delete): interviewers replaced by a
-- reschedule keep their rows with dropped_at set.
CREATE TABLE interview_schedules (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    application_id    INTEGER NOT NULL REFERENCES applications(id),
    stage_id          INTEGER NOT NULL REFERENCES stages(id),
    starts_at         TEXT NOT NULL,
    zone              TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    place             TEXT NOT NULL DEFAULT '',
    sequence          INTEGER NOT NULL DEFAULT 0,
    cancelled_at      TEXT,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX interview_schedules_application ON interview_schedules(application_id, starts_at);
CREATE INDEX interview_schedules_starts ON interview_schedules(starts_at);
CREATE TABLE interview_schedule_people (
    id            INTEGER PRIMARY KEY,
    schedule_id   INTEGER NOT NULL REFERENCES interview_schedules(id),
    position      INTEGER NOT NULL,
    person        TEXT NOT NULL,
    dropped_at    TEXT              -- set when a reschedule replaced the interviewers
);
CREATE INDEX interview_schedule_people_person ON interview_schedule_people(person, schedule_id);
CREATE INDEX interview_schedule_people_schedule ON interview_schedule_people(schedule_id, position);

-- A scorecard recorded from a scheduled interview belongs to it.
ALTER TABLE interviews ADD COLUMN schedule_id INTEGER REFERENCES interview_schedules(id);
CREATE INDEX interviews_schedule ON interviews(schedule_id);

-- Who may see what, an interviewer's own interviews (issue 19): the PostgreSQL twin keeps
-- the applications an interviewer has recorded a scorecard for in their sight after the
-- schedule is cancelled or they are dropped from it. On a SQLite file only the index.
-- The server reads an interviewer's own scorecards by name; so can the queue.
CREATE INDEX interviews_interviewer ON interviews(interviewer);

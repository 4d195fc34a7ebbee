-- Who may see what, closed against look-alike tables (issue 19): the twin of
-- ../0014_access_search_path.sql.
--
-- The functions of 0011..0013 that run with the owner's rights took their search path
-- from the migration ("$user", public), and PostgreSQL searches a session's temporary
-- schema before those for tables. Any login may create temporary tables, so an
-- interviewer could create a temporary interview_schedules naming them on every
-- application and then read every application (tests/pg_access.rs tries exactly this).
-- Every rolecall function now searches rolecall's schema and then the temporary one.
DO $$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace
          AND (p.prosecdef OR p.proname LIKE 'rolecall\_%')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- A restricted login's writes may not forge history: an interviewer's note or scorecard
-- event leaves the application's stage and status as they are and undoes nothing, and a
-- scorecard (and its scores) belongs to an event the login itself wrote for that
-- application (so nobody adds scores to another person's scorecard).
ALTER POLICY own_events_interviewer ON events
    WITH CHECK (actor = session_user::text AND kind IN ('note', 'interview_recorded') AND undoes IS NULL
                AND EXISTS (SELECT 1 FROM applications a
                            WHERE a.id = events.application_id
                              AND a.stage_id = events.from_stage_id AND a.stage_id = events.to_stage_id
                              AND a.status = events.from_status AND a.status = events.to_status));
ALTER POLICY own_scorecards ON interviews
    WITH CHECK (EXISTS (SELECT 1 FROM events e
                        WHERE e.id = interviews.event_id AND e.actor = session_user::text
                          AND e.application_id = interviews.application_id AND e.kind = 'interview_recorded'));
ALTER POLICY own_scorecards_interviewer ON interviews
    WITH CHECK (interviewer = session_user::text
                AND EXISTS (SELECT 1 FROM events e
                            WHERE e.id = interviews.event_id AND e.actor = session_user::text
                              AND e.application_id = interviews.application_id
                              AND e.kind = 'interview_recorded'));
ALTER POLICY own_scores ON interview_scores
    WITH CHECK (EXISTS (SELECT 1 FROM interviews i JOIN events e ON e.id = i.event_id
                        WHERE i.id = interview_scores.interview_id AND e.actor = session_user::text));

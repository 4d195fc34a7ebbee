-- Who may see what, an interviewer's own interviews (issue 19): the twin of
-- ../0018_access_own_interviews.sql.
--
-- An interviewer saw only the applications of the (not cancelled) schedules naming them:
-- once a schedule was cancelled or they were dropped from it, the scorecard they had
-- recorded went out of their sight. The applications they recorded a scorecard for now
-- stay in it.
CREATE OR REPLACE FUNCTION rolecall_interview_applications() RETURNS SETOF BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 AS $$
    SELECT s.application_id FROM interview_schedules s JOIN interview_schedule_people p ON p.schedule_id = s.id
    WHERE p.person = session_user::text AND p.dropped_at IS NULL AND s.cancelled_at IS NULL
    UNION
    SELECT i.application_id FROM interviews i WHERE i.interviewer = session_user::text
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_interview_applications() SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
CREATE INDEX interviews_interviewer ON interviews(interviewer);

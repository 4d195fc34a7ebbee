-- Who may see what, continued (issue 19): the twin of ../0012_access_hidden.sql.

-- The scorecards hidden from the session's login (issue 16's rule, rolecall_hides_interview),
-- so rolecall can say "1 scorecard hidden until you submit yours" to an interviewer, who
-- may not read them. Ids only.
CREATE FUNCTION rolecall_hidden_scorecards() RETURNS TABLE (application_id BIGINT, interview_id BIGINT, event_id BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT i.application_id, i.id, i.event_id FROM interviews i
    WHERE i.application_id IN (
        SELECT s.application_id FROM interview_schedules s JOIN interview_schedule_people p ON p.schedule_id = s.id
        WHERE p.person = session_user::text AND p.dropped_at IS NULL)
      AND rolecall_hides_interview(i.id)
$$;

-- The applications the session's login is scheduled to interview on, read once per
-- statement: the interviewers' policies no longer call a function for every application.
CREATE FUNCTION rolecall_interview_applications() RETURNS SETOF BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT s.application_id FROM interview_schedules s JOIN interview_schedule_people p ON p.schedule_id = s.id
    WHERE p.person = session_user::text AND p.dropped_at IS NULL AND s.cancelled_at IS NULL
$$;
ALTER POLICY scheduled ON applications USING (id IN (SELECT rolecall_interview_applications()));
ALTER POLICY scheduled_change ON applications
    USING (id IN (SELECT rolecall_interview_applications()))
    WITH CHECK (id IN (SELECT rolecall_interview_applications()));

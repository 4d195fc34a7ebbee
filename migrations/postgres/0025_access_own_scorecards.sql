-- Who may see what, whose scorecard is whose (issue 19, second security review): the twin
-- of ../0025_access_own_scorecards.sql.
--
-- A scorecard's interviewer is a name anyone recording it may type (`outcome
-- --interviewer ivy`: a panel, a colleague without a login). Until now the server took
-- that name as the login's own doing: a scorecard "by ivy" that a hiring manager or a
-- recruiter recorded put its application in ivy's sight (0018) and counted as ivy's
-- submission, so the other scorecards of her stage were shown to her before she had
-- written hers (0011's rule). Now both need the scorecard's event to be written by the
-- login itself (the event's actor is the writing login, 0019).

CREATE OR REPLACE FUNCTION rolecall_interview_applications() RETURNS SETOF BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 AS $$
    SELECT s.application_id FROM interview_schedules s JOIN interview_schedule_people p ON p.schedule_id = s.id
    WHERE p.person = session_user::text AND p.dropped_at IS NULL AND s.cancelled_at IS NULL
    UNION
    SELECT i.application_id FROM interviews i JOIN events e ON e.id = i.event_id
    WHERE i.interviewer = session_user::text AND e.actor = session_user::text
$$;

CREATE OR REPLACE FUNCTION rolecall_hides_interview(iv BIGINT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (
        SELECT 1 FROM interviews i JOIN applications a ON a.id = i.application_id
        WHERE i.id = iv
          AND NOT (i.interviewer = session_user::text
                   AND EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id AND e.actor = session_user::text))
          AND EXISTS (SELECT 1 FROM interview_schedule_people p
                      JOIN interview_schedules s ON s.id = p.schedule_id
                      WHERE p.person = session_user::text AND p.dropped_at IS NULL
                        AND s.application_id = i.application_id AND s.stage_id = i.stage_id
                        AND s.cancelled_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM interviews j JOIN events e ON e.id = j.event_id
                          WHERE j.application_id = i.application_id AND j.stage_id = i.stage_id
                            AND j.interviewer = session_user::text AND e.actor = session_user::text)
          AND session_user::text <> COALESCE(
                (SELECT o.owner FROM application_owners o WHERE o.application_id = a.id ORDER BY o.id DESC LIMIT 1),
                (SELECT e.actor FROM events e WHERE e.application_id = a.id ORDER BY e.id LIMIT 1), '')
          AND NOT EXISTS (SELECT 1 FROM role_owner_people p
                          WHERE p.person = session_user::text
                            AND p.set_id = (SELECT MAX(r.id) FROM role_owner_sets r WHERE r.family_id = a.family_id)))
$$;

-- CREATE OR REPLACE keeps the grants but not the settings: the path of 0014 again.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_interview_applications() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_hides_interview(BIGINT) SET search_path = %I, pg_temp', current_schema());
END
$$;

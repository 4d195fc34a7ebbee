-- Independent feedback per application (issue 19: "no other scorecards until they submit
-- theirs"): the twin of ../0033_access_blind_application.sql. 0029's rule hid only the
-- other scorecards of the stage an interviewer is scheduled at, so an earlier round's
-- showed before they submitted anything. Now someone on a live scheduled interview of an
-- application sees a scorecard at a stage they are scheduled at once their own at that
-- stage is committed (as before), and one at any other stage once any of their own for
-- the application is (their own: written by them, committed before this transaction).
-- As store/visibility.rs `hidden_sql`.
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
                        AND s.application_id = i.application_id AND s.cancelled_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM interviews j JOIN events e ON e.id = j.event_id
                          WHERE j.application_id = i.application_id
                            AND j.interviewer = session_user::text AND e.actor = session_user::text
                            AND e.xact IS DISTINCT FROM pg_current_xact_id_if_assigned()::text::bigint
                            AND (j.stage_id = i.stage_id
                                 OR NOT EXISTS (SELECT 1 FROM interview_schedule_people p
                                                JOIN interview_schedules s ON s.id = p.schedule_id
                                                WHERE p.person = session_user::text AND p.dropped_at IS NULL
                                                  AND s.application_id = i.application_id
                                                  AND s.stage_id = i.stage_id AND s.cancelled_at IS NULL)))
          AND session_user::text <> COALESCE(
                (SELECT o.owner FROM application_owners o WHERE o.application_id = a.id ORDER BY o.id DESC LIMIT 1),
                (SELECT e.actor FROM events e WHERE e.application_id = a.id ORDER BY e.id LIMIT 1), '')
          AND NOT EXISTS (SELECT 1 FROM role_owner_people p
                          WHERE p.person = session_user::text
                            AND p.set_id = (SELECT MAX(r.id) FROM role_owner_sets r WHERE r.family_id = a.family_id)))
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_hides_interview(BIGINT) SET search_path = %I, pg_temp', current_schema());
END
$$;

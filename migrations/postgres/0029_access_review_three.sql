-- Who may write what, the third security review (issue 19): the twin of
-- ../0029_access_review_three.sql. Each check below binds every login but the tables'
-- owner (restore, import, tests), so psql writes only what rolecall would.
--
-- 1. An event's kind is one rolecall knows (an unknown one, kept for ever by the
--    append-only log, would stop every reader of the log). An event of an application
--    either leaves it where it is (notes, scorecards, schedules, owners: its stage,
--    status and level are the application's) or records a change of the application
--    written in the same transaction (applied, moved, rejected, hired, …); a person's
--    own events (edited, erased) name no application.
-- 2. An interviewer's own scorecard shows them the others of its stage once it is
--    committed: one written and rolled back (or in a savepoint) shows nothing.
-- 3. Owners: a person joins a role's owners only in a set the login wrote in the same
--    transaction; an application's new owner comes with that login's owner_changed
--    event of the application, in the same transaction.
-- 4. A scorecard hangs on the login's own interview_recorded event of its application,
--    at a stage of the application's role, rated against the application's level, for
--    a scheduled interview of that application and stage; a score rates a requirement of
--    that level, by its position and wording.
-- 5. An application keeps its person, its role and its creation time; its reason changes
--    only with its status; a login in an access role takes the server's clock for its
--    times (a new application's and person's too); a new application is active and comes
--    with its applied event in the same transaction (checked at commit); a person keeps
--    their creation time.

CREATE FUNCTION rolecall_written_now(row_xmin xid) RETURNS BOOLEAN LANGUAGE sql VOLATILE AS $$
    SELECT row_xmin = pg_current_xact_id_if_assigned()::xid
$$;

CREATE FUNCTION rolecall_event_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NEW.kind IS NULL OR NEW.kind NOT IN ('applied', 'moved', 'rejected', 'withdrawn', 'held', 'resumed', 'reopened',
                                           'hired', 'interview_recorded', 'note', 'edited', 'erased', 'level_changed',
                                           'interview_scheduled', 'interview_rescheduled', 'interview_cancelled',
                                           'owner_changed') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('an event''s kind is one rolecall writes (moved, rejected, note, …), not %L', NEW.kind);
    END IF;
    IF NEW.application_id IS NULL THEN
        IF NEW.kind NOT IN ('edited', 'erased') THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = format('a %s event is about an application: it names one', NEW.kind);
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.kind IN ('edited', 'erased') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a %s event is about a person, not application %s', NEW.kind, NEW.application_id);
    ELSIF NEW.kind IN ('note', 'interview_recorded', 'interview_scheduled', 'interview_rescheduled',
                       'interview_cancelled', 'owner_changed') THEN
        IF NOT EXISTS (SELECT 1 FROM applications a
                       WHERE a.id = NEW.application_id
                         AND NEW.from_stage_id = a.stage_id AND NEW.to_stage_id = a.stage_id
                         AND NEW.from_status = a.status AND NEW.to_status = a.status
                         AND (NEW.from_level_id IS NULL OR NEW.from_level_id = a.level_id)
                         AND (NEW.to_level_id IS NULL OR NEW.to_level_id = a.level_id)) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('a %s event leaves application %s where it is: its stage, status and level',
                                 NEW.kind, NEW.application_id);
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM applications a
                      WHERE a.id = NEW.application_id AND rolecall_written_now(a.xmin)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a %s event records a change of application %s made in the same transaction: '
                             'none was made', NEW.kind, NEW.application_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_written_as_rolecall BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_event_checked();

-- 0025's rule, with "their own scorecard" meaning one committed before this transaction.
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
                            AND j.interviewer = session_user::text AND e.actor = session_user::text
                            AND e.xact IS DISTINCT FROM pg_current_xact_id_if_assigned()::text::bigint)
          AND session_user::text <> COALESCE(
                (SELECT o.owner FROM application_owners o WHERE o.application_id = a.id ORDER BY o.id DESC LIMIT 1),
                (SELECT e.actor FROM events e WHERE e.application_id = a.id ORDER BY e.id LIMIT 1), '')
          AND NOT EXISTS (SELECT 1 FROM role_owner_people p
                          WHERE p.person = session_user::text
                            AND p.set_id = (SELECT MAX(r.id) FROM role_owner_sets r WHERE r.family_id = a.family_id)))
$$;

CREATE FUNCTION rolecall_owners_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'role_owner_people' THEN
        IF NOT EXISTS (SELECT 1 FROM role_owner_sets s
                       WHERE s.id = NEW.set_id AND s.actor = session_user::text AND rolecall_written_now(s.xmin)) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('a role''s owners are set in one transaction: set %s is not one this login wrote in it',
                                 NEW.set_id);
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM events e
                      WHERE e.id = NEW.event_id AND e.kind = 'owner_changed' AND e.application_id = NEW.application_id
                        AND e.actor = session_user::text AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s gets a new owner with this login''s owner_changed event of it, '
                             'in one transaction: event %s is not one', NEW.application_id, NEW.event_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER role_owner_people_checked BEFORE INSERT ON role_owner_people
    FOR EACH ROW EXECUTE FUNCTION rolecall_owners_checked();
CREATE TRIGGER application_owners_checked BEFORE INSERT ON application_owners
    FOR EACH ROW EXECUTE FUNCTION rolecall_owners_checked();

-- 0028's scorecard check, and its event, stage, level and schedule.
CREATE OR REPLACE FUNCTION rolecall_scorecard_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e WHERE e.id = NEW.event_id AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a scorecard is written with its event, in one transaction: event %s was not written in this one',
                             NEW.event_id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e
                   WHERE e.id = NEW.event_id AND e.kind = 'interview_recorded'
                     AND e.application_id = NEW.application_id AND e.actor = session_user::text) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a scorecard hangs on this login''s interview_recorded event of application %s: event %s is not one',
                             NEW.application_id, NEW.event_id);
    END IF;
    IF EXISTS (SELECT 1 FROM interviews i WHERE i.event_id = NEW.event_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('event %s already has its scorecard: one scorecard per event', NEW.event_id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM applications a JOIN stages s ON s.family_id = a.family_id
                   WHERE a.id = NEW.application_id AND s.id = NEW.stage_id
                     AND (NEW.level_id IS NULL OR NEW.level_id = a.level_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a scorecard of application %s is at a stage of its role and rates its level', NEW.application_id);
    END IF;
    IF NEW.schedule_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM interview_schedules s
           WHERE s.id = NEW.schedule_id AND s.application_id = NEW.application_id AND s.stage_id = NEW.stage_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a scorecard of application %s scores one of its scheduled interviews, at that interview''s stage',
                             NEW.application_id);
    END IF;
    PERFORM rolecall_check_writer('a scorecard', session_user::text, NEW.created_at);
    IF NEW.held_on > (now() AT TIME ZONE 'UTC')::date + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a scorecard records an interview held on %s, which is in the future (the server''s day is %s UTC)',
                             NEW.held_on, (now() AT TIME ZONE 'UTC')::date);
    END IF;
    RETURN NEW;
END
$$;

-- 0028's score check, and the requirement it rates: the level's, by position and wording.
CREATE OR REPLACE FUNCTION rolecall_score_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM interviews i JOIN events e ON e.id = i.event_id
                   WHERE i.id = NEW.interview_id AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('scores are written with their scorecard, in one transaction: scorecard %s was written in another',
                             NEW.interview_id);
    END IF;
    IF EXISTS (SELECT 1 FROM interview_scores s WHERE s.interview_id = NEW.interview_id AND s.position = NEW.position) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('scorecard %s already rates requirement %s', NEW.interview_id, NEW.position + 1);
    END IF;
    IF NEW.position < 0 OR NEW.requirement IS DISTINCT FROM (
           SELECT li.text FROM interviews i JOIN level_items li ON li.level_id = i.level_id
           WHERE i.id = NEW.interview_id AND li.kind = 'requirement'
           ORDER BY li.position, li.id OFFSET NEW.position LIMIT 1) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a score of scorecard %s rates a requirement of its level, as the level words it: '
                             'requirement %s is not %L', NEW.interview_id, NEW.position + 1, NEW.requirement);
    END IF;
    RETURN NEW;
END
$$;

-- Applications and people: what stays, and the server's clock.
CREATE FUNCTION rolecall_clock_ok(at TIMESTAMPTZ) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT at IS NOT NULL AND at >= now() - interval '1 minute' AND at <= clock_timestamp() + interval '1 minute'
$$;

CREATE FUNCTION rolecall_application_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    clocked BOOLEAN := rolecall_access() IS NOT NULL;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status IS DISTINCT FROM 'active' OR NEW.reject_reason IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'a new application is active: it starts at its first stage';
        END IF;
        IF clocked AND NOT (rolecall_clock_ok(NEW.created_at) AND rolecall_clock_ok(NEW.updated_at)
                            AND rolecall_clock_ok(NEW.stage_entered_at)) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('a new application takes the server''s clock (the server says %s)', now());
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.candidate_id, NEW.family_id, NEW.created_at) IS DISTINCT FROM (OLD.candidate_id, OLD.family_id, OLD.created_at) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s keeps its person, its role and its creation time', OLD.id);
    END IF;
    IF NEW.reject_reason IS DISTINCT FROM OLD.reject_reason AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s''s reason changes only with its status (reject, reopen)', OLD.id);
    END IF;
    IF clocked AND ((NEW.updated_at IS DISTINCT FROM OLD.updated_at AND NOT rolecall_clock_ok(NEW.updated_at))
                    OR (NEW.stage_entered_at IS DISTINCT FROM OLD.stage_entered_at
                        AND NOT rolecall_clock_ok(NEW.stage_entered_at))) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a change of application %s takes the server''s clock (the server says %s)', OLD.id, now());
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_written_as_rolecall BEFORE INSERT OR UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION rolecall_application_checked();

-- A new application's applied event, by the same login in the same transaction.
CREATE FUNCTION rolecall_application_applied() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e
                   WHERE e.application_id = NEW.id AND e.kind = 'applied' AND e.actor = session_user::text
                     AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s is written with its applied event, in one transaction', NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER applications_applied AFTER INSERT ON applications
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rolecall_application_applied();

CREATE FUNCTION rolecall_person_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    clocked BOOLEAN := rolecall_access() IS NOT NULL;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('candidate %s keeps their creation time', OLD.id);
    END IF;
    IF clocked AND ((TG_OP = 'INSERT' AND NOT (rolecall_clock_ok(NEW.created_at) AND rolecall_clock_ok(NEW.updated_at)))
                    OR (TG_OP = 'UPDATE' AND NEW.updated_at IS DISTINCT FROM OLD.updated_at
                        AND NOT rolecall_clock_ok(NEW.updated_at))) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a person''s details take the server''s clock (the server says %s)', now());
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER candidates_written_as_rolecall BEFORE INSERT OR UPDATE ON candidates
    FOR EACH ROW EXECUTE FUNCTION rolecall_person_checked();

DO $$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace
          AND p.proname IN ('rolecall_written_now', 'rolecall_event_checked', 'rolecall_hides_interview',
                            'rolecall_owners_checked', 'rolecall_scorecard_written', 'rolecall_score_written',
                            'rolecall_clock_ok', 'rolecall_application_checked', 'rolecall_application_applied',
                            'rolecall_person_checked')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- Who may write what, the re-review of 0030 (issue 19): the twin of
-- ../0032_access_review_five.sql. For every login but the tables' owner:
--
-- 1. A scheduled interview is written as rolecall writes it: by the login that writes it
--    (created_by), on the server's clock for a login in an access role, at a stage of the
--    application's role, with its interview_scheduled event (a reschedule or cancel with
--    its interview_rescheduled or interview_cancelled event) of that application by that
--    login in the same transaction (checked at commit). It keeps its uid, application,
--    creation and author; its sequence rises by one with each change; a cancelled one
--    stays as it was. Its interviewers are written with it: a person joins or leaves an
--    interview only in the transaction that writes the interview.
-- 2. A person's own events (edited, erased) record a change of that person's row made in
--    the same transaction; an erased event, an erasure.
-- 3. A scorecard rates the application's level (never none) and, when it names a
--    scheduled interview, that interview is not cancelled, its interviewer is on it, and
--    the login has not yet written that interviewer's scorecard of it (one a recruiter
--    wrote in the interviewer's name is not the interviewer's own: they still submit).
-- 4. A new application starts at the first stage of its level's pipeline; an
--    application's stage entry time moves with its stage (and only then), on the server's
--    clock for a login in an access role.
-- 5. rolecall_written_now answers false, never an error, for a row whose xmin composed
--    into the current epoch would be in the future (after the xid epoch turns).
-- 6. (Reviews of this migration, helpers 40 and 41.) The server numbers every row: an id
--    a login gives is not used (the identity default's is), and no row is renumbered (a planted id above the others
--    was "the latest" event, owner set or owner for ever, and froze an application or
--    pinned its owners; a renumbered row took the sequence's next values). An interview's scheduled,
--    rescheduled or cancelled event comes with its write; an interview_recorded event
--    with its scorecard, an owner_changed event with its owner (both at commit). Only
--    those who may erase write an erased event, and an erased person gets no edited one
--    (their event notes would carry personal data past the erasure). An interview is
--    scheduled or moved only for an open application (active or on hold), and nobody
--    schedules, scores or writes a note about an erased person.
-- 7. What rolecall never does, the admin no longer may either: delete a person, an
--    application, a scorecard, its scores, an interview or its interviewers, or change a
--    scorecard (its notes only become the erasure's placeholder, for an erased person).

CREATE OR REPLACE FUNCTION rolecall_written_now(row_xmin xid) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    top BIGINT := pg_current_xact_id_if_assigned()::text::bigint;
    low BIGINT := row_xmin::text::bigint;
BEGIN
    IF top IS NULL THEN
        RETURN false;
    END IF;
    IF row_xmin = top::text::xid8::xid THEN
        RETURN true;
    END IF;
    -- A savepoint's xid comes after its transaction's: in the same epoch, or the next.
    BEGIN
        IF low >= (top & 4294967295) THEN
            RETURN pg_xact_status(((top >> 32) << 32 | low)::text::xid8) IS NOT DISTINCT FROM 'in progress';
        END IF;
        RETURN pg_xact_status((((top >> 32) + 1) << 32 | low)::text::xid8) IS NOT DISTINCT FROM 'in progress';
    EXCEPTION WHEN OTHERS THEN
        RETURN false;
    END;
END
$$;

-- 1. Scheduled interviews.
CREATE FUNCTION rolecall_schedule_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    clocked BOOLEAN := rolecall_access() IS NOT NULL;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM applications a JOIN stages s ON s.family_id = a.family_id
                   WHERE a.id = NEW.application_id AND s.id = NEW.stage_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('an interview of application %s is at a stage of its role', NEW.application_id);
    END IF;
    IF NEW.cancelled_at IS NULL AND NOT EXISTS (SELECT 1 FROM applications a
                                                 WHERE a.id = NEW.application_id AND a.status IN ('active', 'on_hold')) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('application %s is closed: reopen it before scheduling an interview', NEW.application_id);
    END IF;
    IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM applications a JOIN candidates c ON c.id = a.candidate_id
                                    WHERE a.id = NEW.application_id AND c.erased) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s''s person was erased: no interview with them', NEW.application_id);
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM rolecall_check_writer('a scheduled interview', NEW.created_by, NEW.created_at);
        IF NEW.updated_at IS DISTINCT FROM NEW.created_at OR NEW.sequence <> 0 OR NEW.cancelled_at IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'a new scheduled interview is at its first version, written when it was created, not cancelled';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.uid, NEW.application_id, NEW.created_at, NEW.created_by)
       IS DISTINCT FROM (OLD.uid, OLD.application_id, OLD.created_at, OLD.created_by) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('interview %s keeps its uid, application, creation time and author', OLD.id);
    END IF;
    IF OLD.cancelled_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('interview %s was cancelled; it stays as it was', OLD.id);
    END IF;
    IF NEW.sequence IS DISTINCT FROM OLD.sequence + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a change takes interview %s from sequence %s to %s, not to %s',
                             OLD.id, OLD.sequence, OLD.sequence + 1, NEW.sequence);
    END IF;
    IF clocked AND NOT (rolecall_clock_ok(NEW.updated_at)
                        AND (NEW.cancelled_at IS NULL OR NEW.cancelled_at = NEW.updated_at)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a change of interview %s takes the server''s clock (the server says %s)', OLD.id, now());
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER interview_schedules_written_as_rolecall BEFORE INSERT OR UPDATE ON interview_schedules
    FOR EACH ROW EXECUTE FUNCTION rolecall_schedule_checked();

-- At commit: the schedule's event, by the same login, in the same transaction.
CREATE FUNCTION rolecall_schedule_logged() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    want TEXT := CASE WHEN TG_OP = 'INSERT' THEN 'interview_scheduled'
                      WHEN NEW.cancelled_at IS NOT NULL THEN 'interview_cancelled'
                      ELSE 'interview_rescheduled' END;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e
                   WHERE e.application_id = NEW.application_id AND e.kind = want
                     AND e.actor = session_user::text AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('interview %s of application %s is written with its %s event, in one transaction',
                             NEW.id, NEW.application_id, want);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER interview_schedules_logged AFTER INSERT OR UPDATE ON interview_schedules
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rolecall_schedule_logged();

CREATE FUNCTION rolecall_schedule_person_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM interview_schedules s
                   WHERE s.id = NEW.schedule_id AND rolecall_written_now(s.xmin)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('interviewers join or leave interview %s in the transaction that schedules or '
                             'reschedules it', NEW.schedule_id);
    END IF;
    IF TG_OP = 'INSERT' AND NEW.dropped_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'a new interviewer of an interview is on it, not dropped';
    END IF;
    IF TG_OP = 'UPDATE' AND ((NEW.schedule_id, NEW.position, NEW.person) IS DISTINCT FROM
                             (OLD.schedule_id, OLD.position, OLD.person)
                             OR OLD.dropped_at IS NOT NULL
                             OR NEW.dropped_at IS DISTINCT FROM (SELECT s.updated_at FROM interview_schedules s
                                                                 WHERE s.id = NEW.schedule_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('an interviewer of interview %s is dropped once, when the interview is rescheduled',
                             NEW.schedule_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER interview_schedule_people_written_as_rolecall BEFORE INSERT OR UPDATE ON interview_schedule_people
    FOR EACH ROW EXECUTE FUNCTION rolecall_schedule_person_checked();

-- 2. A person's own events.
CREATE FUNCTION rolecall_person_event_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() OR NEW.kind NOT IN ('edited', 'erased') THEN
        RETURN NEW;
    END IF;
    IF NEW.kind = 'erased' AND NOT (rolecall_is_admin()
                                    OR (rolecall_access() IS NULL
                                        AND has_table_privilege(session_user, 'candidates', 'UPDATE'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only an admin may erase a person (%s is %s on this server)', session_user,
                             COALESCE(replace(rolecall_access(), '_', ' '), 'not granted an access role'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM candidates c
                   WHERE c.id = NEW.candidate_id AND rolecall_written_now(c.xmin)
                     AND (NEW.kind = 'erased') = c.erased) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('an %s event records a change of candidate %s made in the same transaction: none was made',
                             NEW.kind, NEW.candidate_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_written_as_rolecall_person BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_person_event_checked();

-- An event about an interview or an owner comes with what it records.
CREATE FUNCTION rolecall_event_backed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NEW.kind = 'note' AND EXISTS (SELECT 1 FROM candidates c WHERE c.id = NEW.candidate_id AND c.erased) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('candidate %s''s data was erased: no note about them', NEW.candidate_id);
    END IF;
    IF NEW.kind IN ('interview_scheduled', 'interview_rescheduled', 'interview_cancelled')
       AND NOT EXISTS (SELECT 1 FROM interview_schedules s
                       WHERE s.application_id = NEW.application_id AND rolecall_written_now(s.xmin)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('an %s event records an interview of application %s written in the same transaction: '
                             'none was', NEW.kind, NEW.application_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_written_as_rolecall_schedule BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_event_backed();

CREATE FUNCTION rolecall_event_completed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF (NEW.kind = 'interview_recorded' AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.event_id = NEW.id))
       OR (NEW.kind = 'owner_changed' AND NOT EXISTS (SELECT 1 FROM application_owners o WHERE o.event_id = NEW.id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('an %s event of application %s comes with its %s, in one transaction', NEW.kind,
                             NEW.application_id, CASE NEW.kind WHEN 'owner_changed' THEN 'owner' ELSE 'scorecard' END);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER events_completed AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.kind IN ('interview_recorded', 'owner_changed') AND NOT rolecall_owner_session())
    EXECUTE FUNCTION rolecall_event_completed();

-- 3. A scorecard's level and scheduled interview.
CREATE FUNCTION rolecall_scorecard_scheduled() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NEW.level_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a scorecard of application %s rates its level', NEW.application_id);
    END IF;
    IF EXISTS (SELECT 1 FROM applications a JOIN candidates c ON c.id = a.candidate_id
               WHERE a.id = NEW.application_id AND c.erased) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s''s person was erased: no scorecard about them', NEW.application_id);
    END IF;
    IF NEW.schedule_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM interview_schedules s JOIN interview_schedule_people p ON p.schedule_id = s.id
           WHERE s.id = NEW.schedule_id AND s.cancelled_at IS NULL
             AND p.person = NEW.interviewer AND p.dropped_at IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('interview %s is not cancelled and %s is one of its interviewers', NEW.schedule_id,
                             NEW.interviewer);
    END IF;
    IF NEW.schedule_id IS NOT NULL AND EXISTS (
           SELECT 1 FROM interviews i JOIN events e ON e.id = i.event_id
           WHERE i.schedule_id = NEW.schedule_id AND i.interviewer = NEW.interviewer
             AND e.actor = session_user::text) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s already recorded a scorecard for interview %s', NEW.interviewer, NEW.schedule_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER interviews_written_scheduled BEFORE INSERT ON interviews
    FOR EACH ROW EXECUTE FUNCTION rolecall_scorecard_scheduled();

-- 4. Where an application starts, and when it entered its stage.
CREATE FUNCTION rolecall_first_stage(level BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
    WITH track AS (
        SELECT t.id FROM levels l JOIN pipeline_tracks t ON t.id = l.track_id AND t.retired = FALSE
        WHERE l.id = level)
    SELECT s.id FROM levels l JOIN stages s ON s.family_id = l.family_id AND s.retired = FALSE
    WHERE l.id = level
      AND (CASE WHEN EXISTS (SELECT 1 FROM track)
                THEN s.track_id = (SELECT id FROM track) OR (s.track_id IS NULL AND s.kind = 'offer')
                ELSE s.track_id IS NULL END)
    ORDER BY s.track_id IS NULL, s.position, s.id
    LIMIT 1
$$;

CREATE FUNCTION rolecall_application_staged() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.stage_id IS DISTINCT FROM rolecall_first_stage(NEW.level_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'a new application starts at the first stage of its level''s pipeline';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.stage_id IS NOT DISTINCT FROM OLD.stage_id
       AND NEW.stage_entered_at IS DISTINCT FROM OLD.stage_entered_at THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s entered its stage when it moved there: the time stays', OLD.id);
    END IF;
    IF rolecall_access() IS NOT NULL AND NEW.stage_id IS DISTINCT FROM OLD.stage_id
       AND NOT rolecall_clock_ok(NEW.stage_entered_at) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s enters its new stage now (the server says %s)', OLD.id, now());
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_written_as_rolecall_stage BEFORE INSERT OR UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION rolecall_application_staged();

-- 7. Scorecards and what rolecall never deletes.
REVOKE DELETE ON candidates, applications, interviews, interview_scores, interview_schedules,
    interview_schedule_people FROM rolecall_admin;
REVOKE UPDATE ON interview_scores, interviews FROM rolecall_admin;
GRANT UPDATE (notes) ON interviews TO rolecall_admin;
CREATE FUNCTION rolecall_scorecard_scrubbed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NEW.notes IS DISTINCT FROM '[erased]'
       OR NOT EXISTS (SELECT 1 FROM applications a JOIN candidates c ON c.id = a.candidate_id
                      WHERE a.id = OLD.application_id AND c.erased) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('scorecard %s stays as written (an erasure scrubs its notes)', OLD.id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER interviews_scrubbed_only BEFORE UPDATE ON interviews
    FOR EACH ROW EXECUTE FUNCTION rolecall_scorecard_scrubbed();

-- 6. The server numbers the rows: a row keeps the id its identity default just gave it
-- (the sequence's value in this session, above every id in the table); any other id a
-- login gives, or one left from a rolled-back insert below a newer row, is replaced by the
-- sequence's next value. No login renumbers a row.
CREATE FUNCTION rolecall_numbered() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    seq TEXT := pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id');
    fresh BOOLEAN := false;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('row %s of %s keeps its id', OLD.id, TG_TABLE_NAME);
        END IF;
        RETURN NEW;
    END IF;
    BEGIN
        fresh := NEW.id = currval(seq);
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        fresh := false;
    END;
    IF fresh THEN
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I.%I WHERE id >= $1)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO fresh USING NEW.id;
    END IF;
    IF NOT fresh THEN
        NEW.id := nextval(seq);
    END IF;
    RETURN NEW;
END
$$;
DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
          AND a.attname = 'id' AND a.attidentity <> '' AND NOT a.attisdropped
        ORDER BY 1
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF id ON %I FOR EACH ROW '
                       'EXECUTE FUNCTION rolecall_numbered()',
                       t || '_0_numbered', t);
    END LOOP;
END
$$;

DO $$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace
          AND p.proname IN ('rolecall_written_now', 'rolecall_schedule_checked', 'rolecall_schedule_logged',
                            'rolecall_schedule_person_checked', 'rolecall_person_event_checked',
                            'rolecall_scorecard_scheduled', 'rolecall_first_stage', 'rolecall_application_staged',
                            'rolecall_event_backed', 'rolecall_event_completed', 'rolecall_numbered',
                            'rolecall_scorecard_scrubbed')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- Who may change what, a hiring manager's history (issue 19, second security review,
-- finding 1 and the times of finding 4): the twin of ../0027_access_manager_history.sql.
--
-- 0019 makes a change of an application append the event saying where it is now; the
-- converse was open: through rolecall_seen a hiring manager could append an event that
-- no change backs (a `hired` event while the application stays active: the log and the
-- row then disagree, which doctor reports), and date a change's stage entry or update
-- to any time. rolecall writes every event after its change (or with nothing changed:
-- notes, scorecards), so the event's stage, status and level are the application's; and
-- it takes the server's clock for these logins. Now the view's triggers require both.

CREATE OR REPLACE FUNCTION rolecall_seen.events_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NOT rolecall_seen.sees(NEW.application_id) THEN
        PERFORM rolecall_seen.refuse('events only on the applications this login sees');
    END IF;
    IF EXISTS (SELECT 1 FROM applications a
               WHERE a.id = NEW.application_id
                 AND ((NEW.from_stage_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.from_stage_id AND s.family_id = a.family_id))
                   OR (NEW.to_stage_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.to_stage_id AND s.family_id = a.family_id))
                   OR (NEW.from_level_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM levels l WHERE l.id = NEW.from_level_id AND l.family_id = a.family_id))
                   OR (NEW.to_level_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM levels l WHERE l.id = NEW.to_level_id AND l.family_id = a.family_id)))) THEN
        PERFORM rolecall_seen.refuse(format('an event of application %s names stages and levels of its own role', NEW.application_id));
    END IF;
    IF rolecall_access() = 'hiring_manager'
       AND NOT EXISTS (SELECT 1 FROM applications a
                       WHERE a.id = NEW.application_id AND a.stage_id = NEW.to_stage_id AND a.status = NEW.to_status
                         AND (NEW.to_level_id IS NULL OR NEW.to_level_id = a.level_id)) THEN
        PERFORM rolecall_seen.refuse(format('an event says where application %s is now: its stage, status and level '
                                            'after the change', NEW.application_id));
    END IF;
    IF NEW.actor IS DISTINCT FROM session_user::text THEN
        PERFORM rolecall_seen.refuse(format('an event is written under the login that writes it, not as %s', NEW.actor));
    END IF;
    IF rolecall_access() = 'interviewer' AND NOT (
           NEW.kind IN ('note', 'interview_recorded') AND NEW.undoes IS NULL
           AND EXISTS (SELECT 1 FROM applications a
                       WHERE a.id = NEW.application_id
                         AND a.stage_id = NEW.from_stage_id AND a.stage_id = NEW.to_stage_id
                         AND a.status = NEW.from_status AND a.status = NEW.to_status)) THEN
        PERFORM rolecall_seen.refuse('an interviewer writes only notes and scorecards, which leave the application where it is');
    END IF;
    INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status,
                        to_status, reason, note, undoes, from_level_id, to_level_id, request_id)
    VALUES (NEW.at, NEW.actor, NEW.kind, NEW.candidate_id, NEW.application_id, NEW.from_stage_id, NEW.to_stage_id,
            NEW.from_status, NEW.to_status, NEW.reason, NEW.note, NEW.undoes, NEW.from_level_id, NEW.to_level_id,
            NEW.request_id)
    RETURNING * INTO NEW;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rolecall_seen.applications_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    access TEXT := rolecall_access();
BEGIN
    IF access = 'hiring_manager' THEN
        IF NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.stage_id AND s.family_id = OLD.family_id)
           OR NOT EXISTS (SELECT 1 FROM levels l WHERE l.id = NEW.level_id AND l.family_id = OLD.family_id) THEN
            PERFORM rolecall_seen.refuse(format('application %s stays on a stage and a level of its own role', OLD.id));
        END IF;
        IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
            PERFORM rolecall_seen.refuse(format('a change takes application %s from version %s to %s, not to %s',
                                                OLD.id, OLD.version, OLD.version + 1, NEW.version));
        END IF;
        IF NEW.status = 'hired' AND OLD.status IS DISTINCT FROM 'hired'
           AND (NEW.stage_id IS DISTINCT FROM OLD.stage_id
                OR NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.stage_id AND s.kind = 'offer')) THEN
            PERFORM rolecall_seen.refuse(format('application %s is hired only at the Offer stage, where it already is', OLD.id));
        END IF;
        IF NEW.updated_at < now() - interval '1 minute' OR NEW.updated_at > clock_timestamp() + interval '1 minute'
           OR (NEW.stage_entered_at IS DISTINCT FROM OLD.stage_entered_at
               AND (NEW.stage_entered_at < now() - interval '1 minute'
                    OR NEW.stage_entered_at > clock_timestamp() + interval '1 minute')) THEN
            PERFORM rolecall_seen.refuse(format('a change of application %s takes the server''s clock', OLD.id));
        END IF;
        UPDATE applications
           SET stage_id = NEW.stage_id, status = NEW.status, reject_reason = NEW.reject_reason,
               stage_entered_at = NEW.stage_entered_at, level_id = NEW.level_id,
               updated_at = NEW.updated_at, version = NEW.version
         WHERE id = OLD.id AND version = OLD.version
        RETURNING * INTO NEW;
    ELSIF access = 'interviewer' THEN
        IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
            PERFORM rolecall_seen.refuse(format('an interviewer''s change takes application %s from version %s to %s, '
                                                'not to %s', OLD.id, OLD.version, OLD.version + 1, NEW.version));
        END IF;
        UPDATE applications SET updated_at = now(), version = OLD.version + 1
         WHERE id = OLD.id AND version = OLD.version
        RETURNING * INTO NEW;
    ELSE
        PERFORM rolecall_seen.refuse('this login may not change applications');
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
            MESSAGE = format('application %s changed while this was written: try again', OLD.id);
    END IF;
    RETURN NEW;
END
$$;

-- CREATE OR REPLACE keeps the grants but not the settings: the path of 0021 again.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_seen.events_insert() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_seen.applications_update() SET search_path = %I, pg_temp', current_schema());
END
$$;

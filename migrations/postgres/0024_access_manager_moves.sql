-- Who may change what, a hiring manager's moves (issue 19, security review finding 2):
-- the twin of ../0024_access_manager_moves.sql.
--
-- Through rolecall_seen.applications (0021) a hiring manager's psql could, with a
-- matching event, hire a candidate straight from an interview stage ("Manager IT") or set
-- the version to any number: audited, but not what rolecall lets them do (rolecall hires
-- only at the Offer stage and every change takes the version up by one). Now the view's
-- trigger refuses both for a hiring manager, as 0023 did for an interviewer's version.
-- Undo stays possible: undoing a reopen puts a hired application back at its Offer stage.

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
           AND NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.stage_id AND s.kind = 'offer') THEN
            PERFORM rolecall_seen.refuse(format('application %s is hired only at the Offer stage', OLD.id));
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
    EXECUTE format('ALTER FUNCTION rolecall_seen.applications_update() SET search_path = %I, pg_temp', current_schema());
END
$$;

-- Who may see what, other people's words (issue 19, security review section 8): the twin
-- of ../0023_access_seen_notes.sql.
--
-- An interviewer sees an application's name, level, stage, the level's requirements and
-- their own interviews; no contact details. Through rolecall_seen.events (0021) they read
-- every event of their applications, the free text of each included: a recruiter's
-- "call him at +1 999 …" reached them, and so did the note on a hold or a rejection. Now
-- an interviewer's events leave out other logins' notes (kind 'note') and give other
-- logins' other events without their note text (NULL, as an event without a note): the
-- stage and status changes stay, their own events stay whole. A scorecard event keeps
-- its note ("Yes by olga", written by rolecall from the scorecard), shown only under
-- 0013's rule like the scorecard itself (rolecall_hidden_scorecards). A hiring manager's
-- events are as before.
--
-- An interviewer's change of an application (0021's INSTEAD OF trigger: a scorecard's
-- `version = version + 1`, rolecall's only one) could set any version and any updated_at
-- alongside its event, or updated_at alone without one. It now takes the version up by
-- exactly one (so 0019's check at commit wants its event) and the server's clock.

CREATE OR REPLACE FUNCTION rolecall_seen.events_rows() RETURNS SETOF events
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 5000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    IF rolecall_access() = 'interviewer' THEN
        -- The columns of events in order (a migration adding one recreates this, as 0021).
        RETURN QUERY
            SELECT e.id, e.at, e.actor, e.kind, e.candidate_id, e.application_id, e.from_stage_id, e.to_stage_id,
                   e.from_status, e.to_status, e.reason,
                   CASE WHEN e.actor = session_user::text OR e.kind = 'interview_recorded' THEN e.note END,
                   e.undoes, e.from_level_id, e.to_level_id, e.request_id, e.xact
              FROM events e
             WHERE e.application_id = ANY(apps)
               AND (e.kind <> 'note' OR e.actor = session_user::text)
               AND NOT EXISTS (SELECT 1 FROM rolecall_hidden_scorecards() h WHERE h.event_id = e.id);
        RETURN;
    END IF;
    RETURN QUERY SELECT e.* FROM events e
                  WHERE e.application_id IN (SELECT a.id FROM applications a
                                             WHERE a.family_id = ANY(fams) OR a.id = ANY(apps))
                    AND NOT EXISTS (SELECT 1 FROM rolecall_hidden_scorecards() h WHERE h.event_id = e.id);
    IF cardinality(fams) > 0 THEN
        RETURN QUERY SELECT e.* FROM events e
                      WHERE e.application_id IS NULL
                        AND e.candidate_id IN (SELECT a.candidate_id FROM applications a WHERE a.family_id = ANY(fams));
    END IF;
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
    EXECUTE format('ALTER FUNCTION rolecall_seen.events_rows() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_seen.applications_update() SET search_path = %I, pg_temp', current_schema());
END
$$;

-- Who may write what, scorecards and reasons (issue 19, third review): the twin of
-- ../0028_access_scorecards_reasons.sql.
--
-- rolecall writes a scorecard with its `interview_recorded` event, its scores and the
-- application's new version in one transaction, dated by the server's clock, held today
-- or earlier; a rejection names one of its nine reasons. A login writing around rolecall
-- (psql) could until now hang a second scorecard on an old event, backdate one, add
-- scores to a submitted one or store a reason no screen knows. For every login but the
-- tables' owner (restore, import, tests) the server now refuses each of these, and no
-- login but the owner may ask whether a role's slug exists (rolecall_roles_named serves
-- `access grant` and `revoke`, which run with the owner's rights).

-- A scorecard: its event written in this transaction, one scorecard per event, under
-- the writing login and the server's clock, held no later than tomorrow (UTC; a day of
-- slack for the writer's time zone).
CREATE FUNCTION rolecall_scorecard_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e WHERE e.id = NEW.event_id AND e.xact = rolecall_xact()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a scorecard is written with its event, in one transaction: event %s was not written in this one',
                             NEW.event_id);
    END IF;
    IF EXISTS (SELECT 1 FROM interviews i WHERE i.event_id = NEW.event_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('event %s already has its scorecard: one scorecard per event', NEW.event_id);
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
CREATE TRIGGER interviews_written BEFORE INSERT ON interviews
    FOR EACH ROW EXECUTE FUNCTION rolecall_scorecard_written();

-- A score: written with its scorecard (its event in this transaction), once per
-- requirement.
CREATE FUNCTION rolecall_score_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
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
    RETURN NEW;
END
$$;
CREATE TRIGGER interview_scores_written BEFORE INSERT ON interview_scores
    FOR EACH ROW EXECUTE FUNCTION rolecall_score_written();

-- The reasons rolecall knows (domain::RejectReason::as_str).
CREATE FUNCTION rolecall_reason_known(reason TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
    SELECT reason IN ('not-qualified', 'skills-mismatch', 'compensation', 'location', 'position-filled',
                      'unresponsive', 'failed-references', 'values-mismatch', 'other')
$$;

-- A reason only with a rejection, and one rolecall knows: applications.reject_reason
-- against its status, events.reason against the status the event leaves.
CREATE FUNCTION rolecall_reason_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    reason TEXT;
    status TEXT;
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'events' THEN
        reason := NEW.reason;
        status := NEW.to_status;
    ELSE
        reason := NEW.reject_reason;
        status := NEW.status;
    END IF;
    IF reason IS NOT NULL AND NOT (rolecall_reason_known(reason) AND status = 'rejected') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('a reason goes with a rejection and is one of rolecall''s (not-qualified, skills-mismatch, '
                             'compensation, location, position-filled, unresponsive, failed-references, '
                             'values-mismatch, other): not %L for status %s', reason, status);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_reason BEFORE INSERT OR UPDATE OF reject_reason, status ON applications
    FOR EACH ROW EXECUTE FUNCTION rolecall_reason_written();
CREATE TRIGGER events_reason BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_reason_written();

-- Whether a slug exists is the owner's to answer (access grant and revoke run as it).
REVOKE ALL ON FUNCTION rolecall_roles_named(TEXT[]) FROM PUBLIC;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_scorecard_written() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_score_written() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_reason_known(TEXT) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_reason_written() SET search_path = %I, pg_temp', current_schema());
END
$$;

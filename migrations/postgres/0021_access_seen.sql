-- Who may see what, without side channels (issue 19, security review finding 1): the twin
-- of ../0021_access_seen.sql.
--
-- Until now a hiring manager and an interviewer read the shared tables themselves, under
-- row-level security. PostgreSQL may run a cheap ("leakproof") condition of the login's
-- own query, such as `starts_with(email, 'd')`, before an expensive policy, and EXPLAIN
-- ANALYZE (or timing) shows whether the policy then ran: one yes/no answer per query
-- about a row the login is not shown, enough to read whole hidden values. An index
-- condition runs before the policy too, and "Rows Removed by Filter" counted the hidden
-- rows. Neither can be closed while the login reads the table.
--
-- So the two restricted roles no longer have any privilege on the tables holding other
-- people's rows. They read the schema rolecall_seen: one view per such table, with its
-- name and columns, over a function that runs with the owner's rights (plpgsql: the
-- planner never inlines it) and returns exactly the rows the session's login may see, by
-- the rules of the policies of 0011..0018. The login's own conditions filter only that
-- function's output; EXPLAIN shows a Function Scan whose counts are of rows the login
-- sees anyway. Their writes go through INSTEAD OF triggers on those views (owner's rights)
-- that check what the policies' WITH CHECK did and write the table, so the log's checks of
-- 0019 (actor = session_user, server clock, a change needs its event, events.xact) apply
-- as before and still name the login. Deleting stays refused (no privilege, no trigger).
--
-- rolecall puts rolecall_seen first on a restricted login's search path (an interviewer:
-- rolecall_contactless, then rolecall_seen); a psql user does
-- `SET search_path = rolecall_seen, public` (or the schema rolecall lives in).
-- The views list their table's columns as of this migration: a later migration that adds
-- a column to one of these tables recreates its view (and function) to show it.
--
-- The policies of 0011..0018 stay: they still narrow what the two roles would see if an
-- administrator granted them a table directly.

CREATE SCHEMA rolecall_seen;
GRANT USAGE ON SCHEMA rolecall_seen TO rolecall_hiring_manager, rolecall_interviewer;

-- What the session's login sees: a hiring manager the roles granted to them (0011), an
-- interviewer the applications of their interviews (0012, 0018); nothing for any other
-- login. Two short lists, read once per statement by each function below.
CREATE FUNCTION rolecall_seen.scope(OUT fams BIGINT[], OUT apps BIGINT[])
    LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    fams := '{}';
    apps := '{}';
    CASE rolecall_access()
        WHEN 'hiring_manager' THEN
            fams := ARRAY(SELECT g.family_id FROM access_roles g WHERE g.login = session_user::text);
        WHEN 'interviewer' THEN
            apps := ARRAY(SELECT rolecall_interview_applications());
        ELSE
            NULL;
    END CASE;
END
$$;

CREATE FUNCTION rolecall_seen.applications_rows() RETURNS SETOF applications
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT a.* FROM applications a WHERE a.family_id = ANY(fams) OR a.id = ANY(apps);
END
$$;

CREATE FUNCTION rolecall_seen.families_rows() RETURNS SETOF families
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 10 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT f.* FROM families f
                  WHERE f.id = ANY(fams) OR f.id IN (SELECT a.family_id FROM applications a WHERE a.id = ANY(apps));
END
$$;

-- The people of those applications; an interviewer's without contact details (0011).
CREATE FUNCTION rolecall_seen.candidates_rows() RETURNS SETOF candidates
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    IF rolecall_access() = 'interviewer' THEN
        RETURN QUERY SELECT c.id, c.name, c.name_key, NULL::text, NULL::text, NULL::text, ''::text,
                            c.created_at, c.updated_at, c.erased
                       FROM candidates c
                      WHERE c.id IN (SELECT a.candidate_id FROM applications a WHERE a.id = ANY(apps));
    ELSE
        RETURN QUERY SELECT c.* FROM candidates c
                      WHERE c.id IN (SELECT a.candidate_id FROM applications a WHERE a.family_id = ANY(fams));
    END IF;
END
$$;

-- The events of those applications but the scorecards hidden from the login (0013); a
-- hiring manager's also those about their people rather than an application (0017).
CREATE FUNCTION rolecall_seen.events_rows() RETURNS SETOF events
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 5000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
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

CREATE FUNCTION rolecall_seen.interviews_rows() RETURNS SETOF interviews
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT i.* FROM interviews i
                  WHERE i.application_id IN (SELECT a.id FROM applications a
                                             WHERE a.family_id = ANY(fams) OR a.id = ANY(apps))
                    AND NOT EXISTS (SELECT 1 FROM rolecall_hidden_scorecards() h WHERE h.interview_id = i.id);
END
$$;

CREATE FUNCTION rolecall_seen.interview_scores_rows() RETURNS SETOF interview_scores
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 5000 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT s.* FROM interview_scores s
                  WHERE s.interview_id IN (
                      SELECT i.id FROM interviews i
                       WHERE i.application_id IN (SELECT a.id FROM applications a
                                                  WHERE a.family_id = ANY(fams) OR a.id = ANY(apps))
                         AND NOT EXISTS (SELECT 1 FROM rolecall_hidden_scorecards() h WHERE h.interview_id = i.id));
END
$$;

CREATE FUNCTION rolecall_seen.interview_schedules_rows() RETURNS SETOF interview_schedules
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT s.* FROM interview_schedules s
                  WHERE s.application_id IN (SELECT a.id FROM applications a
                                             WHERE a.family_id = ANY(fams) OR a.id = ANY(apps));
END
$$;

CREATE FUNCTION rolecall_seen.interview_schedule_people_rows() RETURNS SETOF interview_schedule_people
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT p.* FROM interview_schedule_people p
                  WHERE p.schedule_id IN (
                      SELECT s.id FROM interview_schedules s
                       WHERE s.application_id IN (SELECT a.id FROM applications a
                                                  WHERE a.family_id = ANY(fams) OR a.id = ANY(apps)));
END
$$;

CREATE FUNCTION rolecall_seen.application_owners_rows() RETURNS SETOF application_owners
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY SELECT o.* FROM application_owners o
                  WHERE o.application_id IN (SELECT a.id FROM applications a
                                             WHERE a.family_id = ANY(fams) OR a.id = ANY(apps));
END
$$;

-- A restricted login's own grants (0015).
CREATE FUNCTION rolecall_seen.access_roles_rows() RETURNS SETOF access_roles
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 10 AS $$
BEGIN
    IF rolecall_restricted() THEN
        RETURN QUERY SELECT g.* FROM access_roles g WHERE g.login = session_user::text;
    END IF;
END
$$;

-- The batches (issue 17) linking events of those applications (everyone read them all
-- before); a batch groups moves, never a scorecard.
CREATE FUNCTION rolecall_seen.event_batches_rows() RETURNS SETOF event_batches
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN QUERY
        SELECT b.* FROM event_batches b
          JOIN events e ON e.id = b.event_id JOIN events h ON h.id = b.batch_id
         WHERE e.application_id IN (SELECT a.id FROM applications a WHERE a.family_id = ANY(fams) OR a.id = ANY(apps))
           AND h.application_id IN (SELECT a.id FROM applications a WHERE a.family_id = ANY(fams) OR a.id = ANY(apps))
           AND NOT EXISTS (SELECT 1 FROM rolecall_hidden_scorecards() x WHERE x.event_id IN (b.event_id, b.batch_id));
END
$$;

CREATE VIEW rolecall_seen.families AS SELECT * FROM rolecall_seen.families_rows();
CREATE VIEW rolecall_seen.candidates AS SELECT * FROM rolecall_seen.candidates_rows();
CREATE VIEW rolecall_seen.applications AS SELECT * FROM rolecall_seen.applications_rows();
CREATE VIEW rolecall_seen.events AS SELECT * FROM rolecall_seen.events_rows();
CREATE VIEW rolecall_seen.event_batches AS SELECT * FROM rolecall_seen.event_batches_rows();
CREATE VIEW rolecall_seen.interviews AS SELECT * FROM rolecall_seen.interviews_rows();
CREATE VIEW rolecall_seen.interview_scores AS SELECT * FROM rolecall_seen.interview_scores_rows();
CREATE VIEW rolecall_seen.interview_schedules AS SELECT * FROM rolecall_seen.interview_schedules_rows();
CREATE VIEW rolecall_seen.interview_schedule_people AS SELECT * FROM rolecall_seen.interview_schedule_people_rows();
CREATE VIEW rolecall_seen.application_owners AS SELECT * FROM rolecall_seen.application_owners_rows();
CREATE VIEW rolecall_seen.access_roles AS SELECT * FROM rolecall_seen.access_roles_rows();
-- The table's default where rolecall's writes leave a column out.
ALTER VIEW rolecall_seen.interviews ALTER COLUMN notes SET DEFAULT '';

-- A refusal rolecall shows with what the login's access role allows (store/pg/error.rs
-- reads "permission denied…").
CREATE FUNCTION rolecall_seen.refuse(what TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format('permission denied: %s (%s is %s on this server)', what, session_user,
                         COALESCE(replace(rolecall_access(), '_', ' '), 'not granted an access role'));
END
$$;

-- Whether the session's login sees application `app`.
CREATE FUNCTION rolecall_seen.sees(app BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
    fams BIGINT[];
    apps BIGINT[];
BEGIN
    SELECT * INTO fams, apps FROM rolecall_seen.scope();
    RETURN EXISTS (SELECT 1 FROM applications a WHERE a.id = app AND (a.family_id = ANY(fams) OR a.id = ANY(apps)));
END
$$;

-- A move, an outcome, a note, a level (a hiring manager: stage, status, reason, level; an
-- interviewer: only what a note or a scorecard changes). The columns are the view's
-- column privileges below; the row is one the login sees (it came from the view); a
-- stage or level stays within the application's role (0015). The row must still be the
-- one read (rolecall locks it first with rolecall_lock_application).
CREATE FUNCTION rolecall_seen.applications_update() RETURNS trigger
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
        UPDATE applications SET updated_at = NEW.updated_at, version = NEW.version
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
CREATE TRIGGER applications_update INSTEAD OF UPDATE ON rolecall_seen.applications
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.applications_update();

-- An event, under the login's own name (0019 checks it), on an application it sees; an
-- interviewer's only a note or a scorecard that leaves the application where it is and
-- undoes nothing (0014).
CREATE FUNCTION rolecall_seen.events_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NOT rolecall_seen.sees(NEW.application_id) THEN
        PERFORM rolecall_seen.refuse('events only on the applications this login sees');
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
CREATE TRIGGER events_insert INSTEAD OF INSERT ON rolecall_seen.events
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.events_insert();

-- A scorecard belongs to a scorecard event the login wrote for that application (0014);
-- an interviewer's is their own.
CREATE FUNCTION rolecall_seen.interviews_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NOT rolecall_seen.sees(NEW.application_id)
       OR NOT EXISTS (SELECT 1 FROM events e
                      WHERE e.id = NEW.event_id AND e.actor = session_user::text
                        AND e.application_id = NEW.application_id AND e.kind = 'interview_recorded') THEN
        PERFORM rolecall_seen.refuse('a scorecard belongs to a scorecard event this login wrote for the application');
    END IF;
    IF rolecall_access() = 'interviewer' AND NEW.interviewer IS DISTINCT FROM session_user::text THEN
        PERFORM rolecall_seen.refuse('an interviewer records only their own scorecards');
    END IF;
    INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes, created_at,
                            event_id, level_id, schedule_id)
    VALUES (NEW.application_id, NEW.stage_id, NEW.interviewer, NEW.held_on, NEW.recommendation, NEW.notes,
            NEW.created_at, NEW.event_id, NEW.level_id, NEW.schedule_id)
    RETURNING * INTO NEW;
    RETURN NEW;
END
$$;
CREATE TRIGGER interviews_insert INSTEAD OF INSERT ON rolecall_seen.interviews
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.interviews_insert();

-- Scores only of a scorecard the login wrote (0014).
CREATE FUNCTION rolecall_seen.interview_scores_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM interviews i JOIN events e ON e.id = i.event_id
                   WHERE i.id = NEW.interview_id AND e.actor = session_user::text
                     AND rolecall_seen.sees(i.application_id)) THEN
        PERFORM rolecall_seen.refuse('scores belong to a scorecard this login wrote');
    END IF;
    INSERT INTO interview_scores (interview_id, position, requirement, rating)
    VALUES (NEW.interview_id, NEW.position, NEW.requirement, NEW.rating)
    RETURNING * INTO NEW;
    RETURN NEW;
END
$$;
CREATE TRIGGER interview_scores_insert INSTEAD OF INSERT ON rolecall_seen.interview_scores
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.interview_scores_insert();

-- A hiring manager's bulk change links its own events of this transaction (0019 checks).
CREATE FUNCTION rolecall_seen.event_batches_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO event_batches (event_id, batch_id) VALUES (NEW.event_id, NEW.batch_id)
    RETURNING * INTO NEW;
    RETURN NEW;
END
$$;
CREATE TRIGGER event_batches_insert INSTEAD OF INSERT ON rolecall_seen.event_batches
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.event_batches_insert();

-- Deleting through a view, and changing one that has no trigger above, is refused (the
-- restricted roles have no such privilege, so PostgreSQL says "permission denied for
-- view …" before this runs; without a trigger it would say "cannot delete from view").
CREATE FUNCTION rolecall_seen.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rolecall_seen.refuse(format('%s on %s', lower(TG_OP), TG_TABLE_NAME));
    RETURN NULL;
END
$$;
DO $$
DECLARE
    v TEXT;
BEGIN
    FOREACH v IN ARRAY ARRAY['families', 'candidates', 'applications', 'events', 'event_batches', 'interviews',
                             'interview_scores', 'interview_schedules', 'interview_schedule_people',
                             'application_owners', 'access_roles'] LOOP
        EXECUTE format('CREATE TRIGGER refuse_delete INSTEAD OF DELETE ON rolecall_seen.%I '
                       'FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change()', v);
        IF v NOT IN ('applications') THEN
            EXECUTE format('CREATE TRIGGER refuse_update INSTEAD OF UPDATE ON rolecall_seen.%I '
                           'FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change()', v);
        END IF;
        IF v NOT IN ('events', 'event_batches', 'interviews', 'interview_scores') THEN
            EXECUTE format('CREATE TRIGGER refuse_insert INSTEAD OF INSERT ON rolecall_seen.%I '
                           'FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change()', v);
        END IF;
    END LOOP;
END
$$;

-- Lock an application before a change (rolecall's `SELECT … FOR UPDATE`, which a view
-- over a function cannot do): a restricted login only one it sees, anyone else one it
-- may update. Returns the id, or NULL when there is no such application for the login.
CREATE FUNCTION rolecall_lock_application(app BIGINT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_restricted() THEN
        IF NOT rolecall_seen.sees(app) THEN
            RETURN NULL;
        END IF;
    ELSIF NOT has_table_privilege(session_user, 'applications', 'UPDATE') THEN
        PERFORM rolecall_seen.refuse('this login may not change applications');
    END IF;
    PERFORM 1 FROM applications WHERE id = app FOR UPDATE;
    RETURN CASE WHEN FOUND THEN app END;
END
$$;

-- What an interviewer reads for a person (0011), now over the view above.
CREATE OR REPLACE VIEW rolecall_contactless.candidates WITH (security_invoker = true) AS
    SELECT id, name, name_key, NULL::text AS email, NULL::text AS phone, NULL::text AS source,
           ''::text AS notes, created_at, updated_at, erased
    FROM rolecall_seen.candidates;

-- No privilege on the tables themselves for the restricted roles (this also takes the
-- interviewers' column grants on candidates).
REVOKE ALL ON families, candidates, applications, events, event_batches, interviews, interview_scores,
    interview_schedules, interview_schedule_people, application_owners, access_roles
    FROM rolecall_hiring_manager, rolecall_interviewer;

-- The views instead: what each role read and wrote before.
GRANT SELECT ON rolecall_seen.families, rolecall_seen.candidates, rolecall_seen.applications, rolecall_seen.events,
    rolecall_seen.event_batches, rolecall_seen.interviews, rolecall_seen.interview_scores,
    rolecall_seen.interview_schedules, rolecall_seen.interview_schedule_people, rolecall_seen.application_owners,
    rolecall_seen.access_roles
    TO rolecall_hiring_manager;
GRANT SELECT ON rolecall_seen.families, rolecall_seen.applications, rolecall_seen.events,
    rolecall_seen.event_batches, rolecall_seen.interviews, rolecall_seen.interview_scores,
    rolecall_seen.interview_schedules, rolecall_seen.interview_schedule_people, rolecall_seen.application_owners,
    rolecall_seen.access_roles
    TO rolecall_interviewer;
GRANT SELECT (id, name, name_key, created_at, updated_at, erased) ON rolecall_seen.candidates TO rolecall_interviewer;
GRANT UPDATE (stage_id, status, reject_reason, stage_entered_at, level_id, updated_at, version)
    ON rolecall_seen.applications TO rolecall_hiring_manager;
GRANT INSERT ON rolecall_seen.events, rolecall_seen.event_batches, rolecall_seen.interviews,
    rolecall_seen.interview_scores TO rolecall_hiring_manager;
GRANT UPDATE (updated_at, version) ON rolecall_seen.applications TO rolecall_interviewer;
GRANT INSERT ON rolecall_seen.events, rolecall_seen.interviews, rolecall_seen.interview_scores
    TO rolecall_interviewer;

-- The functions: only the two roles call them (through the views), and
-- rolecall_lock_application everyone.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA rolecall_seen FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA rolecall_seen TO rolecall_hiring_manager, rolecall_interviewer;

-- Every function above searches rolecall's schema and then the temporary one (as 0014).
DO $$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = 'rolecall_seen'::regnamespace OR p.oid = 'rolecall_lock_application(bigint)'::regprocedure
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- Who may write what, enforced on the log itself (issue 19, security review): the twin of
-- ../0019_access_writes.sql. Every write path of rolecall passes these checks; a login
-- with psql that writes around rolecall is refused.
--
-- 1. The log says who and when: an event's actor (and that of a pipeline edit, a stage
--    limit, an owner change, a handbook acknowledgement) is the login writing it, for
--    every login but the tables' owner and superusers (restore, import, tests). A login
--    in an access role also takes the server's clock: the time it writes lies between the
--    transaction's start less a minute and the server's clock now plus a minute (rolecall
--    writes `now()` of the same transaction; store/handle.rs `now_in` ignores
--    ROLECALL_NOW for such a login).
-- 2. An event is about its application's person (candidate_id is the application's, for
--    every login), and `undoes` names an event of the same application (or the same
--    person, for a person's own events).
-- 3. No change without its event: a change of an application's stage, status, level or
--    version by any login but the owner must append an event of that application, by
--    that login, in the same transaction, that says where it was and is now (its
--    from_/to_stage_id, from_/to_status and, for a new level, to_level_id; a note or a
--    scorecard only where it stays); a change of a person's details an
--    `edited` or `erased` event of the person (both checked at commit). events.xact
--    records the transaction that wrote each event (PostgreSQL only; the server fills it).
-- 4. `rolecall access grant/revoke` leave the owner and any login holding the access
--    roles WITH ADMIN OPTION alone (revoking those would lock access management out), and
--    an event_batches row links only events its login wrote in the same transaction.

ALTER TABLE events ADD COLUMN xact BIGINT;

-- Whether the session's login owns rolecall's tables (or is a superuser).
CREATE FUNCTION rolecall_owner_session() RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'events'::regclass), 'MEMBER')
$$;

-- The current transaction's id, as events.xact records it.
CREATE FUNCTION rolecall_xact() RETURNS BIGINT LANGUAGE sql VOLATILE AS $$
    SELECT pg_current_xact_id()::text::bigint
$$;

-- Refuse a row of a log whose actor is not the session's login, or (for a login in an
-- access role) whose time is not the server's clock.
CREATE FUNCTION rolecall_check_writer(what TEXT, actor TEXT, at TIMESTAMPTZ) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN;
    END IF;
    IF actor IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s is written under the login that writes it: %s may not write one as %s',
                             what, session_user, actor);
    END IF;
    IF rolecall_access() IS NOT NULL
       AND (at IS NULL OR at < now() - interval '1 minute' OR at > clock_timestamp() + interval '1 minute') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s takes the server''s clock: %s may not date one %s (the server says %s)',
                             what, session_user, at, now());
    END IF;
END
$$;

CREATE FUNCTION rolecall_event_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    person BIGINT;
BEGIN
    NEW.xact := rolecall_xact();
    -- Read with the writer's rights: an application or event hidden from the writer is
    -- neither confirmed nor denied here (its row-level security refuses the insert).
    IF NEW.application_id IS NOT NULL THEN
        SELECT a.candidate_id INTO person FROM applications a WHERE a.id = NEW.application_id;
        IF FOUND AND person IS DISTINCT FROM NEW.candidate_id THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = format('an event of application %s is about its person (candidate %s), not candidate %s',
                                 NEW.application_id, person, NEW.candidate_id);
        END IF;
    END IF;
    IF NEW.undoes IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM events u
        WHERE u.id = NEW.undoes AND u.application_id IS NOT DISTINCT FROM NEW.application_id
          AND (NEW.application_id IS NOT NULL OR u.candidate_id = NEW.candidate_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('event %s is not one of application %s: an event undoes only one of its own application',
                             NEW.undoes, COALESCE(NEW.application_id::text, '(none)'));
    END IF;
    PERFORM rolecall_check_writer('an event', NEW.actor, NEW.at);
    RETURN NEW;
END
$$;
CREATE TRIGGER events_written BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_event_written();

CREATE FUNCTION rolecall_log_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rolecall_check_writer(TG_ARGV[0], NEW.actor, NEW.at);
    RETURN NEW;
END
$$;
CREATE TRIGGER pipeline_edits_written BEFORE INSERT ON pipeline_edits
    FOR EACH ROW EXECUTE FUNCTION rolecall_log_written('a pipeline edit');
CREATE TRIGGER stage_limits_written BEFORE INSERT ON stage_limits
    FOR EACH ROW EXECUTE FUNCTION rolecall_log_written('a stage limit');
CREATE TRIGGER role_owner_sets_written BEFORE INSERT ON role_owner_sets
    FOR EACH ROW EXECUTE FUNCTION rolecall_log_written('a change of owners');
CREATE TRIGGER handbook_acks_written BEFORE INSERT ON handbook_acks
    FOR EACH ROW EXECUTE FUNCTION rolecall_log_written('a handbook acknowledgement');

-- No change of an application without its event (checked at commit, once per row).
CREATE FUNCTION rolecall_application_change_logged() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF (NEW.stage_id, NEW.status, NEW.level_id, NEW.version)
           IS NOT DISTINCT FROM (OLD.stage_id, OLD.status, OLD.level_id, OLD.version)
       OR rolecall_owner_session() THEN
        RETURN NULL;
    END IF;
    -- The event says where the application was and is now; a note or a scorecard
    -- leaves it where it was.
    IF NOT EXISTS (SELECT 1 FROM events e
                   WHERE e.application_id = NEW.id AND e.xact = rolecall_xact()
                     AND e.actor = session_user::text
                     AND e.from_stage_id IS NOT DISTINCT FROM OLD.stage_id
                     AND e.from_status IS NOT DISTINCT FROM OLD.status
                     AND e.to_stage_id IS NOT DISTINCT FROM NEW.stage_id
                     AND e.to_status IS NOT DISTINCT FROM NEW.status
                     AND (e.kind NOT IN ('note', 'interview_recorded')
                          OR (NEW.stage_id = OLD.stage_id AND NEW.status = OLD.status))
                     AND (NEW.level_id IS NOT DISTINCT FROM OLD.level_id
                          OR e.to_level_id IS NOT DISTINCT FROM NEW.level_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('application %s was changed without an event: %s must record every change of its '
                             'stage, status, level or version in the log in the same transaction, with an event '
                             'that says where it is now (rolecall does)',
                             NEW.id, session_user);
    END IF;
    RETURN NULL;
END
$$;

-- The same for a person's details (an `edited` or `erased` event of the person).
CREATE FUNCTION rolecall_candidate_change_logged() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF (NEW.name, NEW.email, NEW.phone, NEW.source, NEW.notes, NEW.erased)
           IS NOT DISTINCT FROM (OLD.name, OLD.email, OLD.phone, OLD.source, OLD.notes, OLD.erased)
       OR rolecall_owner_session() THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e
                   WHERE e.candidate_id = NEW.id AND e.application_id IS NULL AND e.xact = rolecall_xact()
                     AND e.actor = session_user::text AND e.kind IN ('edited', 'erased')) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('candidate %s was changed without an event: %s must record every change of a '
                             'person''s details in the log in the same transaction (rolecall does)',
                             NEW.id, session_user);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER candidates_change_logged AFTER UPDATE ON candidates
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION rolecall_candidate_change_logged();
CREATE CONSTRAINT TRIGGER applications_change_logged AFTER UPDATE ON applications
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION rolecall_application_change_logged();

-- A batch links only events its login wrote in this transaction.
CREATE FUNCTION rolecall_batch_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF (SELECT count(*) FROM events e
        WHERE e.id IN (NEW.event_id, NEW.batch_id) AND e.xact = rolecall_xact()
          AND e.actor = session_user::text) < (CASE WHEN NEW.event_id = NEW.batch_id THEN 1 ELSE 2 END) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a batch links only events %s wrote in the same transaction (not %s and %s)',
                             session_user, NEW.event_id, NEW.batch_id);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER event_batches_written BEFORE INSERT ON event_batches
    FOR EACH ROW EXECUTE FUNCTION rolecall_batch_written();

-- Refuse to manage the owner's access, or that of a login holding the access roles WITH
-- ADMIN OPTION: `access revoke` would take away what `access grant` itself works through.
CREATE FUNCTION rolecall_check_manageable(who TEXT) RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    IF pg_has_role(who, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'events'::regclass), 'MEMBER') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('%s owns rolecall''s tables (or is a superuser): rolecall access leaves it alone '
                             '(it grants the access roles to everyone else)', who);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid
               JOIN pg_roles m ON m.oid = am.member
               WHERE m.rolname = who AND am.admin_option
                 AND g.rolname IN ('rolecall_admin', 'rolecall_recruiter', 'rolecall_hiring_manager',
                                   'rolecall_interviewer')) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('%s holds the access roles WITH ADMIN OPTION (it grants them to others): rolecall access '
                             'leaves it alone; a database administrator changes it with GRANT and REVOKE', who);
    END IF;
END
$$;

-- `rolecall access grant` and `revoke` (0011) with that check.
CREATE OR REPLACE FUNCTION rolecall_grant_access(who TEXT, access TEXT, slugs TEXT[]) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER AS $$
DECLARE
    r TEXT;
    ids BIGINT[];
BEGIN
    PERFORM rolecall_refuse_non_admin('grant access');
    IF access IS NULL OR access NOT IN ('admin', 'recruiter', 'hiring_manager', 'interviewer') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown access role %s (admin, recruiter, hiring-manager, interviewer)', access);
    END IF;
    PERFORM rolecall_check_login(who);
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = who) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('%s is a superuser and sees everything whatever its access role', who);
    END IF;
    PERFORM rolecall_check_manageable(who);
    IF access = 'hiring_manager' AND COALESCE(cardinality(slugs), 0) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'a hiring manager sees only the roles granted: name them with --roles SLUG…';
    END IF;
    IF access <> 'hiring_manager' AND COALESCE(cardinality(slugs), 0) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('--roles is for hiring managers; %s sees every role it needs', replace(access, '_', ' '));
    END IF;
    ids := rolecall_roles_named(COALESCE(slugs, '{}'));
    FOREACH r IN ARRAY ARRAY['admin', 'recruiter', 'hiring_manager', 'interviewer'] LOOP
        IF r <> access AND rolecall_member_of(who, r) THEN
            EXECUTE format('REVOKE %I FROM %I', 'rolecall_' || r, who);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'rolecall_' || access, who);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', current_schema(), who);
    IF access <> 'hiring_manager' THEN
        DELETE FROM access_roles WHERE login = who;
    END IF;
    INSERT INTO access_roles (login, family_id) SELECT who, unnest(ids) ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION rolecall_revoke_access(who TEXT, slugs TEXT[]) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER AS $$
DECLARE
    r TEXT;
BEGIN
    PERFORM rolecall_refuse_non_admin('revoke access');
    PERFORM rolecall_check_login(who);
    PERFORM rolecall_check_manageable(who);
    IF COALESCE(cardinality(slugs), 0) > 0 THEN
        DELETE FROM access_roles WHERE login = who AND family_id = ANY(rolecall_roles_named(slugs));
        RETURN;
    END IF;
    FOREACH r IN ARRAY ARRAY['admin', 'recruiter', 'hiring_manager', 'interviewer'] LOOP
        IF rolecall_member_of(who, r) THEN
            EXECUTE format('REVOKE %I FROM %I', 'rolecall_' || r, who);
        END IF;
    END LOOP;
    DELETE FROM access_roles WHERE login = who;
END
$$;

-- Every function above searches rolecall's schema and then the temporary one (as 0014).
DO $$
DECLARE
    f REGPROCEDURE;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace
          AND p.proname IN ('rolecall_owner_session', 'rolecall_xact', 'rolecall_check_writer', 'rolecall_event_written',
                            'rolecall_log_written', 'rolecall_application_change_logged', 'rolecall_batch_written',
                            'rolecall_candidate_change_logged',
                            'rolecall_check_manageable', 'rolecall_grant_access', 'rolecall_revoke_access')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

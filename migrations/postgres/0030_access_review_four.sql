-- Who may write what, the re-review of 0029 (issue 19): the twin of
-- ../0030_access_review_four.sql. For every login but the tables' owner:
--
-- 1. An event recording a change follows the log: it starts where the application's
--    previous event left it (from_stage_id, from_status), ends where the application is
--    now (to_stage_id, to_status), changes something (a level change its level), and its
--    kind says what (hired: to hired, rejected: to rejected, withdrawn: to withdrawn,
--    held: to on hold, resumed and reopened: to active). A trivial write of the row no
--    longer lets a login append a hire that never happened.
-- 2. "Written in this transaction" also holds for a row written in a savepoint of it
--    (psql's ON_ERROR_ROLLBACK): a row this transaction sees whose writer is still in
--    progress is its own.
-- 3. An application's stage and level are of its role; its version only goes up by one;
--    it is hired only at an Offer stage.

CREATE OR REPLACE FUNCTION rolecall_written_now(row_xmin xid) RETURNS BOOLEAN LANGUAGE sql VOLATILE AS $$
    SELECT row_xmin = pg_current_xact_id_if_assigned()::xid
        OR (pg_current_xact_id_if_assigned() IS NOT NULL
            AND pg_xact_status(((pg_current_xact_id()::text::bigint >> 32) << 32 | row_xmin::text::bigint)::text::xid8)
                = 'in progress')
$$;

CREATE FUNCTION rolecall_change_event_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    app applications%ROWTYPE;
    before events%ROWTYPE;
BEGIN
    IF rolecall_owner_session() OR NEW.application_id IS NULL
       OR NEW.kind NOT IN ('moved', 'rejected', 'withdrawn', 'held', 'resumed', 'reopened', 'hired', 'level_changed') THEN
        RETURN NEW;
    END IF;
    SELECT * INTO app FROM applications a WHERE a.id = NEW.application_id;
    SELECT * INTO before FROM events e
     WHERE e.application_id = NEW.application_id AND e.to_stage_id IS NOT NULL
     ORDER BY e.id DESC LIMIT 1;
    IF NOT FOUND OR NEW.from_stage_id IS DISTINCT FROM before.to_stage_id
       OR NEW.from_status IS DISTINCT FROM before.to_status
       OR NEW.to_stage_id IS DISTINCT FROM app.stage_id OR NEW.to_status IS DISTINCT FROM app.status
       OR (NEW.kind = 'level_changed' AND (NEW.to_level_id IS DISTINCT FROM app.level_id
                                            OR NEW.from_level_id IS NOT DISTINCT FROM NEW.to_level_id))
       OR (NEW.kind <> 'level_changed' AND (NEW.from_stage_id, NEW.from_status) = (NEW.to_stage_id, NEW.to_status))
       OR NEW.to_status IS DISTINCT FROM (CASE NEW.kind
              WHEN 'hired' THEN 'hired' WHEN 'rejected' THEN 'rejected' WHEN 'withdrawn' THEN 'withdrawn'
              WHEN 'held' THEN 'on_hold' WHEN 'resumed' THEN 'active' WHEN 'reopened' THEN 'active'
              ELSE NEW.to_status END) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a %s event of application %s says what changed: from where its previous event left it '
                             '(%s, %s) to where it is now (%s, %s)', NEW.kind, NEW.application_id,
                             before.to_stage_id, before.to_status, app.stage_id, app.status);
    END IF;
    RETURN NEW;
END
$$;
-- After events_written_as_rolecall (0029), which checks the row was changed at all.
CREATE TRIGGER events_written_as_rolecall_change BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION rolecall_change_event_checked();

CREATE FUNCTION rolecall_application_placed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF rolecall_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.stage_id AND s.family_id = NEW.family_id)
       OR NOT EXISTS (SELECT 1 FROM levels l WHERE l.id = NEW.level_id AND l.family_id = NEW.family_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'an application is on a stage and a level of its own role';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.version IS DISTINCT FROM OLD.version AND NEW.version IS DISTINCT FROM OLD.version + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('a change takes application %s from version %s to %s, not to %s',
                             OLD.id, OLD.version, OLD.version + 1, NEW.version);
    END IF;
    IF NEW.status = 'hired' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'hired')
       AND NOT EXISTS (SELECT 1 FROM stages s WHERE s.id = NEW.stage_id AND s.kind = 'offer') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'an application is hired only at the Offer stage';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_written_as_rolecall_place BEFORE INSERT OR UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION rolecall_application_placed();

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_written_now(xid) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_change_event_checked() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_application_placed() SET search_path = %I, pg_temp', current_schema());
END
$$;

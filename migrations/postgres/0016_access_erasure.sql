-- Who may see what, erasure (issue 19): the twin of ../0016_access_erasure.sql.
--
-- The log is append-only for every login, the admin included: nobody is granted UPDATE
-- on events any more. Erasure scrubs an erased person's event notes through this
-- function, which runs with the owner's rights (the trigger of 0003 still accepts only
-- that scrub) and is refused to anyone who may not erase: the admin, the owner, or a
-- login granted the tables directly before access roles (it could erase before).
CREATE FUNCTION rolecall_scrub_event_notes(person BIGINT, placeholder TEXT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    scrubbed BIGINT;
BEGIN
    IF NOT (rolecall_is_admin()
            OR (rolecall_access() IS NULL AND has_table_privilege(session_user, 'candidates', 'UPDATE'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only an admin may erase a person (%s is %s on this server)', session_user,
                             COALESCE(replace(rolecall_access(), '_', ' '), 'not granted an access role'));
    END IF;
    IF (SELECT erased FROM candidates WHERE id = person) IS NOT TRUE THEN
        RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
            MESSAGE = 'mark the person erased first: only an erased person''s notes may be scrubbed';
    END IF;
    UPDATE events SET note = placeholder
     WHERE candidate_id = person AND note IS NOT NULL AND note <> placeholder AND kind <> 'erased';
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    RETURN scrubbed;
END
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_scrub_event_notes(BIGINT, TEXT) SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
REVOKE UPDATE (note) ON events FROM rolecall_admin;

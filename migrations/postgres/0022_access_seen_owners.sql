-- Who may see what, who runs which role (issue 19): the twin of
-- ../0022_access_seen_owners.sql.
--
-- A hiring manager or an interviewer saw who runs every role (role_owner_sets and
-- role_owner_people, issue 16), while the roles themselves were hidden from them. They
-- now read them like the other tables of 0021: views of rolecall_seen over functions with
-- the owner's rights, the owners of the roles they see (a hiring manager's granted roles,
-- an interviewer's applications' roles), and no privilege on the tables. Neither role
-- writes them.

CREATE FUNCTION rolecall_seen.role_owner_sets_rows() RETURNS SETOF role_owner_sets
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 AS $$
BEGIN
    RETURN QUERY SELECT r.* FROM role_owner_sets r WHERE r.family_id IN (SELECT f.id FROM rolecall_seen.families_rows() f);
END
$$;

CREATE FUNCTION rolecall_seen.role_owner_people_rows() RETURNS SETOF role_owner_people
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 AS $$
BEGIN
    RETURN QUERY SELECT p.* FROM role_owner_people p
                  WHERE p.set_id IN (SELECT r.id FROM role_owner_sets r
                                     WHERE r.family_id IN (SELECT f.id FROM rolecall_seen.families_rows() f));
END
$$;

CREATE VIEW rolecall_seen.role_owner_sets AS SELECT * FROM rolecall_seen.role_owner_sets_rows();
CREATE VIEW rolecall_seen.role_owner_people AS SELECT * FROM rolecall_seen.role_owner_people_rows();
CREATE TRIGGER refuse_insert INSTEAD OF INSERT ON rolecall_seen.role_owner_sets
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();
CREATE TRIGGER refuse_update INSTEAD OF UPDATE ON rolecall_seen.role_owner_sets
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();
CREATE TRIGGER refuse_delete INSTEAD OF DELETE ON rolecall_seen.role_owner_sets
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();
CREATE TRIGGER refuse_insert INSTEAD OF INSERT ON rolecall_seen.role_owner_people
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();
CREATE TRIGGER refuse_update INSTEAD OF UPDATE ON rolecall_seen.role_owner_people
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();
CREATE TRIGGER refuse_delete INSTEAD OF DELETE ON rolecall_seen.role_owner_people
    FOR EACH ROW EXECUTE FUNCTION rolecall_seen.refuse_change();

REVOKE ALL ON role_owner_sets, role_owner_people FROM rolecall_hiring_manager, rolecall_interviewer;
GRANT SELECT ON rolecall_seen.role_owner_sets, rolecall_seen.role_owner_people
    TO rolecall_hiring_manager, rolecall_interviewer;

REVOKE ALL ON FUNCTION rolecall_seen.role_owner_sets_rows(), rolecall_seen.role_owner_people_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rolecall_seen.role_owner_sets_rows(), rolecall_seen.role_owner_people_rows()
    TO rolecall_hiring_manager, rolecall_interviewer;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION rolecall_seen.role_owner_sets_rows() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION rolecall_seen.role_owner_people_rows() SET search_path = %I, pg_temp', current_schema());
END
$$;

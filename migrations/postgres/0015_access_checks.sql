-- Who may see what, tighter (issue 19): the twin of ../0015_access_checks.sql.

-- A hiring manager may move an application only to a stage, and change it only to a
-- level, of the application's own role (granted to them): with psql they could otherwise
-- point it at another role's stage, which rolecall's own checks would never allow.
ALTER POLICY granted_roles_change ON applications
    USING (family_id IN (SELECT g.family_id FROM access_roles g WHERE g.login = session_user::text))
    WITH CHECK (family_id IN (SELECT g.family_id FROM access_roles g WHERE g.login = session_user::text)
                AND stage_id IN (SELECT s.id FROM stages s WHERE s.family_id = applications.family_id)
                AND level_id IN (SELECT l.id FROM levels l WHERE l.family_id = applications.family_id));

-- Who manages which role is the admins' and recruiters' to read: a hiring manager or an
-- interviewer sees only their own grants.
ALTER TABLE access_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_grants ON access_roles FOR SELECT
    USING (login = session_user::text OR NOT (SELECT rolecall_restricted()));

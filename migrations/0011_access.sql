-- Who may see what on a team server (issue 19). The access roles themselves (admin,
-- recruiter, hiring manager, interviewer), their grants and row-level security are
-- PostgreSQL's (the twin in postgres/ holds them): a SQLite file has one user, and access
-- to it is the file's permission (0600). The table is here so both schemas stay one.
--
-- The roles a hiring manager is granted (`rolecall access grant NAME hiring-manager
-- --roles SLUG…`): one row per login and role.
CREATE TABLE access_roles (
    id          INTEGER PRIMARY KEY,
    login       TEXT NOT NULL,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    UNIQUE (login, family_id)
);

//! Issue 19's team on a throw-away server: admin adam, recruiter rita, hank hiring
//! manager of the director role, ivan interviewer scheduled on Cy's application; Ada
//! applied to the other role. And psql as one of them, refused or allowed.

use super::logins::Server;

pub const ITPMO: &str = "it-program-management-office";
pub const DIRECTOR: &str = "director-it-operations";
/// Far from the server's clock: rolecall as a login in an access role still writes.
pub const NOW: &str = "2026-07-03T10:00:00Z";

/// `sql` as `who` fails with a refusal containing `words`.
pub fn refused(s: &Server, who: &str, sql: &str, words: &str) {
    match s.psql(who, sql) {
        Err(e) => assert!(e.contains(words), "{who}: {sql}: {e}"),
        Ok(rows) => panic!("{who} may not run {sql}, yet got: {rows:?}"),
    }
}

/// `sql` as `who` succeeds: its rows.
pub fn allowed(s: &Server, who: &str, sql: &str) -> String {
    s.psql(who, sql).unwrap_or_else(|e| panic!("{who}: {sql}: {e}"))
}

/// An event of `kind` on `app` as the session's login, saying it went from `from` (SQL
/// of a stage id and a status) to where the application is now.
pub fn event(app: &str, kind: &str, from: &str, extra: (&str, &str)) -> String {
    format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, note{})
         SELECT now(), session_user, '{kind}', candidate_id, id, {from}, stage_id, status, status, 'psql'{}
         FROM applications WHERE id = {app} RETURNING id",
        extra.0, extra.1
    )
}

/// The team, and Cy's interview with ivan on 2026-07-04. Returns (ada's application, cy's
/// application, dee's application).
pub fn set_up(s: &Server) -> (String, String, String) {
    s.json("postgres", &["roles"]);
    for who in ["adam", "rita", "hank", "ivan"] {
        s.create_login(who);
    }
    for (who, access) in [("adam", "admin"), ("rita", "recruiter"), ("ivan", "interviewer")] {
        s.json("postgres", &["access", "grant", &s.name(who), access]);
    }
    s.json("postgres", &["access", "grant", &s.name("hank"), "hiring-manager", "--roles", DIRECTOR]);
    let apply = |name: &str, role: &str, level: &str| {
        let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
        s.json("rita", &["candidate", "add", name, "--email", &email]);
        let applied = s.json("rita", &["apply", &email, "--role", role, "--level", level]);
        applied["application"]["id"].as_i64().unwrap_or_else(|| panic!("{applied}")).to_string()
    };
    let ada = apply("Ada Lovelace", ITPMO, "Senior IT Program Manager");
    let cy = apply("Cy Young", DIRECTOR, "Sr. Director");
    let dee = apply("Dee Dee", DIRECTOR, "Sr. Director");
    s.json(
        "rita",
        &["schedule", &cy, "--at", "2026-07-04 14:00", "--tz", "UTC", "--interviewer", &s.name("ivan")],
    );
    (ada, cy, dee)
}

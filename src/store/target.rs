//! Opening what `--db` / `ROLECALL_DB` names: a `postgres://` or `postgresql://` URL opens
//! a server (connected, then migrated), anything else a SQLite file.

use super::{Result, Store, StoreError};
use std::path::Path;

/// True when `target` names a PostgreSQL server rather than a file.
pub fn is_server_url(target: &str) -> bool {
    let lower = target.get(..13).unwrap_or(target).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// `target` as it may be shown: a URL with its password hidden, a path as it is.
pub fn shown(target: &str) -> String {
    #[cfg(feature = "postgres")]
    if is_server_url(target) {
        return super::pg::redacted(target);
    }
    target.to_string()
}

impl Store {
    /// Open the database `target` names: a server URL or a file path (see [`is_server_url`]).
    pub fn open_target(target: &str) -> Result<Self> {
        if is_server_url(target) {
            return Self::open_server(target);
        }
        Self::open(Path::new(target))
    }

    /// Connect to the server at `url`, migrate it, and record the login as the actor.
    #[cfg(feature = "postgres")]
    pub fn open_server(url: &str) -> Result<Self> {
        use super::sql::SqlExt;
        let mut client = super::pg::connect(url)?;
        // Times without a zone (a bare date) mean UTC, as on SQLite.
        client.batch_execute("SET TIME ZONE 'UTC'")?;
        // A team member's login may read and write but not create tables: an up-to-date
        // database is not migrated at all (and a newer one refused before anything else).
        let found = match super::pg::schema_version(&mut client) {
            Err(StoreError::Denied(_)) => return Err(no_access(&mut client)),
            other => other?,
        };
        if found > super::pg::LATEST_VERSION {
            return Err(StoreError::SchemaTooNew { found, supported: super::pg::LATEST_VERSION });
        }
        if found < super::pg::LATEST_VERSION {
            super::pg::migrate(&mut client)?;
        }
        // A hiring manager or an interviewer may not read the tables themselves: they read
        // the views of the schema rolecall_seen, their rows only (migrations/postgres/
        // 0021_access_seen.sql); an interviewer's `candidates` is the view without contact
        // details in front of those (0011).
        let row = client.query_one("SELECT rolecall_access(), rolecall_owner_session()", &[])?;
        let (access, owner): (Option<String>, bool) = (row.get(0), row.get(1));
        let seen = match access.as_deref() {
            Some("interviewer") => "rolecall_contactless, rolecall_seen, ",
            Some("hiring_manager") => "rolecall_seen, ",
            _ => "",
        };
        if !seen.is_empty() {
            client.execute(
                "SELECT set_config('search_path', $1 || current_setting('search_path'), false)",
                &[&seen],
            )?;
        }
        // The restricted logins' policies make the planner overestimate a board's cost and
        // compile it with JIT: 0.75 s of an interviewer's 0.85 s board (40 ms without).
        if matches!(access.as_deref(), Some("interviewer" | "hiring_manager")) {
            client.batch_execute("SET jit = off")?;
        }
        let pg = super::sql::PgConn::new(client);
        let actor: String = pg.query_value("SELECT session_user::text", &[])?;
        Ok(Store {
            backend: super::handle::Backend::Postgres(Box::new(pg)),
            clock: Box::new(crate::domain::SystemClock),
            clock_set: false,
            server_clock: access.is_some() && !owner,
            actor,
            path: None,
            url: Some(url.to_string()),
            request: None,
        })
    }

    /// Without the `postgres` feature a server URL is refused in one line.
    #[cfg(not(feature = "postgres"))]
    pub fn open_server(url: &str) -> Result<Self> {
        let _ = url;
        Err(StoreError::Invalid(
            "this rolecall was built without PostgreSQL support (cargo feature `postgres`); use a file"
                .into(),
        ))
    }
}

/// A login the server lets in that may not read rolecall's tables (issue 19).
#[cfg(feature = "postgres")]
fn no_access(client: &mut postgres::Client) -> StoreError {
    let login: String = client
        .query_one("SELECT session_user::text", &[])
        .map(|r| r.get(0))
        .unwrap_or_else(|_| "this login".into());
    StoreError::Denied(format!(
        "{login} has no access role in this rolecall database; an admin grants one with \
         `rolecall access grant {login} admin|recruiter|hiring-manager|interviewer`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_server_url("postgres://a@h/d"));
        assert!(is_server_url("PostgreSQL://h/d"));
        assert!(!is_server_url("postgres.db"));
        assert!(!is_server_url("./postgres://x"));
        assert!(!is_server_url(""));
    }
}

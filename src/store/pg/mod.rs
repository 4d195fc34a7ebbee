//! The PostgreSQL backend's ground floor (a team server, issue 15): connecting from a
//! `postgres://` URL with libpq's defaults and password sources, and the PostgreSQL twin
//! of the migrations (`migrations/postgres/`). `Store` does not use it yet.
//!
//! Only `store/` names the `postgres` crate, as only it names `rusqlite`.

mod backup;
mod config;
pub mod doctor;
mod error;
mod migrate;
mod pgpass;
mod purge;
mod restore;
pub mod tls;
mod transfer;

pub use backup::backup_to_file;
pub use config::{DEFAULT_SOCKET_DIR, Environment, redacted, resolve, resolve_tls};
pub use error::PgError;
pub use migrate::{LATEST_VERSION, MIGRATIONS, migrate, run_each, schema_version};
pub use purge::{PERSONAL_TABLES, PurgeReport, purge};
pub use restore::restore_from_file;

/// A connection to a PostgreSQL server (the synchronous client).
pub type Client = postgres::Client;

/// Connect to the server `url` names, filling what it leaves out from the environment as
/// libpq does (see [`resolve`]), with TLS as `sslmode` asks (see [`tls`]).
pub fn connect(url: &str) -> Result<Client, PgError> {
    connect_with(url, &Environment::from_process())
}

/// [`connect`] with an explicit environment.
pub fn connect_with(url: &str, env: &Environment) -> Result<Client, PgError> {
    let (config, tls) = resolve_tls(url, env)?;
    let connector = tls::connector(&tls, env.home.as_deref())?;
    config
        .connect(connector)
        .map_err(|e| PgError::Connect { url: redacted(url), reason: error::one_line(&e) })
}

/// Refuse `what` (a backup, doctor: they need every row) to a hiring manager or an
/// interviewer (issue 19), who would get a part of the database and a misleading answer.
pub(crate) fn refuse_restricted(client: &mut Client, what: &str) -> crate::store::Result<()> {
    use crate::domain::access::Access;
    let known: bool = client.query_one("SELECT to_regproc('rolecall_access') IS NOT NULL", &[])?.get(0);
    if !known {
        return Ok(());
    }
    let access: Option<String> = client.query_one("SELECT rolecall_access()", &[])?.get(0);
    match access.as_deref().and_then(Access::parse) {
        Some(a @ (Access::HiringManager | Access::Interviewer)) => Err(crate::store::StoreError::Denied(
            format!("{}; {what} needs every row: ask an admin or a recruiter", a.may()),
        )),
        _ => Ok(()),
    }
}

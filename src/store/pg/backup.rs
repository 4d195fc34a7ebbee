//! `rolecall backup FILE` from a server: one consistent snapshot of the server database
//! (a REPEATABLE READ, READ ONLY transaction) written as a rolecall SQLite file — the
//! schema made by the SQLite migrations, every row with its id — through a temporary
//! file renamed into place, as a SQLite backup is. `restore` reads such a file back, on
//! either backend.

use super::transfer::{self, server};
use crate::store::backup::{BackupSummary, finish_file, write_new_file};
use crate::store::{LATEST_VERSION, Result, StoreError};
use postgres::{Client, GenericClient, IsolationLevel};
use rusqlite::Connection;
use std::path::Path;

/// Write the server database `client` is connected to into a new SQLite file at `dest`
/// (mode 0600); an existing `dest` is replaced only with `replace`.
pub fn backup_to_file(client: &mut Client, dest: &Path, replace: bool) -> Result<BackupSummary> {
    refuse_other_version(client)?;
    super::refuse_restricted(client, "a backup")?;
    write_new_file(dest, replace, |partial| {
        let mut snapshot = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(server)?;
        dump_to_file(&mut snapshot, partial)?;
        snapshot.commit().map_err(server)
    })
}

/// The server's rows into a new SQLite database at `path` (made by the migrations),
/// verified and closed. Returns the rows copied per table.
pub(super) fn dump_to_file(client: &mut impl GenericClient, path: &Path) -> Result<Vec<(String, u64)>> {
    let mut conn = Connection::open(path)?;
    // The file is flushed once, whole, when it is renamed into place.
    conn.pragma_update(None, "synchronous", "OFF")?;
    crate::store::migrate::migrate(&mut conn)?;
    let copied = transfer::dump(client, &mut conn)?;
    finish_file(conn)?;
    Ok(copied)
}

/// Refuse a server database that is not at this build's schema version (any other
/// command brings an older one up to date).
pub(super) fn refuse_other_version(client: &mut Client) -> Result<()> {
    let found = super::schema_version(client)?;
    match found {
        0 => Err(StoreError::UnknownSchema(
            "the server database holds no rolecall data (no record of rolecall's migrations)".into(),
        )),
        v if v > LATEST_VERSION => Err(StoreError::SchemaTooNew { found: v, supported: LATEST_VERSION }),
        v if v < LATEST_VERSION => Err(StoreError::UnknownSchema(format!(
            "the server database is at schema version {v}, older than {LATEST_VERSION}; any other rolecall \
             command upgrades it"
        ))),
        _ => Ok(()),
    }
}

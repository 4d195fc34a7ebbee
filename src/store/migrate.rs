//! A small migration runner on `PRAGMA user_version` (the migrations are listed in
//! `migrations.rs`).

use super::migrations::{LATEST_VERSION, MIGRATIONS};
use super::{Result, StoreError};
use rusqlite::Connection;

/// Bring the database up to `LATEST_VERSION`, each migration in its own transaction.
/// A database from a newer build is refused untouched.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    // A file whose version does not match its tables would fail half-way through a
    // migration (or any later query) with SQLite's own words: refuse it in one line.
    super::schema_check::refuse_unknown(conn)?;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= user_version(conn)? {
            continue;
        }
        // Under the write lock, look again: another process opening the same new
        // database may have applied this migration while we waited.
        let tx = super::retry::begin_immediate(conn)?;
        refuse_newer(&tx)?;
        if version <= user_version(&tx)? {
            continue;
        }
        tx.execute_batch(sql).map_err(|e| {
            tracing::error!("migration {name} failed: {e}");
            e
        })?;
        tx.pragma_update(None, "user_version", version)?;
        super::retry::commit(tx)?;
    }
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuse a database written by a newer rolecall before anything touches it.
pub fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > LATEST_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: LATEST_VERSION });
    }
    Ok(())
}

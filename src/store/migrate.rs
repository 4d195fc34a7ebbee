//! A small migration runner on `PRAGMA user_version`.

use super::{Result, StoreError};
use rusqlite::Connection;

/// The migrations, in order; index + 1 is the schema version each one produces. Each has
/// a PostgreSQL twin of the same name in `migrations/postgres/` (`store::pg`), which
/// tests/pg_schema.rs holds to the same schema.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    ("0002_interviews", include_str!("../../migrations/0002_interviews.sql")),
    ("0003_erasure", include_str!("../../migrations/0003_erasure.sql")),
    ("0004_performance", include_str!("../../migrations/0004_performance.sql")),
    ("0005_one_open_application", include_str!("../../migrations/0005_one_open_application.sql")),
];

/// The schema version this build creates and understands.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

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

/// Run every migration in turn on a fresh connection, without transactions, calling
/// `after` with each version reached (to build the expected shape of each version).
pub(crate) fn run_each(conn: &Connection, mut after: impl FnMut(i64) -> Result<()>) -> Result<()> {
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate() {
        conn.execute_batch(sql)?;
        after(index as i64 + 1)?;
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

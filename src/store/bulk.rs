//! Bulk loading (the demo generator): many rows in one transaction, on either backend
//! (the inserts themselves are in `bulk_writer.rs`). The caller supplies ids, so rows can
//! reference each other without a read-back per insert, and states already consistent
//! with their events; the schema's checks and triggers still apply to every row.

use super::bulk_writer::{BulkWriter, FILLED};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};

/// Page cache for the load (KiB). The rows go in id order, so a load touches only the
/// ends of its tables, and the indexes are rebuilt by sorts whose in-memory share SQLite
/// sizes from this cache too: it bounds the load's memory whatever its size (about
/// 150 MB at 100,000 or 1,000,000 candidates; 256 MiB gave 357 and 558 MB).
const LOAD_CACHE_KIB: i64 = 64 * 1024;

impl Store {
    /// Run `load` in one write transaction: everything it writes is committed together
    /// when it returns `Ok`, and nothing when it fails.
    ///
    /// On SQLite, for speed, foreign keys are not checked during the load (the caller's
    /// ids are consistent by construction; the demo's tests run `foreign_key_check` on
    /// its output), and when the load brings more events than the log holds, the indexes
    /// of the tables it fills are dropped and rebuilt at the end, inside the transaction:
    /// one sort per index instead of a million random B-tree inserts. On PostgreSQL the
    /// tables it fills are locked against other writers for the load (the ids it hands
    /// out stay free), rows go many per statement, and the id sequences are moved past
    /// the new rows at the end, so the next row a user adds gets a fresh id.
    pub fn bulk_load<T>(
        &mut self,
        expected_events: u64,
        load: impl FnOnce(&mut BulkWriter<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.dialect() == Dialect::Postgres {
            return self.load_in_transaction(expected_events, load);
        }
        let db = self.db();
        let previous: i64 = db.query_value("PRAGMA cache_size", &[])?;
        db.batch(&format!("PRAGMA cache_size = {}", -LOAD_CACHE_KIB))?;
        // Only takes effect outside a transaction, hence here.
        db.batch("PRAGMA foreign_keys = OFF")?;
        let journal = RollbackJournal::enter(db, expected_events)?;
        let result = self.load_in_transaction(expected_events, load);
        let db = self.db();
        let back = journal.leave(db);
        db.batch("PRAGMA foreign_keys = ON")?;
        // Give the memory back: the TUI or a later command must stay small.
        db.batch(&format!("PRAGMA cache_size = {previous}"))?;
        let value = result?;
        back?;
        Ok(value)
    }

    fn load_in_transaction<T>(
        &mut self,
        expected_events: u64,
        load: impl FnOnce(&mut BulkWriter<'_>) -> Result<T>,
    ) -> Result<T> {
        // `write` may run its closure again after a conflict on PostgreSQL; the load
        // cannot be run twice, and the tables are locked first, so that is not expected.
        let mut load = Some(load);
        self.write(|tx| {
            let load = load
                .take()
                .ok_or_else(|| StoreError::Busy("the bulk load conflicted with another writer; run it again".into()))?;
            let rebuild = match tx.dialect() {
                Dialect::Postgres => {
                    refuse_unless_owner(tx)?;
                    tx.batch(&format!("LOCK TABLE {} IN EXCLUSIVE MODE", FILLED.join(", ")))?;
                    Vec::new()
                }
                Dialect::Sqlite => {
                    let existing: i64 = tx.query_value("SELECT COUNT(*) FROM events", &[])?;
                    if (existing.max(0) as u64) < expected_events { drop_indexes(tx)? } else { Vec::new() }
                }
            };
            let mut writer = BulkWriter::new(tx);
            let value = load(&mut writer)?;
            writer.flush()?;
            for sql in &rebuild {
                tx.batch(sql)?;
            }
            if tx.dialect() == Dialect::Postgres {
                for table in FILLED {
                    tx.query_value::<i64>(
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) \
                             FROM {table}"
                        ),
                        &[],
                    )?;
                }
            }
            Ok(value)
        })
    }
}

/// A big load into a SQLite file in WAL mode writes every new page twice: into the WAL
/// at commit, then into the database by the checkpoint (and pages the cache spills
/// mid-load go to the WAL and are read back from it). With a rollback journal, pages
/// past the file's size at the start need no journal, so the new data is written once,
/// still atomically (a failure or crash rolls back to the old pages). The switch needs
/// the file to itself: when another connection has it open the load stays in WAL.
struct RollbackJournal {
    switched: bool,
}

impl RollbackJournal {
    /// Leave WAL for a rollback journal if the load brings more events than the log holds.
    fn enter(db: &dyn Sql, expected_events: u64) -> Result<Self> {
        let existing: i64 = db.query_value("SELECT COUNT(*) FROM events", &[])?;
        if (existing.max(0) as u64) >= expected_events {
            return Ok(RollbackJournal { switched: false });
        }
        let was: String = db.query_value("PRAGMA journal_mode", &[])?;
        if !was.eq_ignore_ascii_case("wal") {
            return Ok(RollbackJournal { switched: false });
        }
        // Refused (busy, or still "wal") while another connection has the file open: ask
        // once instead of waiting out the busy timeout, and load in WAL then.
        let timeout: i64 = db.query_value("PRAGMA busy_timeout", &[])?;
        db.batch("PRAGMA busy_timeout = 0")?;
        let now: String = db.query_value("PRAGMA journal_mode = DELETE", &[]).unwrap_or(was);
        db.batch(&format!("PRAGMA busy_timeout = {timeout}"))?;
        let switched = now.eq_ignore_ascii_case("delete");
        if !switched {
            tracing::debug!("another connection has the database open: the bulk load stays in WAL");
        }
        Ok(RollbackJournal { switched })
    }

    /// Back to WAL, as every connection expects (`open::configure`).
    fn leave(self, db: &dyn Sql) -> Result<()> {
        if self.switched {
            let _mode: String = db.query_value("PRAGMA journal_mode = WAL", &[])?;
        }
        Ok(())
    }
}

/// Drop the declared indexes of the tables a load fills (SQLite); returns their definitions.
fn drop_indexes(tx: &dyn Sql) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = tx.query_rows(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN ('candidates', 'applications', 'events', 'interviews', 'interview_scores')",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (name, _) in &indexes {
        tx.batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// A bulk load gives its rows their ids, which on a server only the tables' owner may
/// (migrations/postgres/0032): say so before anything is locked or written.
fn refuse_unless_owner(tx: &dyn Sql) -> Result<()> {
    if tx.query_value::<bool>("SELECT rolecall_owner_session()", &[])? {
        return Ok(());
    }
    let owner: String = tx.query_value(
        "SELECT tableowner::text FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'events'",
        &[],
    )?;
    Err(StoreError::Denied(format!(
        "a generated load on a server writes every table as rolecall's data: connect as the owner of \
         rolecall's tables ({owner}) to run it"
    )))
}

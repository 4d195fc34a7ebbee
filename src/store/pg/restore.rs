//! `rolecall restore FILE` into a server: a rolecall SQLite file (a backup from either
//! backend, brought up to date like any old file) replaces the server's rows, with the
//! refusals of a SQLite restore — work on the server that the file lacks is not thrown
//! away without `--force` — in ONE transaction that holds every table locked, so users
//! see the server as it was or as restored, never half. What the server held is first
//! saved as a SQLite file beside the backup (`<database>.before-restore-<time>`). The
//! identity sequences are then set past the restored ids.

use super::backup::dump_to_file;
use super::transfer::{self, server};
use crate::store::backup::{copy_file_db, summarize, write_new_file};
use crate::store::restore::{RestoreError, RestoreReport, would_lose};
use crate::store::restore_check::{Loss, work_not_in_backup};
use crate::store::{Result, StoreError};
use postgres::{Client, Transaction};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Replace the server database `client` is connected to with the backup at `backup`.
/// The safety copy of what the server held goes into `safety_dir`.
pub fn restore_from_file(
    client: &mut Client,
    backup: &Path,
    force: bool,
    safety_dir: &Path,
) -> std::result::Result<RestoreReport, RestoreError> {
    crate::store::schema_check::validate_backup(backup)?;
    let restored = summarize(backup)?;
    super::migrate(client).map_err(|e| StoreError::Other(e.to_string()))?;
    // The backup, brought up to this build's schema, in a file of its own (removed after).
    let working = Scratch(safety_dir.join(crate::store::leftovers::backup_partial_name("restore-source")));
    copy_file_db(backup, &working.0)?;
    let mut source = Connection::open(&working.0).map_err(StoreError::from)?;
    crate::store::migrate::migrate(&mut source)?;
    let tables = transfer::table_order(&source)?;
    let mut tx = client.transaction().map_err(server)?;
    lock_all(&mut tx, &tables)?;
    let had_rows = has_rows(&mut tx, &tables)?;
    let (safety_copy, discarded) = if had_rows {
        let name = format!("{}.before-restore", current_database(&mut tx)?);
        let path = free_name(&safety_dir.join(name));
        write_new_file(&path, false, |p| dump_to_file(&mut tx, p).map(|_| ()))?;
        let discarded = work_not_in_backup(&path, &working.0).map_err(|error| kept(error, &path))?;
        if !discarded.is_empty() && !force {
            let _ = std::fs::remove_file(&path);
            return Err(would_lose(&discarded, &restored).into());
        }
        (Some(path), discarded)
    } else {
        (None, Loss::default())
    };
    let replaced =
        replace_rows(&mut tx, &tables, &source, had_rows).and_then(|()| tx.commit().map_err(server));
    if let Err(error) = replaced {
        return Err(RestoreError { error, safety_copy });
    }
    Ok(RestoreReport { restored, safety_copy, discarded_events: discarded.events, discarded })
}

/// A failure after the safety copy at `path` was made.
fn kept(error: StoreError, path: &Path) -> RestoreError {
    RestoreError { error, safety_copy: Some(path.to_path_buf()) }
}

/// Empty the tables (when they hold anything), load the backup's rows, set the sequences.
fn replace_rows(tx: &mut Transaction, tables: &[String], source: &Connection, had_rows: bool) -> Result<()> {
    if had_rows {
        empty_tables(tx, tables)?;
    }
    // A time the file holds without a zone is UTC, as rolecall reads it on SQLite.
    tx.batch_execute("SET LOCAL TimeZone = 'UTC'").map_err(server)?;
    transfer::load(tx, source)?;
    transfer::reset_sequences(tx, tables)
}

/// Every table locked against readers and writers until the transaction ends. Taken
/// before anything is read, so what is read is what is replaced.
fn lock_all(tx: &mut Transaction, tables: &[String]) -> Result<()> {
    tx.batch_execute(&format!("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE", tables.join(", ")))
        .map_err(|e| refused_or(e, "lock rolecall's tables"))
}

fn has_rows(tx: &mut Transaction, tables: &[String]) -> Result<bool> {
    let any: Vec<String> = tables.iter().map(|t| format!("EXISTS (SELECT 1 FROM {t})")).collect();
    let row = tx.query_one(&format!("SELECT {}", any.join(" OR ")), &[]).map_err(server)?;
    Ok(row.get(0))
}

fn current_database(tx: &mut Transaction) -> Result<String> {
    Ok(tx.query_one("SELECT current_database()::text", &[]).map_err(server)?.get(0))
}

/// Remove every row. The log's guard against TRUNCATE is lifted for this one statement
/// (inside the transaction; it is back before anyone else can see the tables), which
/// needs the tables' owner.
fn empty_tables(tx: &mut Transaction, tables: &[String]) -> Result<()> {
    let owner: Option<(bool, String)> = tx
        .query_opt(
            "SELECT pg_has_role(current_user, tableowner, 'USAGE'), tableowner::text FROM pg_tables
              WHERE schemaname = current_schema() AND tablename = 'events'",
            &[],
        )
        .map_err(server)?
        .map(|r| (r.get(0), r.get(1)));
    if let Some((false, owner)) = owner {
        return Err(StoreError::Other(format!(
            "replacing the server's data needs the owner of rolecall's tables ({owner}); connect as \
             {owner} (or a superuser) to restore"
        )));
    }
    // Every append-only table refuses TRUNCATE with a statement trigger (the events; the
    // pipeline edits, handbook notices and acknowledgements; the owner changes …): found
    // in the catalogue, so a later migration's log is covered too.
    let guards: Vec<(String, String)> = tx
        .query(
            "SELECT c.relname::text, t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                AND (t.tgtype & 32) <> 0 AND c.relname::text = ANY($1)
              ORDER BY 1, 2",
            &[&tables],
        )
        .map_err(server)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let toggle = |how: &str| -> String {
        guards.iter().map(|(t, g)| format!("ALTER TABLE {t} {how} TRIGGER {g};\n")).collect()
    };
    tx.batch_execute(&format!("{}TRUNCATE {};\n{}", toggle("DISABLE"), tables.join(", "), toggle("ENABLE")))
        .map_err(|e| refused_or(e, "empty rolecall's tables"))
}

/// A permission refusal in one clear line; any other failure as the server said it.
fn refused_or(e: postgres::Error, what: &str) -> StoreError {
    match e.code() {
        Some(c) if *c == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => StoreError::Other(format!(
            "this login may not {what} ({}); restore as the tables' owner or a superuser",
            super::error::one_line(&e)
        )),
        _ => server(e),
    }
}

/// `base`, or `base-<UTC time>`, `base-<UTC time>-1`, … : the first name not taken.
fn free_name(base: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    (0..)
        .map(|n| match n {
            0 => PathBuf::from(format!("{}-{stamp}", base.display())),
            n => PathBuf::from(format!("{}-{stamp}-{n}", base.display())),
        })
        .find(|p| !p.exists())
        .expect("an unused name")
}

/// A temporary file removed when dropped (with SQLite's journal beside it).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        let _ = std::fs::remove_file(format!("{}-journal", self.0.display()));
    }
}

//! Backup and restore with SQLite's online backup API: a backup is a consistent copy
//! even while other processes write (it copies one read snapshot), and a restore never
//! silently throws away work done since the backup.

use super::files::{create_private, sync_file_and_dir};
use super::{LATEST_VERSION, Result, Store, StoreError, retry};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a backup file holds, for reports and for the restore check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The file.
    pub path: PathBuf,
    /// Events in the log.
    pub events: i64,
    /// The newest event's id, if any.
    pub last_event_id: Option<i64>,
    /// The newest event's time (RFC 3339), if any.
    pub last_event_at: Option<String>,
    /// Schema version.
    pub schema_version: i64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreReport {
    /// The backup restored.
    pub restored: BackupSummary,
    /// Where the database as it was before the restore was saved.
    pub safety_copy: Option<PathBuf>,
    /// Events the database had that the backup did not (lost unless the safety copy is used).
    pub discarded_events: i64,
}

impl Store {
    /// Copy the whole database to `dest` (mode 0600) while others may be writing. The
    /// copy is written beside `dest` and renamed into place, so `dest` is never half
    /// written; an existing `dest` is replaced only with `replace`.
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<BackupSummary> {
        if dest.exists() && !replace {
            return Err(StoreError::Conflict(format!(
                "{} already exists; choose another name or pass --force to replace it",
                dest.display()
            )));
        }
        let name =
            dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
        let partial = dest.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        create_private(&partial).map_err(io("cannot create backup", &partial))?;
        let written = copy_into(&self.conn, &partial);
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, dest).map_err(io("cannot move the backup into place at", dest))?;
        sync_file_and_dir(dest).map_err(io("cannot flush backup", dest))?;
        summarize(dest)
    }
}

/// An I/O error on `path`, for `map_err`.
fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> StoreError + 'p {
    move |source| StoreError::Io { action, path: path.to_path_buf(), source }
}

/// Copy `source` into the new file at `path` in one step (one consistent read snapshot;
/// in WAL mode writers are not blocked meanwhile), then make it a single self-contained
/// file and verify it.
fn copy_into(source: &Connection, path: &Path) -> Result<()> {
    let mut dst = Connection::open(path)?;
    run_backup(source, &mut dst)?;
    let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let check: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Invalid(format!("the backup did not verify: {check}")));
    }
    dst.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    Ok(())
}

/// Copy every page from `from` to `to`, retrying while either side is busy.
fn run_backup(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut backoff = retry::Backoff::new();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if !backoff.pause() => {
                return Err(StoreError::Conflict(
                    "the database stayed busy during the copy; try again in a moment".into(),
                ));
            }
            _ => {}
        }
    }
}

/// Open a backup read-only and check that it is a sound rolecall database.
fn summarize(path: &Path) -> Result<BackupSummary> {
    if !path.is_file() {
        return Err(StoreError::NotFound {
            what: "backup",
            key: path.display().to_string(),
            hint: String::new(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let not_ours = || StoreError::Invalid(format!("{} is not a rolecall database", path.display()));
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| not_ours())?;
    if check != "ok" {
        return Err(StoreError::Invalid(format!("{} is damaged: {check}", path.display())));
    }
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if schema_version > LATEST_VERSION {
        return Err(StoreError::SchemaTooNew { found: schema_version, supported: LATEST_VERSION });
    }
    let (events, last_event_id): (i64, Option<i64>) = conn
        .query_row("SELECT COUNT(*), MAX(id) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|_| not_ours())?;
    let last_event_at = conn.query_row("SELECT MAX(at) FROM events", [], |r| r.get(0)).optional()?.flatten();
    Ok(BackupSummary { path: path.to_path_buf(), events, last_event_id, last_event_at, schema_version })
}

/// Replace the database at `db` with the backup at `backup`.
///
/// Refused, unless `force`, when the database has events the backup lacks (newer
/// work would be lost). The database as it was is first saved beside it as
/// `<db>.before-restore-<time>` (0600), so a restore can itself be undone.
pub fn restore(db: &Path, backup: &Path, force: bool) -> Result<RestoreReport> {
    let restored = summarize(backup)?;
    let mut store = Store::open(db)?;
    let newer = newer_events(&store, &restored)?;
    if newer > 0 && !force {
        return Err(StoreError::Conflict(format!(
            "the database has {newer} events newer than the backup (which ends at {}); restoring would lose them. \
             Pass --force to restore anyway (the current database is kept as a safety copy)",
            restored.last_event_at.as_deref().unwrap_or("its beginning")
        )));
    }
    let safety_copy = if store.event_count()? > 0 {
        let stamp = store.now().format("%Y%m%dT%H%M%SZ");
        // Never replace an earlier safety copy (two restores in the same second).
        let path = (0..)
            .map(|n| match n {
                0 => PathBuf::from(format!("{}.before-restore-{stamp}", db.display())),
                n => PathBuf::from(format!("{}.before-restore-{stamp}-{n}", db.display())),
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| PathBuf::from(format!("{}.before-restore", db.display())));
        store.backup_to(&path, false)?;
        Some(path)
    } else {
        None
    };
    let source = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    run_backup(&source, &mut store.conn)?;
    // A backup from an older rolecall is brought up to date like any old database.
    super::migrate::migrate(&mut store.conn)?;
    Ok(RestoreReport { restored, safety_copy, discarded_events: newer })
}

/// Events in the store that the backup does not have: later ids, or later times.
fn newer_events(store: &Store, backup: &BackupSummary) -> Result<i64> {
    let after_id = backup.last_event_id.unwrap_or(0);
    let after_at = backup.last_event_at.clone().unwrap_or_default();
    Ok(store.conn.query_row(
        "SELECT COUNT(*) FROM events WHERE id > ?1 OR at > ?2",
        rusqlite::params![after_id, after_at],
        |r| r.get(0),
    )?)
}

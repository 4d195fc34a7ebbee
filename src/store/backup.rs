//! Backups with SQLite's online backup API: a backup is a consistent copy even while
//! other processes write (it copies one read snapshot). Restoring one is in `restore.rs`.

use super::files::{create_private, sync_file_and_dir};
use super::{LATEST_VERSION, Result, StoreError, retry};
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

/// Write a rolecall database file at `dest` (mode 0600) through `fill`, which writes a
/// complete, verified database at the temporary path it is given: the file is made
/// beside `dest` and renamed into place, so `dest` is never half written (a killed run
/// leaves a `.…partial` the next run removes). An existing `dest` is replaced only with
/// `replace`; a symbolic link never.
pub(super) fn write_new_file(
    dest: &Path,
    replace: bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<BackupSummary> {
    // Renaming into place would replace the link itself with a file.
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(StoreError::Conflict(format!(
            "{} is a symbolic link; rolecall does not replace links: give the path of the file itself, \
             or another name",
            dest.display()
        )));
    }
    if dest.exists() && !replace {
        return Err(StoreError::Conflict(format!(
            "{} already exists; choose another name or pass --force to replace it",
            dest.display()
        )));
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
    super::leftovers::sweep(super::leftovers::dir_of(dest));
    let partial = dest.with_file_name(super::leftovers::backup_partial_name(&name));
    create_private(&partial).map_err(io("cannot create backup", &partial))?;
    if let Err(e) = fill(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, dest).map_err(io("cannot move the backup into place at", dest))?;
    sync_file_and_dir(dest).map_err(io("cannot flush backup", dest))?;
    summarize(dest)
}

/// An I/O error on `path`, for `map_err`.
fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> StoreError + 'p {
    move |source| StoreError::Io { action, path: path.to_path_buf(), source }
}

/// Copy `source` into the new file at `path` in one step (one consistent read snapshot;
/// in WAL mode writers are not blocked meanwhile), then make it a single self-contained
/// file and verify it.
pub(super) fn copy_into(source: &Connection, path: &Path) -> Result<()> {
    let mut dst = Connection::open(path)?;
    run_backup(source, &mut dst)?;
    finish_file(dst)
}

/// Make the database at `dst` one self-contained file (no journal beside it), verify it
/// and close it.
pub(super) fn finish_file(dst: Connection) -> Result<()> {
    let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let check: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Invalid(format!("the backup did not verify: {check}")));
    }
    dst.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(())
}

/// Copy the database file at `from` (opened read-only) into the new file at `path`, as
/// one self-contained verified file.
pub(super) fn copy_file_db(from: &Path, path: &Path) -> Result<()> {
    let source = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy_into(&source, path)
}

/// Copy every page from `from` to `to`, retrying while either side is busy.
pub(super) fn run_backup(from: &Connection, to: &mut Connection) -> Result<()> {
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
pub(super) fn summarize(path: &Path) -> Result<BackupSummary> {
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

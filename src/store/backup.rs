//! Backup and restore with SQLite's online backup API: a backup is a consistent copy
//! even while other processes write (it copies one read snapshot), and a restore never
//! silently throws away work done since the backup.

use super::files::{create_private, sync_file_and_dir};
use super::restore_check::{Loss, work_not_in_backup};
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
    /// Where the database as it was before the restore was saved (none only when there
    /// was no database yet).
    pub safety_copy: Option<PathBuf>,
    /// Events the database had that the backup did not (lost unless the safety copy is used).
    pub discarded_events: i64,
    /// Everything the database had that the backup did not (in the safety copy).
    pub discarded: Loss,
}

/// A restore that failed, and where the database as it was is saved if the failure came
/// after the safety copy was made.
#[derive(Debug)]
pub struct RestoreError {
    /// What went wrong.
    pub error: StoreError,
    /// The safety copy, when one was made before the failure.
    pub safety_copy: Option<PathBuf>,
}

impl From<StoreError> for RestoreError {
    fn from(error: StoreError) -> Self {
        RestoreError { error, safety_copy: None }
    }
}

impl Store {
    /// Copy the whole database to `dest` (mode 0600) while others may be writing. The
    /// copy is written beside `dest` and renamed into place, so `dest` is never half
    /// written; an existing `dest` is replaced only with `replace`.
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<BackupSummary> {
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
        let name =
            dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
        super::leftovers::sweep(super::leftovers::dir_of(dest));
        let partial = dest.with_file_name(super::leftovers::backup_partial_name(&name));
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

/// Replace the database at `db` with the backup at `backup`.
///
/// Refused, unless `force`, when the database holds anything the backup lacks (people,
/// roles, applications, interviews, events, erasures): that work would be lost. The
/// database as it was is always first saved beside it as `<db>.before-restore-<time>`
/// (0600), so a restore can itself be undone.
pub fn restore(db: &Path, backup: &Path, force: bool) -> std::result::Result<RestoreReport, RestoreError> {
    super::schema_check::validate_backup(backup)?;
    let restored = summarize(backup)?;
    let existed = db.exists();
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(cause) if existed && super::restore_over::is_untrusted(&cause) => {
            return super::restore_over::replace_untrusted(db, backup, force, cause);
        }
        Err(e) => return Err(e.into()),
    };
    let discarded = if existed { work_not_in_backup(db, backup)? } else { Loss::default() };
    if !discarded.is_empty() && !force {
        return Err(StoreError::Conflict(format!(
            "the database has {} not in the backup ({}); restoring would lose them: \
             pass --force to drop them (the current database is kept as a safety copy)",
            discarded.describe(),
            match restored.last_event_at.as_deref() {
                Some(at) => format!("whose last event is at {at}"),
                None => "which has no events".to_string(),
            }
        ))
        .into());
    }
    let safety_copy = if existed { Some(save_safety_copy(&store, db)?) } else { None };
    let replaced = replace_with(&mut store, backup);
    if let Err(error) = replaced {
        return Err(RestoreError { error, safety_copy });
    }
    Ok(RestoreReport { restored, safety_copy, discarded_events: discarded.events, discarded })
}

/// Save the database as it is at `<db>.before-restore-<UTC time>`, never replacing an
/// earlier safety copy (two restores in the same second).
fn save_safety_copy(store: &Store, db: &Path) -> Result<PathBuf> {
    let stamp = store.now().format("%Y%m%dT%H%M%SZ");
    let path = (0..)
        .map(|n| match n {
            0 => PathBuf::from(format!("{}.before-restore-{stamp}", db.display())),
            n => PathBuf::from(format!("{}.before-restore-{stamp}-{n}", db.display())),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| PathBuf::from(format!("{}.before-restore", db.display())));
    store.backup_to(&path, false)?;
    Ok(path)
}

/// Copy the backup over the live database in one step, then bring it up to date.
fn replace_with(store: &mut Store, backup: &Path) -> Result<()> {
    let source = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    run_backup(&source, &mut store.conn)?;
    // A backup from an older rolecall is brought up to date like any old database.
    super::migrate::migrate(&mut store.conn)?;
    Ok(())
}

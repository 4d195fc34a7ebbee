//! Restoring a backup over the live database. Onto a database rolecall can read, a
//! restore never silently throws away work done since the backup (refused without
//! `--force`); over one it cannot open as its own (a schema someone changed, an unknown
//! or newer version, a damaged file) the contents cannot be compared, so the replacement
//! always needs `--force`. Either way the file as it was is kept beside it first.

use super::backup::{BackupSummary, copy_file_db, run_backup, summarize};
use super::files::{companions, create_private, sync_file_and_dir};
use super::handle::Backend;
use super::restore_check::{Loss, work_not_in_backup};
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

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
        Err(cause) if existed && is_untrusted(&cause) => {
            return replace_untrusted(db, backup, force, cause);
        }
        Err(e) => return Err(e.into()),
    };
    let discarded = if existed { work_not_in_backup(db, backup)? } else { Loss::default() };
    if !discarded.is_empty() && !force {
        return Err(would_lose(&discarded, &restored).into());
    }
    let safety_copy = if existed { Some(save_safety_copy(&store, db)?) } else { None };
    let replaced = replace_with(&mut store, backup);
    if let Err(error) = replaced {
        return Err(RestoreError { error, safety_copy });
    }
    Ok(RestoreReport { restored, safety_copy, discarded_events: discarded.events, discarded })
}

/// The refusal of a restore that would lose `discarded` (without `--force`).
pub(super) fn would_lose(discarded: &Loss, restored: &BackupSummary) -> StoreError {
    StoreError::Conflict(format!(
        "the database has {} not in the backup ({}); restoring would lose them: \
         pass --force to drop them (the current database is kept as a safety copy)",
        discarded.describe(),
        match restored.last_event_at.as_deref() {
            Some(at) => format!("whose last event is at {at}"),
            None => "which has no events".to_string(),
        }
    ))
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
    // `restore` opens the file at the path it is given: always SQLite. A server is
    // restored by `restore_server` (`pg/restore.rs`).
    let conn = match &mut store.backend {
        Backend::Sqlite(conn) => conn,
        #[cfg(feature = "postgres")]
        Backend::Postgres(_) => {
            return Err(StoreError::Invalid(
                "a server is restored with `restore_server`, not over a file".into(),
            ));
        }
    };
    run_backup(&source, conn)?;
    // A backup from an older rolecall is brought up to date like any old database.
    super::migrate::migrate(conn)?;
    Ok(())
}

/// True for the errors that mean "this file is not a database rolecall can trust", as
/// opposed to a busy, read-only or missing one.
pub(super) fn is_untrusted(error: &StoreError) -> bool {
    matches!(error, StoreError::UnknownSchema(_) | StoreError::SchemaTooNew { .. } | StoreError::Corrupt(_))
}

/// Replace the untrusted database at `db` with `backup` (already validated), keeping the
/// old file and its write-ahead log as a safety copy first.
pub(super) fn replace_untrusted(
    db: &Path,
    backup: &Path,
    force: bool,
    cause: StoreError,
) -> std::result::Result<RestoreReport, RestoreError> {
    if !force {
        return Err(StoreError::Conflict(format!(
            "the database at {} cannot be compared with the backup ({cause}); pass --force to replace it \
             with the backup (the file as it is now is kept beside it first)",
            db.display()
        ))
        .into());
    }
    let restored = summarize(backup)?;
    let safety = copy_raw(db)?;
    let fail = |error| RestoreError { error, safety_copy: Some(safety.clone()) };
    write_in_place(db, backup).map_err(fail)?;
    // Bring an older backup up to date, and check the result opens.
    Store::open(db).map_err(fail)?;
    Ok(RestoreReport {
        restored,
        safety_copy: Some(safety.clone()),
        discarded_events: 0,
        discarded: Loss::default(),
    })
}

/// Copy the file (and its `-wal`, so the copy holds every commit) to the first free
/// `<db>.before-restore-<UTC time>`, mode 0600.
fn copy_raw(db: &Path) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let path = (0..)
        .map(|n| match n {
            0 => PathBuf::from(format!("{}.before-restore-{stamp}", db.display())),
            n => PathBuf::from(format!("{}.before-restore-{stamp}-{n}", db.display())),
        })
        .find(|p| !p.exists())
        .expect("an unused name");
    copy_file(db, &path)?;
    let [wal, _] = companions(db);
    if wal.exists() {
        let [safety_wal, _] = companions(&path);
        copy_file(&wal, &safety_wal)?;
    }
    Ok(path)
}

fn copy_file(from: &Path, to: &Path) -> Result<()> {
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { action, path, source }
    };
    let mut source = std::fs::File::open(from).map_err(io("cannot read", from))?;
    let mut dest = create_private(to).map_err(io("cannot create safety copy", to))?;
    std::io::copy(&mut source, &mut dest).map_err(io("cannot write safety copy", to))?;
    dest.sync_all().map_err(io("cannot flush safety copy", to))?;
    Ok(())
}

/// Write the backup to a temporary file beside `db`, drop the old write-ahead log (it
/// belongs to the old file and must never be replayed into the new one), and rename the
/// new file into place.
fn write_in_place(db: &Path, backup: &Path) -> Result<()> {
    let name =
        db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "rolecall.db".into());
    let partial = db.with_file_name(super::leftovers::backup_partial_name(&name));
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { action, path, source }
    };
    drop(create_private(&partial).map_err(io("cannot create", &partial))?);
    if let Err(e) = copy_file_db(backup, &partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    for companion in companions(db) {
        match std::fs::remove_file(&companion) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                let _ = std::fs::remove_file(&partial);
                return Err(StoreError::Io { action: "cannot remove", path: companion, source: e });
            }
            _ => {}
        }
    }
    std::fs::rename(&partial, db).map_err(io("cannot move the backup into place at", db))?;
    sync_file_and_dir(db).map_err(io("cannot flush", db))?;
    Ok(())
}

//! Restoring over a database that cannot be opened as rolecall's (a schema someone
//! changed, an unknown or newer version, a damaged file). Its contents cannot be compared
//! with the backup, so the replacement needs `--force`; the file as it was is still kept
//! byte for byte beside it first, like every restore's safety copy.

use super::backup::{RestoreError, RestoreReport, summarize};
use super::files::{companions, create_private, sync_file_and_dir};
use super::restore_check::Loss;
use super::{Result, Store, StoreError};
use std::path::{Path, PathBuf};

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
    if let Err(e) = super::backup::copy_file_db(backup, &partial) {
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

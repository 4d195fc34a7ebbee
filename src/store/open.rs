//! Opening the database file safely: private permissions, WAL, foreign keys, busy timeout.

use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `<data dir>/rolecall.db`, from the `directories` crate.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "rolecall").map(|d| d.data_dir().join("rolecall.db"))
}

/// Create the parent directory (0700) and the file (0600) if missing, then open it.
pub fn open_file(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        create_private_dir(dir)?;
    }
    if !path.exists() {
        refuse_read_only_dir(path, false)?;
        match create_private_file(path) {
            // Another process created it a moment ago: use theirs.
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {}
            other => other?,
        }
    }
    let read_only = is_read_only(path);
    refuse_read_only_dir(path, read_only)?;
    if !read_only {
        super::files::match_companion_modes(path);
    }
    let conn = if read_only {
        // Honour a file the user made read-only, even where the OS would let us write
        // (root): reads work, every write is refused with a clear message.
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?
    } else {
        Connection::open(path)?
    };
    configure(&conn)?;
    Ok(conn)
}

/// SQLite keeps `-wal` and `-shm` beside the database, so in a directory it cannot
/// write in every command failed with a message about the file's permissions. Name the
/// directory instead. (A read-only database whose companions already exist can still be
/// read there.)
fn refuse_read_only_dir(db: &Path, read_only_db: bool) -> Result<()> {
    let dir = super::leftovers::dir_of(db);
    if dir_is_writable(dir) || (read_only_db && super::files::companions(db).iter().all(|c| c.exists())) {
        return Ok(());
    }
    Err(StoreError::Io {
        action: "cannot write in the database's directory",
        path: dir.into(),
        source: std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "it is read-only, and rolecall keeps the database's -wal and -shm files beside it; \
             make it writable (`chmod u+w` on the directory) or use another --db",
        ),
    })
}

/// Whether the directory can be written: its mode allows it (honoured even for root, like
/// a read-only database file) and the OS agrees for this user.
#[cfg(unix)]
fn dir_is_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(meta) = std::fs::metadata(dir) else {
        // Missing or unreadable: the error that follows says which.
        return true;
    };
    if meta.permissions().readonly() {
        return false;
    }
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return true;
    };
    // SAFETY: a valid NUL-terminated path; access() only reads it.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn dir_is_writable(_dir: &Path) -> bool {
    true
}

/// Whether the file's permissions deny writing to everyone (`chmod a-w`).
fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(false)
}

/// Pragmas every connection needs. Switching a new file to WAL takes an exclusive lock
/// that SQLite's busy timeout does not wait for (several first runs at once), so a busy
/// answer repeats the whole, idempotent, set-up after a pause.
pub fn configure(conn: &Connection) -> Result<()> {
    let mut backoff = super::retry::Backoff::new();
    loop {
        match configure_once(conn) {
            Err(e) if e.is_busy() && backoff.pause() => {
                tracing::debug!("database busy while opening; retrying: {e}");
            }
            other => return other,
        }
    }
}

fn configure_once(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Before any pragma that could write: a newer rolecall's database stays untouched.
    super::migrate::refuse_newer(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted or overwritten text (an edited email, an erased person) is zeroed on disk
    // instead of lingering in free space.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // WAL lets readers (another recruiter's TUI) see committed data while one writes.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Query plans must not depend on bound values. Otherwise SQLite re-prepares a cached
    // statement whenever a parameter such as a role id is rebound to or from 0 or 1:
    // every move on the first role parsed and planned its queries again (issue 7).
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    super::files::create_private_dir_all(dir).map_err(|source| StoreError::Io {
        action: "cannot create directory",
        path: dir.into(),
        source,
    })
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    // 0600 whatever the umask (which could take the owner's write bit away).
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .and_then(|f| f.set_permissions(std::fs::Permissions::from_mode(0o600)))
        .map_err(|source| StoreError::Io { action: "cannot create database", path: path.into(), source })
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(|_| ())
        .map_err(|source| StoreError::Io { action: "cannot create database", path: path.into(), source })
}

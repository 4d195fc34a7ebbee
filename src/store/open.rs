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
        match create_private_file(path) {
            // Another process created it a moment ago: use theirs.
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {}
            other => other?,
        }
    }
    let read_only = is_read_only(path);
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
            Err(StoreError::Sqlite(e)) if super::retry::is_busy(&e) && backoff.pause() => {
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

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|source| StoreError::Io {
        action: "cannot create directory",
        path: dir.into(),
        source,
    })
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
        action: "cannot create directory",
        path: dir.into(),
        source,
    })
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(|_| ())
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

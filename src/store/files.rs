//! The files behind a database: their permissions and the write-ahead log's size.

use super::finding::{Finding, Severity};
use std::path::{Path, PathBuf};

/// A write-ahead log past this size means checkpoints are being held back (SQLite's
/// automatic checkpoint keeps it near 4 MB).
pub const WAL_WARN_BYTES: u64 = 64 * 1024 * 1024;

/// The database's companion files: `-wal` and `-shm`.
pub fn companions(db: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [with("-wal"), with("-shm")]
}

/// Findings about the files: permissions of the database, its companions and its
/// directory (personal data: 0600 files, 0700 directory), and the log's size.
pub fn file_findings(db: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut loose = Vec::new();
    for file in std::iter::once(db.to_path_buf()).chain(companions(db)) {
        if let Some(mode) = mode_of(&file).filter(|m| m & 0o077 != 0) {
            let shown = file.display();
            loose.push(format!("{shown} is mode {mode:04o}, readable by others; run `chmod 600 '{shown}'`"));
        }
    }
    // A bare file name (`--db s.db`) lives in the current directory.
    let dir = db.parent().map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
    if let Some((dir, mode)) = dir.and_then(|d| Some((d, mode_of(d)?))).filter(|(_, m)| m & 0o077 != 0) {
        let shown = dir.display();
        loose
            .push(format!("directory {shown} is mode {mode:04o}, open to others; run `chmod 700 '{shown}'`"));
    }
    findings.push(if loose.is_empty() {
        Finding::new("permissions", Severity::Ok, "database files 0600, directory 0700 (private)")
    } else {
        Finding::new("permissions", Severity::Warning, loose.join("; "))
    });
    let [wal, _] = companions(db);
    let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    findings.push(if size > WAL_WARN_BYTES {
        let msg = format!(
            "the write-ahead log is {}, so checkpoints are being held back (a rolecall left open for days?); \
             close other rolecall sessions, then run `rolecall doctor --checkpoint`",
            human_bytes(size)
        );
        Finding::new("wal", Severity::Warning, msg)
    } else {
        Finding::new("wal", Severity::Ok, format!("write-ahead log {}", human_bytes(size)))
    });
    findings
}

/// Bytes as "12.3 MB".
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / (1u64 << 10) as f64),
        n => format!("{n} bytes"),
    }
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_path: &Path) -> Option<u32> {
    None
}

/// Give `-wal` and `-shm` the database's mode. SQLite creates them with the mode the
/// database has at that moment, so a read of a `chmod 400` database leaves a 0400 `-shm`
/// behind, and once the database is writable again every write failed with "read-only".
/// Best effort: a file we do not own stays as it is (and `doctor` names it).
pub fn match_companion_modes(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Some(db_mode) = mode_of(db) else { return };
        for file in companions(db) {
            if mode_of(&file).is_some_and(|m| m != db_mode) {
                let set = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(db_mode));
                if let Err(e) = set {
                    tracing::warn!("cannot give {} the database's mode {db_mode:04o}: {e}", file.display());
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
}

/// Create `dir` and any missing parents as 0700 directories, whatever the umask (a
/// umask can only take bits away, so each new directory is set to 0700 after it is made).
/// Directories that already exist are left as they are.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err()) {
        missing.push(d);
        at = d.parent();
    }
    for d in missing.into_iter().rev() {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(d) {
            // Another process made it a moment ago.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => continue,
            other => other?,
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Create a new, empty file readable by its owner only (0600); fails if it exists.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // Whatever the umask (which could take the owner's write bit away).
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    Ok(file)
}

/// Flush a file and its directory entry to disk (after a rename into place).
pub fn sync_file_and_dir(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Directories cannot be fsynced on every platform; the file itself is safe.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

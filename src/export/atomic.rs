//! Atomic file output: write a private temporary file next to the target, flush it to
//! disk, then rename it over the target. A failed export leaves no partial file, and a
//! reader never sees one half-written.

use super::{ExportError, Result};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Write `path` atomically with what `render` produces; the file is created with mode
/// 0600 (exports hold personal data). Returns the number of bytes written.
pub fn write_atomically(path: &Path, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<u64> {
    refuse_link(path)?;
    let (tmp_path, file) = create_temp(path)?;
    let outcome = fill(file, render).and_then(|bytes| {
        std::fs::rename(&tmp_path, path).map(|()| bytes).map_err(|source| ExportError::File {
            action: "replace",
            path: path.to_path_buf(),
            source,
        })
    });
    if outcome.is_err() {
        // Best effort: the error that matters is the one being returned.
        let _ = std::fs::remove_file(&tmp_path);
    } else {
        sync_dir(path);
    }
    outcome
}

/// Renaming over a symbolic link replaces the link itself with a file, which is never
/// what was meant (and writing through it could land anywhere): refuse it by name.
pub fn refuse_link(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            Err(ExportError::Refused(format!(
                "{} is a symbolic link (to {target}); rolecall does not replace links: \
                 give the path of the file itself, or another name",
                path.display()
            )))
        }
        _ => Ok(()),
    }
}

fn fill(file: File, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<u64> {
    let mut out = BufWriter::new(file);
    render(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(file.metadata()?.len())
}

fn create_temp(target: &Path) -> Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name =
        target.file_name().map(|n| n.to_string_lossy().into_owned()).ok_or_else(|| ExportError::File {
            action: "write to",
            path: target.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        })?;
    let dir = parent_dir(target);
    // Temporary files of exports that were killed before they could remove them.
    crate::store::leftovers::sweep(&dir);
    let mut last_err = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(crate::store::leftovers::export_temp_name(&name, n));
        match open_private(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(source) => {
                return Err(ExportError::File { action: "create a temporary file in", path: dir, source });
            }
        }
    }
    Err(ExportError::File {
        action: "create a temporary file in",
        path: dir,
        source: last_err.unwrap_or_else(|| std::io::Error::other("too many attempts")),
    })
}

fn parent_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    // 0600 whatever the umask.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Persist the rename itself (POSIX needs the directory flushed too); best effort.
fn sync_dir(target: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(parent_dir(target)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "rolecall-atomic-{tag}-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn writes_a_private_file_and_replaces_the_old_one() {
        let dir = temp_dir("ok");
        let path = dir.join("out.csv");
        std::fs::write(&path, "old").expect("seed file");
        let n = write_atomically(&path, |w| Ok(w.write_all(b"new content")?)).expect("write");
        assert_eq!(n, 11);
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("new content"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_failed_render_leaves_the_old_file_and_no_temporary() {
        let dir = temp_dir("fail");
        let path = dir.join("out.json");
        std::fs::write(&path, "old").expect("seed file");
        let err = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk on fire").into())
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
        let names: Vec<_> =
            std::fs::read_dir(&dir).expect("list").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let _ = std::fs::remove_dir_all(dir);
    }
}

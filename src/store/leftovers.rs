//! Temporary files a killed run leaves behind: an export's `.…tmp`, a backup's or a
//! restore safety copy's `.…partial` (a whole copy of the database, personal data and all).
//!
//! Their names carry a `rolecall-<pid>` marker, so a later run can tell its own leftovers
//! from anyone else's files and remove only those whose process is gone. Every run that
//! writes into a directory (opening a database, `backup`, `export -o`) sweeps it first;
//! `doctor` reports any it finds beside the database.

use std::path::{Path, PathBuf};

/// The marker in every temporary file name rolecall makes.
const MARKER: &str = ".rolecall-";

/// A temporary file for an export of `target_name`: `.<name>.rolecall-<pid>-<n>.tmp`.
pub fn export_temp_name(target_name: &str, n: u32) -> String {
    format!(".{target_name}{MARKER}{}-{n}.tmp", std::process::id())
}

/// The file a backup to `target_name` is written to before it is renamed into place:
/// `.<name>.rolecall-<pid>.partial` (SQLite may add `-journal` beside it).
pub fn backup_partial_name(target_name: &str) -> String {
    format!(".{target_name}{MARKER}{}.partial", std::process::id())
}

/// A leftover temporary file whose process is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// The file.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// "export" or "backup".
    pub kind: &'static str,
}

/// The process id and kind encoded in a file name of ours, if it is one.
fn parse(name: &str) -> Option<(u32, &'static str)> {
    if !name.starts_with('.') {
        return None;
    }
    let at = name.rfind(MARKER)?;
    let rest = &name[at + MARKER.len()..];
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let pid: u32 = rest[..digits].parse().ok()?;
    let tail = &rest[digits..];
    if let Some(n) = tail.strip_prefix('-').and_then(|t| t.strip_suffix(".tmp")) {
        return n.bytes().all(|b| b.is_ascii_digit()).then_some((pid, "export"));
    }
    let kind = match tail {
        ".partial" | ".partial-journal" | ".partial-wal" | ".partial-shm" => "backup",
        _ => return None,
    };
    Some((pid, kind))
}

/// Leftovers in `dir` whose owning process no longer runs (a missing or unreadable
/// directory has none).
pub fn find(dir: &Path) -> Vec<Leftover> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Leftover> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name();
            let (pid, kind) = parse(name.to_str()?)?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            (!is_running(pid)).then(|| Leftover { path: e.path(), bytes: meta.len(), kind })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Remove the leftovers in `dir`; returns what was removed. Failures are left for
/// `doctor` to report.
pub fn sweep(dir: &Path) -> Vec<Leftover> {
    let removed: Vec<Leftover> =
        find(dir).into_iter().filter(|l| std::fs::remove_file(&l.path).is_ok()).collect();
    for l in &removed {
        tracing::info!("removed {} left by a killed {} ({} bytes)", l.path.display(), l.kind, l.bytes);
    }
    removed
}

/// The directory a file path lives in (`.` for a bare file name).
pub fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks that the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to someone else.
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every process is assumed alive: nothing is removed.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_marked_names_are_recognised() {
        assert_eq!(parse(".out.csv.rolecall-123-4.tmp"), Some((123, "export")));
        assert_eq!(parse(".b.db.rolecall-77.partial"), Some((77, "backup")));
        assert_eq!(parse(".b.db.rolecall-77.partial-journal"), Some((77, "backup")));
        for other in [
            "out.csv.rolecall-123-4.tmp",
            ".out.csv.123.4.tmp",
            ".b.db.partial-77",
            ".x.rolecall-12.partial.bak",
            ".x.rolecall-.tmp",
            ".x.rolecall-1-2x.tmp",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
        assert_eq!(parse(&export_temp_name("a.csv", 3)), Some((std::process::id(), "export")));
        assert_eq!(parse(&backup_partial_name("a.db")), Some((std::process::id(), "backup")));
    }

    #[test]
    fn files_of_a_running_process_are_kept_and_of_a_dead_one_removed() {
        let dir = std::env::temp_dir().join(format!("rolecall-leftovers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let mine = dir.join(export_temp_name("mine.csv", 0));
        std::fs::write(&mine, "in progress").expect("write");
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let gone = dir.join(format!(".old.db{MARKER}{dead}.partial"));
        std::fs::write(&gone, "copy").expect("write");
        let removed = sweep(&dir);
        assert_eq!(removed.iter().map(|l| l.path.clone()).collect::<Vec<_>>(), vec![gone.clone()]);
        assert!(mine.exists() && !gone.exists());
        let _ = std::fs::remove_dir_all(dir);
    }
}

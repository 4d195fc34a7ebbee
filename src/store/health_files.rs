//! Doctor checks on the files around the database that are read before it is opened
//! (opening sweeps leftovers and repairs companion modes, which would hide them):
//! temporary copies left by killed runs, and `-wal` / `-shm` modes that differ from the
//! database's.

use super::files::{companions, human_bytes};
use super::finding::{Finding, Severity};
use super::leftovers;
use std::path::Path;

/// Findings about leftovers and companion modes.
pub fn findings(db: &Path) -> Vec<Finding> {
    vec![leftover_finding(db), companion_mode_finding(db)]
}

fn leftover_finding(db: &Path) -> Finding {
    let found = leftovers::find(leftovers::dir_of(db));
    if found.is_empty() {
        return Finding::new("leftovers", Severity::Ok, "no temporary files left by killed runs");
    }
    let listed: Vec<String> = found
        .iter()
        .map(|l| format!("{} (from a killed {}, {})", l.path.display(), l.kind, human_bytes(l.bytes)))
        .collect();
    let msg = format!(
        "{} temporary files left by killed runs may hold personal data: {}; the next rolecall command \
         on this database removes them, or delete them with `rm`",
        found.len(),
        listed.join(", ")
    );
    Finding::new("leftovers", Severity::Warning, msg)
}

fn companion_mode_finding(db: &Path) -> Finding {
    let Some(db_mode) = mode_of(db) else {
        return Finding::new("file-modes", Severity::Ok, "no database file to compare with");
    };
    let mut worst = Severity::Ok;
    let mut wrong = Vec::new();
    for file in companions(db) {
        let Some(mode) = mode_of(&file).filter(|m| *m != db_mode) else { continue };
        // Missing an owner bit the database has: SQLite cannot open it the same way, so
        // every write (or read) fails with "read-only" while the database looks fine.
        let severity = if db_mode & 0o600 & !mode != 0 { Severity::Problem } else { Severity::Warning };
        worst = worst.max(severity);
        let shown = file.display();
        wrong.push(format!(
            "{shown} is mode {mode:04o} but the database is {db_mode:04o}; run `chmod {db_mode:o} '{shown}'`"
        ));
    }
    if wrong.is_empty() {
        Finding::new(
            "file-modes",
            Severity::Ok,
            format!("-wal and -shm follow the database's mode {db_mode:04o}"),
        )
    } else {
        let tail =
            "(writes fail until they match; rolecall sets them when it opens the database for writing)";
        Finding::new("file-modes", worst, format!("{} {tail}", wrong.join("; ")))
    }
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_path: &Path) -> Option<u32> {
    None
}

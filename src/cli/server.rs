//! `doctor`, `backup`, `restore` and `purge` when `--db` names a team server
//! (`postgres://…`): the server has no file to look at, so these go to the store's
//! server entry points; what they print matches the file commands'.

use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::text::count_of;
use crate::store::{
    Finding, SERVER_CHECKS, Severity, Store, human_bytes, is_server_url, restore_server, server_findings,
    shown_target,
};
use std::path::Path;

/// The URL `db` holds, when it names a server.
pub fn url(db: &Path) -> Option<String> {
    db.to_str().filter(|t| is_server_url(t)).map(str::to_string)
}

fn open(url: &str) -> Result<Store, CliError> {
    Store::open_target(url).map_err(|e| {
        let err = CliError::from(e);
        CliError {
            code: err.code,
            message: format!("cannot open database {}: {}", shown_target(url), err.message),
        }
    })
}

/// `rolecall backup PATH` from a server: one snapshot as a rolecall SQLite file.
pub fn backup(url: &str, out: &Output, dest: &Path, force: bool) -> CliResult {
    let summary = open(url)?.backup_to(dest, force)?;
    let size = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    out.emit(&summary, |w| {
        writeln!(
            w,
            "backed up {} to {} ({}, mode 0600)",
            count_of(summary.events, "event", "events"),
            dest.display(),
            human_bytes(size)
        )
    })
}

/// `rolecall restore PATH` into a server.
pub fn restore(url: &str, out: &Output, path: &Path, force: bool) -> CliResult {
    let into = shown_target(url);
    super::maintenance::report_restore(out, restore_server(url, path, force), &into, "what the server held")
}

/// `rolecall purge`, on a server or a file.
pub fn purge(db: &Path, out: &Output) -> CliResult {
    let mut store = match url(db) {
        Some(url) => open(&url)?,
        None if !db.exists() => {
            return Err(CliError {
                code: ExitCode::NotFound,
                message: format!("there is no database at {}; check --db or ROLECALL_DB", db.display()),
            });
        }
        None => Store::open_for_check(db)?,
    };
    let report = store.purge()?;
    out.emit(&report, |w| {
        for line in &report.done {
            writeln!(w, "done: {line}")?;
        }
        for line in &report.warnings {
            writeln!(w, "note: {line}")?;
        }
        Ok(())
    })
}

/// `rolecall doctor` on a server: the same report and exit codes as on a file.
/// `--checkpoint` rewrites a SQLite file; a server's files are PostgreSQL's.
pub fn doctor(url: &str, out: &Output, checkpoint: bool) -> CliResult {
    if checkpoint {
        return Err(CliError::usage(
            "--checkpoint rewrites a SQLite file; on a server an administrator runs `rolecall purge` \
             (VACUUM FULL, checkpoint, WAL switch)",
        ));
    }
    let mut bar = super::progress::CheckProgress::new(SERVER_CHECKS);
    let found = server_findings(url, &mut |step| bar.show(step));
    drop(bar);
    let findings =
        found.unwrap_or_else(|e| vec![Finding::new("open", Severity::Problem, CliError::from(e).message)]);
    super::maintenance::report_findings(out, shown_target(url), findings)
}

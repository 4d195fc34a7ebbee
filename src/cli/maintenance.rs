//! `doctor`, `backup`, `restore`: commands that look after the database file itself.
//! They never create a database or import the bundled roles.

use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::text::count_of;
use crate::store::backup::BackupSummary;
use crate::store::restore::restore;
use crate::store::{Finding, Severity, Store, Structure, file_findings, human_bytes, pre_open_findings};
use serde::Serialize;
use std::path::Path;

/// `rolecall restore PATH [--force]`: every message after the live file was touched names
/// the safety copy.
pub fn restore_from(db: &Path, out: &Output, path: &Path, force: bool) -> CliResult {
    let into = db.display().to_string();
    report_restore(out, restore(db, path, force), &into, "the database as it was")
}

/// What a restore into `into` did, or why it failed; `kept` says what the safety copy
/// holds ("the database as it was", "what the server held").
pub(super) fn report_restore(
    out: &Output,
    result: Result<crate::store::restore::RestoreReport, crate::store::restore::RestoreError>,
    into: &str,
    kept: &str,
) -> CliResult {
    let report = result.map_err(|e| {
        let mut err = CliError::from(e.error);
        if let Some(copy) = e.safety_copy {
            err.message = format!("{}; {kept} is saved at {}", err.message, copy.display());
        }
        err
    })?;
    out.emit(&report, |w| {
        let r = &report.restored;
        writeln!(w, "restored {} ({}) into {into}", r.path.display(), count_of(r.events, "event", "events"))?;
        if let Some(copy) = &report.safety_copy {
            writeln!(w, "{kept} is saved at {}", copy.display())?;
        }
        if !report.discarded.is_empty() {
            writeln!(w, "{} were dropped; they are in the safety copy", report.discarded.describe())?;
        }
        Ok(())
    })
}

fn missing(db: &Path) -> CliError {
    CliError {
        code: ExitCode::NotFound,
        message: format!("there is no database at {}; check --db or ROLECALL_DB", db.display()),
    }
}

/// The doctor's report, on a file or a server.
#[derive(Serialize)]
struct DoctorReport {
    database: String,
    healthy: bool,
    problems: usize,
    warnings: usize,
    findings: Vec<Finding>,
}

/// `rolecall doctor [--checkpoint] [--full]`: every check, exit code 6 when anything is
/// wrong; `structure` says which of SQLite's checks of the file runs.
pub fn doctor(db: &Path, out: &Output, checkpoint: bool, structure: Structure) -> CliResult {
    if !db.exists() {
        return Err(missing(db));
    }
    // Before opening: opening sweeps leftovers and repairs companion modes.
    let before_open = pre_open_findings(db);
    let mut findings = Vec::new();
    match Store::open_for_check(db) {
        Ok(mut store) => {
            if checkpoint {
                // Also what finishes an erasure whose compaction failed (a full disk).
                findings.push(match store.compact() {
                    Ok(true) => Finding::new(
                        "checkpoint",
                        Severity::Ok,
                        "write-ahead log copied in and truncated, file rewritten (no deleted text lingers)",
                    ),
                    Ok(false) => Finding::new(
                        "checkpoint",
                        Severity::Warning,
                        "another process is reading, so the log could not be truncated; try again once it is closed",
                    ),
                    Err(e) => Finding::new("checkpoint", Severity::Problem, CliError::from(e).message),
                });
            }
            let mut bar = super::progress::CheckProgress::new(Store::HEALTH_CHECKS);
            let health = store.health_with_progress(structure, &mut |step| bar.show(step));
            drop(bar);
            match health {
                Ok(found) => findings.extend(found),
                Err(e) => findings.push(Finding::new("checks", Severity::Problem, CliError::from(e).message)),
            }
        }
        Err(e) => findings.push(Finding::new("open", Severity::Problem, CliError::from(e).message)),
    }
    findings.extend(file_findings(db));
    findings.extend(before_open);
    report_findings(out, db.display().to_string(), findings)
}

/// Print `doctor`'s findings about `database` (or emit them as JSON); exit code 6 when
/// any is a problem or a warning.
pub(super) fn report_findings(out: &Output, database: String, findings: Vec<Finding>) -> CliResult {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (problems, warnings) = (count(Severity::Problem), count(Severity::Warning));
    let report = DoctorReport { database, healthy: problems + warnings == 0, problems, warnings, findings };
    out.emit(&report, |w| {
        writeln!(w, "{}", report.database)?;
        for f in &report.findings {
            let tag = match f.severity {
                Severity::Ok => "ok",
                Severity::Warning => "WARNING",
                Severity::Problem => "PROBLEM",
            };
            writeln!(w, "  {tag:<8} {:<13} {}", f.check, f.message)?;
        }
        if report.healthy {
            writeln!(w, "healthy")
        } else {
            writeln!(
                w,
                "{}, {}",
                count_of(problems, "problem", "problems"),
                count_of(warnings, "warning", "warnings")
            )
        }
    })?;
    if report.healthy {
        Ok(())
    } else {
        Err(CliError {
            code: ExitCode::Unhealthy,
            message: format!(
                "doctor found {} and {}",
                count_of(problems, "problem", "problems"),
                count_of(warnings, "warning", "warnings")
            ),
        })
    }
}

/// `rolecall backup PATH [--force]`: a consistent copy, mode 0600.
pub fn backup(db: &Path, out: &Output, dest: &Path, force: bool) -> CliResult {
    if !db.exists() {
        return Err(missing(db));
    }
    let store = Store::open_for_check(db)?;
    let summary: BackupSummary = store.backup_to(dest, force)?;
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

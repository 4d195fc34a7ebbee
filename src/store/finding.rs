//! What a check of the database or its files found: the doctor's unit of report.

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// All good.
    Ok,
    /// Not broken, but should be fixed (loose permissions, an oversized log).
    Warning,
    /// Something is wrong with the data.
    Problem,
}

/// One thing the doctor checked, and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Short name of the check ("integrity", "event-log", "permissions", …).
    pub check: &'static str,
    /// How bad.
    pub severity: Severity,
    /// What was found, and what to do about it.
    pub message: String,
}

impl Finding {
    /// A finding.
    pub fn new(check: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Finding { check, severity, message: message.into() }
    }
}

/// What `doctor` reports while it runs, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStep {
    /// A check starts.
    Starting(&'static str),
    /// The checks run in turn are done; this one, running beside them, is not yet.
    Waiting(&'static str),
    /// A long check has got this far: `done` of `total` things (`what`, e.g. "events").
    Counted {
        /// What is counted.
        what: &'static str,
        /// How many so far.
        done: u64,
        /// How many in all.
        total: u64,
    },
}

/// How much of SQLite's own check of a file `doctor` runs. Both read every page; they
/// differ in whether each index is checked entry by entry against its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Structure {
    /// `PRAGMA quick_check`: every page, b-tree and record, NOT NULL and CHECK
    /// constraints, the free list; not that each index holds exactly its table's rows
    /// (≈ 10 s of CPU at a million candidates).
    Quick,
    /// `PRAGMA integrity_check`: the quick check, plus every index entry looked up
    /// against its table and UNIQUE indexes checked (≈ a minute of CPU per million
    /// candidates).
    Full,
}

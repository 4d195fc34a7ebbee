//! Snapshot and diff writers: CSV for spreadsheets, JSON for tools, Markdown for a wiki
//! page, HTML for a browser. Each writer is pure: it renders onto any `io::Write`.
//! [`write_atomically`] puts the result in a file without ever leaving half of one.

mod atomic;
mod csv;
mod html;
mod json;
mod md;
mod safe_write;
mod svg;

pub use atomic::write_atomically;
pub use json::SCHEMA_VERSION;
pub use safe_write::{Mode, SafeWriter, json_line, json_pretty};

use crate::domain::AppStatus;
use crate::domain::snapshot::{Snapshot, SnapshotDiff, StatusCounts};
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV, UTF-8, one row per application (or change).
    Csv,
    /// JSON with a `schema_version` and ISO 8601 times.
    Json,
    /// Markdown tables.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in help order.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Json, Format::Markdown, Format::Html];

    /// The name used on the command line and as the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Parse a format name (`markdown` and `htm` are accepted too).
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format a file name's extension implies.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension().and_then(|e| e.to_str()).and_then(Format::parse)
    }
}

/// Choices that change how a format is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only, for Excel: start with a UTF-8 byte-order mark so Excel reads the file as
    /// UTF-8, and write times as `2026-03-02 09:51:00` (Excel reads no `T` as a date-time).
    pub excel: bool,
    /// HTML only: list closed applications (rejected, withdrawn, hired) too. By default
    /// the page lists the open ones, which keeps it small enough to open and print; the
    /// counts and the funnel always cover every application.
    pub closed: bool,
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// JSON encoding failed.
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The output path is not one rolecall writes to (a symbolic link).
    #[error("{0}")]
    Refused(String),
    /// A file-system step of an atomic write failed.
    #[error("cannot {action} {path}: {source}")]
    File {
        /// What was being done.
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

impl ExportError {
    /// True when the reader of the output went away (`… | head`): not a failure of ours.
    pub fn is_closed_pipe(&self) -> bool {
        let kind = match self {
            ExportError::Io(e) | ExportError::File { source: e, .. } => Some(e.kind()),
            ExportError::Csv(e) => match e.kind() {
                ::csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            ExportError::Json(e) => e.io_error_kind(),
            ExportError::Refused(_) => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

/// Result of an export.
pub type Result<T> = std::result::Result<T, ExportError>;

/// Write a snapshot in `format`.
pub fn write_snapshot(
    format: Format,
    snapshot: &Snapshot,
    opts: ExportOptions,
    w: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Csv => csv::snapshot(snapshot, opts, w),
        Format::Json => json::snapshot(snapshot, w),
        Format::Markdown => md::snapshot(snapshot, w),
        Format::Html => html::snapshot(snapshot, opts, w),
    }?;
    w.flush()?;
    Ok(())
}

/// Write the changes between two snapshots in `format`.
pub fn write_diff(format: Format, diff: &SnapshotDiff, opts: ExportOptions, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::Csv => csv::diff(diff, opts, w),
        Format::Json => json::diff(diff, w),
        Format::Markdown => md::diff(diff, w),
        Format::Html => html::diff(diff, w),
    }?;
    w.flush()?;
    Ok(())
}

/// Make text inert for Markdown and HTML: control characters (line breaks included)
/// and bidi overrides cannot break a table row or reorder what follows.
fn one_line(s: &str) -> String {
    crate::domain::text::inert(s)
}

/// "12 applications: 5 active, 1 on hold, …" (statuses with none are left out).
pub(crate) fn summary(counts: &StatusCounts) -> String {
    let parts: Vec<String> = AppStatus::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {s}", counts.get(*s)))
        .collect();
    let n = counts.total();
    let noun = if n == 1 { "application" } else { "applications" };
    if parts.is_empty() { format!("{n} {noun}") } else { format!("{n} {noun}: {}", parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_paths() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::from_path(Path::new("out/Pipeline.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("pipeline")), None);
    }
}

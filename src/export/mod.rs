//! Snapshot and diff writers: CSV for spreadsheets, JSON for tools, Markdown for a wiki
//! page, HTML for a browser. Each writer is pure: it renders onto any `io::Write`.
//! [`write_atomically`] puts the result in a file without ever leaving half of one.

mod atomic;
mod csv;
mod error;
mod format;
mod html;
mod html_scorecards;
pub mod ics;
mod json;
mod md;
mod safe_write;
mod svg;
mod text;

pub use atomic::write_atomically;
pub use csv::SnapshotRows;
pub use error::{ExportError, Result};
pub use format::{ExportOptions, Format};
pub use html::LISTED_PER_STAGE;
pub use html_scorecards::SCORECARDS_PER_ROLE;
pub use json::SCHEMA_VERSION;
pub use safe_write::{Mode, SafeWriter, json_line, json_pretty};

use crate::domain::snapshot::{Snapshot, SnapshotDiff};
use std::io::Write;

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

//! The writers' entry points: a snapshot or a diff in a format, from memory or from rows
//! pulled one at a time.

use super::rows::{CardSource, Changes, DiffCounts, HeldCards, Rows, rows_of};
use super::{ExportOptions, Format, Result, csv, html, json, md};
use crate::domain::snapshot::{Snapshot, SnapshotDiff};
use chrono::{DateTime, Utc};
use std::io::Write;

/// Write a snapshot held in memory in `format`.
pub fn write_snapshot(
    format: Format,
    snapshot: &Snapshot,
    opts: ExportOptions,
    w: &mut dyn Write,
) -> Result<()> {
    let mut rows = rows_of(snapshot);
    write_snapshot_rows(format, snapshot, &mut rows, opts, &mut HeldCards(snapshot), w)
}

/// Write a snapshot in `format` from its head (roles, stages, counts; the applications
/// it holds are not read) and its rows in board order, pulled one at a time.
pub fn write_snapshot_rows(
    format: Format,
    head: &Snapshot,
    rows: Rows<'_>,
    opts: ExportOptions,
    cards: &mut dyn CardSource,
    w: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Csv => csv::snapshot(head, rows, opts, w),
        Format::Json => json::snapshot(head, rows, w),
        Format::Markdown => md::snapshot(head, rows, w),
        Format::Html => html::snapshot(head, rows, opts, cards, w),
    }?;
    w.flush()?;
    Ok(())
}

/// Write the changes between two snapshots held in memory in `format`.
pub fn write_diff(format: Format, diff: &SnapshotDiff, opts: ExportOptions, w: &mut dyn Write) -> Result<()> {
    let mut changes = diff.entries.iter().cloned();
    write_diff_rows(format, diff.since, diff.until, diff, &mut changes, opts, w)
}

/// Write the changes between `since` and `until` in `format`: the counts first, then the
/// entries (by role, kind, id), pulled one at a time.
pub fn write_diff_rows(
    format: Format,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    counts: &dyn DiffCounts,
    changes: Changes<'_>,
    opts: ExportOptions,
    w: &mut dyn Write,
) -> Result<()> {
    let span = (since, until);
    match format {
        Format::Csv => csv::diff(span, changes, opts, w),
        Format::Json => json::diff(span, counts, changes, w),
        Format::Markdown => md::diff(span, counts, changes, w),
        Format::Html => html::diff(span, counts, changes, w),
    }?;
    w.flush()?;
    Ok(())
}

//! CSV (RFC 4180: CRLF rows, quotes where needed, UTF-8) for spreadsheets.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some also a
//! leading tab or CR) as a formula, so a candidate named `=HYPERLINK(…)` could act
//! when the file is opened. Every such cell gets a leading `'`, which keeps it text.
//!
//! Times are UTC (the column names say so) in a form the spreadsheet opening the file
//! reads as a date-time rather than text: `2026-03-02T09:51:00` by default (LibreOffice's
//! CSV import detects ISO 8601 even with "Detect special numbers" off, its default, but
//! not a zone suffix such as `Z`), `2026-03-02 09:51:00` with `--excel` (Excel does not
//! read a `T` as a date-time). Both to the second: spreadsheets round microseconds.

use super::rows::Span;
use super::{Changes, ExportOptions, Result, Rows};
use crate::domain::clock::push_to_second;
use crate::domain::snapshot::{ApplicationSnapshot, Snapshot};
use crate::domain::text::neutralise_except;
use crate::domain::{AppStatus, Rating, RejectReason};
use chrono::{DateTime, Utc};
use std::borrow::Cow;
use std::io::Write;

const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

const SNAPSHOT_HEADER: [&str; 15] = [
    "as_of_utc",
    "role",
    "role_title",
    "application_id",
    "candidate_id",
    "candidate",
    "level",
    "stage",
    "status",
    "reject_reason",
    "applied_at_utc",
    "stage_entered_at_utc",
    "days_in_stage",
    "interviews_at_stage",
    "last_recommendation",
];

const DIFF_HEADER: [&str; 12] = [
    "since_utc",
    "until_utc",
    "change",
    "role",
    "application_id",
    "candidate",
    "level",
    "from_stage",
    "to_stage",
    "from_status",
    "to_status",
    "reject_reason",
];

/// Prefix `'` to a cell a spreadsheet would otherwise read as a formula, and make
/// control characters inert (a quoted cell keeps its tabs and line breaks; ESC, BEL,
/// CR, C1 controls and bidi overrides become U+FFFD, so the file is safe on a terminal).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let formula = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let cell = neutralise_except(cell, &['\n', '\t']);
    if formula { Cow::Owned(format!("'{cell}")) } else { cell }
}

/// A UTC time as the spreadsheet `opts` aims at reads it as a date-time.
fn sheet_time(t: DateTime<Utc>, opts: ExportOptions) -> String {
    let mut out = String::with_capacity(19);
    push_to_second(t, sheet_separator(opts), &mut out);
    out
}

/// What stands between day and time for the spreadsheet `opts` aims at.
fn sheet_separator(opts: ExportOptions) -> char {
    if opts.excel { ' ' } else { 'T' }
}

fn writer(opts: ExportOptions, w: &mut dyn Write) -> Result<::csv::Writer<&mut dyn Write>> {
    if opts.excel {
        w.write_all(UTF8_BOM)?;
    }
    Ok(::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(w))
}

fn write_row<const N: usize>(out: &mut ::csv::Writer<&mut dyn Write>, cells: [&str; N]) -> Result<()> {
    for cell in cells {
        out.write_field(neutralise(cell).as_bytes())?;
    }
    out.write_record(None::<&[u8]>)?;
    Ok(())
}

fn reason(r: Option<RejectReason>) -> &'static str {
    r.map_or("", RejectReason::label)
}

/// One row per application, in role then board order.
pub fn snapshot(head: &Snapshot, rows: Rows<'_>, opts: ExportOptions, w: &mut dyn Write) -> Result<()> {
    let mut out = SnapshotRows::new(head.as_of, opts, w)?;
    for (i, a) in rows {
        if let Some(role) = head.roles.get(i) {
            out.row(&role.slug, &role.title, &a)?;
        }
    }
    out.finish()
}

/// A snapshot's CSV written one application at a time, for a stream of rows that is
/// never held in memory (the current state, read from the live rows).
pub struct SnapshotRows<'w> {
    out: ::csv::Writer<&'w mut dyn Write>,
    opts: ExportOptions,
    as_of: String,
    /// The row's numbers and times, written side by side (no text allocated per row).
    scratch: String,
}

impl<'w> SnapshotRows<'w> {
    /// Start the file (byte-order mark for Excel, header) for a snapshot as of `as_of`.
    pub fn new(as_of: DateTime<Utc>, opts: ExportOptions, w: &'w mut dyn Write) -> Result<Self> {
        let mut out = writer(opts, w)?;
        write_row(&mut out, SNAPSHOT_HEADER)?;
        Ok(SnapshotRows { out, opts, as_of: sheet_time(as_of, opts), scratch: String::new() })
    }

    /// The row of one application of the role `slug` (titled `title`).
    pub fn row(&mut self, slug: &str, title: &str, a: &ApplicationSnapshot) -> Result<()> {
        use std::fmt::Write as _;
        let sep = sheet_separator(self.opts);
        let s = &mut self.scratch;
        s.clear();
        let mut ends = [0; 6];
        let _ = write!(s, "{}", a.application_id);
        ends[0] = s.len();
        let _ = write!(s, "{}", a.candidate_id);
        ends[1] = s.len();
        push_to_second(a.applied_at, sep, s);
        ends[2] = s.len();
        push_to_second(a.stage_entered_at, sep, s);
        ends[3] = s.len();
        let _ = write!(s, "{}", a.days_in_stage);
        ends[4] = s.len();
        let _ = write!(s, "{}", a.interviews_at_stage);
        ends[5] = s.len();
        let part = |i: usize| &s[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        write_row(
            &mut self.out,
            [
                &self.as_of,
                slug,
                title,
                part(0),
                part(1),
                &a.candidate_name,
                &a.level_title,
                &a.stage_label,
                a.status.label(),
                reason(a.reject_reason),
                part(2),
                part(3),
                part(4),
                part(5),
                a.last_recommendation.map_or("", Rating::label),
            ],
        )
    }

    /// Flush what is buffered.
    pub fn finish(mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// One row per changed application.
pub fn diff(span: Span, changes: Changes<'_>, opts: ExportOptions, w: &mut dyn Write) -> Result<()> {
    let mut out = writer(opts, w)?;
    write_row(&mut out, DIFF_HEADER)?;
    let (since, until) = (sheet_time(span.0, opts), sheet_time(span.1, opts));
    for e in changes {
        write_row(
            &mut out,
            [
                &since,
                &until,
                e.change.as_str(),
                &e.role_slug,
                &e.application_id.to_string(),
                &e.candidate_name,
                &e.level_title,
                e.from_stage.as_deref().unwrap_or(""),
                &e.to_stage,
                e.from_status.map_or("", AppStatus::label),
                e.to_status.label(),
                reason(e.reject_reason),
            ],
        )?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(
            neutralise(r#"=HYPERLINK("http://example.invalid","x")"#),
            r#"'=HYPERLINK("http://example.invalid","x")"#
        );
        assert_eq!(
            neutralise("a\x1b]52;c;x\x07\u{9b}\u{202E}\r\n\tb"),
            "a\u{FFFD}]52;c;x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\n\tb"
        );
        assert_eq!(neutralise("=\x1b"), "'=\u{FFFD}");
        for fine in ["Ana", "", "1-2", "a=b", "'quoted"] {
            assert_eq!(neutralise(fine), fine);
        }
    }

    #[test]
    fn times_are_whole_seconds_in_the_form_each_spreadsheet_reads() {
        use chrono::TimeZone;
        let t =
            Utc.with_ymd_and_hms(2026, 3, 31, 23, 59, 59).unwrap() + chrono::Duration::microseconds(999_999);
        assert_eq!(
            sheet_time(t, ExportOptions { excel: false, ..ExportOptions::default() }),
            "2026-03-31T23:59:59"
        );
        assert_eq!(
            sheet_time(t, ExportOptions { excel: true, ..ExportOptions::default() }),
            "2026-03-31 23:59:59"
        );
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut buf = Vec::new();
        {
            let mut out =
                writer(ExportOptions { excel: true, ..ExportOptions::default() }, &mut buf).expect("writer");
            write_row(&mut out, ["a,b", "say \"hi\"", "line\nbreak", "-1"]).expect("row");
            out.flush().expect("flush");
        }
        let text = String::from_utf8(buf).expect("utf-8");
        assert_eq!(text, "\u{feff}\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",'-1\r\n");
    }
}

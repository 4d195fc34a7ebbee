//! `export`: a snapshot as of an instant (or the changes between two instants) in
//! csv, json, md or html, to stdout or atomically to a file.

use super::progress::Progress;
use super::shared_args::AS_OF_HELP;
use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::FamilyId;
use crate::domain::snapshot::{is_not_after_today, parse_as_of};
use crate::domain::text::count_of;
use crate::export::{self, ExportError, ExportOptions, Format, write_atomically};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::cell::Cell;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

impl From<ExportError> for CliError {
    fn from(e: ExportError) -> Self {
        if e.is_closed_pipe() {
            return CliError::output_closed();
        }
        if let ExportError::Refused(message) = e {
            return CliError { code: ExitCode::Conflict, message };
        }
        CliError { code: ExitCode::Io, message: e.to_string() }
    }
}

/// Parse an `--as-of` style argument, naming the flag in the error. Instants after
/// today are refused: a snapshot shows what has happened, and days in stage would
/// otherwise be counted up to a day that has not come.
pub fn instant(flag: &str, value: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, CliError> {
    let at = parse_as_of(value).ok_or_else(|| {
        CliError::usage(format!(
            "{flag} '{value}' is not a date (YYYY-MM-DD, meaning the end of that UTC day) \
             or an RFC 3339 date-time (2026-03-31T12:00:00Z)"
        ))
    })?;
    if !is_not_after_today(at, now) {
        return Err(CliError::usage(format!(
            "{flag} '{value}' is in the future (today is {} UTC); use today or an earlier date",
            now.format("%Y-%m-%d")
        )));
    }
    Ok(at)
}

/// The role filter, resolved to an id.
pub fn role_filter(store: &Store, role: Option<&str>) -> Result<Option<FamilyId>, CliError> {
    Ok(match role {
        Some(key) => Some(store.family_by_slug(key)?.id),
        None => None,
    })
}

/// `--format` takes the export formats by their names (`csv`, `json`, `md`, `html`); clap
/// refuses any other value and lists these.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

fn choose_format(args: &ExportArgs, json: bool) -> Result<Format, CliError> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    if let Some(f) = args.output.as_deref().and_then(Format::from_path) {
        return Ok(f);
    }
    if json {
        return Ok(Format::Json);
    }
    Err(CliError::usage("choose a format with --format csv|json|md|html (or give -o a file ending in one)"))
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format (default: the -o file's extension, or json with --json).
    #[arg(long, short = 'f', value_name = "FORMAT", value_enum)]
    pub format: Option<Format>,
    /// The instant to export (see --help for what a plain date means).
    #[arg(long, value_name = "DATE|DATETIME", conflicts_with = "diff", long_help = AS_OF_HELP)]
    pub as_of: Option<String>,
    /// Only this role (slug or title).
    #[arg(long, value_name = "SLUG")]
    pub role: Option<String>,
    /// Write to this file instead of stdout: atomically (never half-written) and
    /// readable by you only (mode 0600), as exports hold personal data.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only, for Excel: a UTF-8 byte-order mark (so accents read correctly) and times
    /// as 2026-03-02 09:51:00, which Excel makes dates (the default form suits LibreOffice).
    #[arg(long)]
    pub excel: bool,
    /// HTML only: list closed applications (rejected, withdrawn, hired) too; by default
    /// the page lists open ones (its counts and funnel always include every application).
    #[arg(long)]
    pub closed: bool,
    /// Export what changed between the end of DATE1 and the end of DATE2 (dates or
    /// RFC 3339 date-times): who joined, moved, left (with the reason).
    #[arg(long, num_args = 2, value_names = ["DATE1", "DATE2"])]
    pub diff: Option<Vec<String>>,
}

#[derive(Serialize)]
struct Written<'a> {
    path: &'a Path,
    format: &'static str,
    bytes: u64,
    rows: usize,
}

/// `rolecall export …`.
pub fn run(store: &Store, out: &Output, args: &ExportArgs) -> CliResult {
    let format = choose_format(args, out.json)?;
    if args.excel && format != Format::Csv {
        return Err(CliError::usage("--excel only applies to --format csv"));
    }
    if args.closed && format != Format::Html {
        return Err(CliError::usage(
            "--closed only applies to --format html (the other formats list every application)",
        ));
    }
    let opts = ExportOptions { excel: args.excel, closed: args.closed };
    let family = role_filter(store, args.role.as_deref())?;
    // Only beside a file being written: on stdout the bar would mix with the export.
    let to_file = args.output.as_deref().is_some_and(|p| p != Path::new("-"));
    let bar = if to_file { Progress::spinner("replaying the event log") } else { Progress::none() };
    if let Some(dates) = &args.diff {
        let [since, until] = dates.as_slice() else {
            return Err(CliError::usage("--diff takes two dates: DATE1 DATE2"));
        };
        let (since, until) = (instant("--diff", since, store.now())?, instant("--diff", until, store.now())?);
        if since > until {
            return Err(CliError::usage("--diff DATE1 DATE2: DATE1 must not be later than DATE2"));
        }
        // Both instants in one pass over the log sorted by application; the entries
        // wait sorted on disk (memory does not grow with the log).
        let diff = store.sorted_diff(since, until, family)?;
        let rows = diff.counts.iter().sum();
        bar.message(&format!("writing {} changes as {}", rows, format.as_str()));
        return deliver(out, args.output.as_deref(), format, &Cell::new(rows), bar, |w| {
            export::write_sorted_diff(format, diff, opts, w).map(drop)
        });
    }
    if args.as_of.is_none() && format == Format::Csv {
        // Now: the live rows, streamed (an earlier instant replays the log).
        bar.message("writing the applications as csv");
        return current_csv(store, out, args.output.as_deref(), family, opts, bar);
    }
    let as_of = match &args.as_of {
        Some(v) => instant("--as-of", v, store.now())?,
        None => store.now(),
    };
    // The log sorted by application, each one's row kept sorted on disk as its replay
    // ends: memory does not grow with the log.
    let snapshot = store.sorted_snapshot(as_of, family)?;
    let rows: usize = snapshot
        .head
        .roles
        .iter()
        .map(|r| r.totals())
        .map(|t| if format == Format::Html && !opts.closed { t.active + t.on_hold } else { t.total() })
        .map(|n| n as usize)
        .sum();
    bar.message(&format!("writing {rows} applications as {}", format.as_str()));
    deliver(out, args.output.as_deref(), format, &Cell::new(rows), bar, |w| {
        export::write_sorted_snapshot(store, format, snapshot, opts, w).map(drop)
    })
}

/// The CSV of every application as it stands now, from the live rows, one row in memory
/// at a time.
fn current_csv(
    store: &Store,
    out: &Output,
    path: Option<&Path>,
    family: Option<FamilyId>,
    opts: ExportOptions,
    bar: Progress,
) -> CliResult {
    let rows = Cell::new(0);
    let mut unread = None;
    let delivered = deliver(out, path, Format::Csv, &rows, bar, |w| {
        let mut csv = export::SnapshotRows::new(store.now(), opts, w)?;
        let mut failed = None;
        let read = store.for_each_current_application(family, &mut |role, a| match csv.row(
            &role.slug,
            &role.title,
            a,
        ) {
            Ok(()) => {
                rows.set(rows.get() + 1);
                ControlFlow::Continue(())
            }
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = read {
            // Reported below with the store's own exit code; nothing is delivered.
            unread = Some(e);
            return Err(ExportError::Refused(String::new()));
        }
        csv.finish()
    });
    match unread {
        Some(e) => Err(e.into()),
        None => delivered,
    }
}

fn deliver(
    out: &Output,
    path: Option<&Path>,
    format: Format,
    rows: &Cell<usize>,
    bar: Progress,
    render: impl FnOnce(&mut dyn Write) -> export::Result<()>,
) -> CliResult {
    // `-o -` is stdout, as for most tools.
    let Some(path) = path.filter(|p| *p != Path::new("-")) else {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        render(&mut lock)?;
        return Ok(());
    };
    let bytes = write_atomically(path, render)?;
    drop(bar);
    let rows = rows.get();
    let written = Written { path, format: format.as_str(), bytes, rows };
    out.emit(&written, |w| {
        let rows = count_of(rows, "row", "rows");
        writeln!(w, "wrote {} ({rows}, {bytes} bytes) to {}", format.as_str(), path.display())
    })
}

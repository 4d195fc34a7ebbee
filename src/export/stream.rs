//! Exports whose rows wait sorted in a spill (`Store::sorted_snapshot`, `sorted_diff`):
//! a thread reads them back in order and hands them over a small bounded channel to the
//! writer, which pulls them one at a time, so neither side holds more than a few rows.

use super::rows::{CardSource, DiffCounts};
use super::{ExportError, ExportOptions, Format, Result, write_diff_rows, write_snapshot_rows};
use crate::domain::ApplicationId;
use crate::domain::dense::DenseMap;
use crate::domain::scorecard::Scorecards;
use crate::domain::snapshot::ChangeKind;
use crate::store::{SortedDiff, SortedSnapshot, Store};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::sync::mpsc::sync_channel;

/// Rows in flight between the reading thread and the writer.
const IN_FLIGHT: usize = 256;

/// The scorecard grids of an HTML page read from the store as the page's rows go by.
struct StoreCards<'s> {
    store: &'s Store,
    scored: DenseMap<()>,
    as_of: DateTime<Utc>,
}

impl CardSource for StoreCards<'_> {
    fn scored(&self, app: ApplicationId) -> bool {
        self.scored.get(app.0).is_some()
    }

    fn cards(&mut self, app: ApplicationId) -> Result<Option<Scorecards>> {
        let cards = self.store.scorecards_until(app, Some(self.as_of)).map_err(read_error)?;
        Ok((!cards.grids.is_empty() || cards.hidden > 0).then_some(cards))
    }
}

fn read_error(e: crate::store::StoreError) -> ExportError {
    ExportError::Read(e.to_string())
}

/// Write `sorted` in `format`; the number of rows written (for HTML, of rows read).
pub fn write_sorted_snapshot(
    store: &Store,
    format: Format,
    sorted: SortedSnapshot,
    opts: ExportOptions,
    w: &mut dyn Write,
) -> Result<usize> {
    let (head, rows) = sorted.into_parts();
    let mut cards = StoreCards {
        store,
        scored: if format == Format::Html {
            store.applications_with_scorecards().map_err(read_error)?
        } else {
            DenseMap::new()
        },
        as_of: head.as_of,
    };
    let mut count = 0;
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel(IN_FLIGHT);
        let reader = scope.spawn(move || rows.each_row(&mut |role, a| send.send((role, a)).is_ok()));
        let mut pulled = receive.iter().inspect(|_| count += 1);
        let written = write_snapshot_rows(format, &head, &mut pulled, opts, &mut cards, w);
        drop(receive);
        let read = reader.join().map_err(|_| ExportError::Read("the reading thread failed".into()))?;
        read.map_err(read_error)?;
        written
    })?;
    Ok(count)
}

struct Counts([usize; 7]);

impl DiffCounts for Counts {
    fn count(&self, kind: ChangeKind) -> usize {
        ChangeKind::ALL.iter().position(|k| *k == kind).map_or(0, |i| self.0[i])
    }
}

/// Write `sorted` in `format`; the number of changes.
pub fn write_sorted_diff(
    format: Format,
    sorted: SortedDiff,
    opts: ExportOptions,
    w: &mut dyn Write,
) -> Result<usize> {
    let (since, until) = (sorted.since, sorted.until);
    let counts = Counts(sorted.counts);
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel(IN_FLIGHT);
        let reader = scope.spawn(move || sorted.each_change(&mut |e| send.send(e).is_ok()));
        let mut pulled = receive.iter();
        let written = write_diff_rows(format, since, until, &counts, &mut pulled, opts, w);
        drop(receive);
        let read = reader.join().map_err(|_| ExportError::Read("the reading thread failed".into()))?;
        read.map_err(read_error)?;
        written
    })?;
    Ok(counts.0.iter().sum())
}

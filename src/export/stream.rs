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
use std::sync::atomic::{AtomicBool, Ordering};
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
    pump(
        |send| rows.each_row(&mut |role, a| send((role, a))),
        |pulled, w| {
            let mut pulled = pulled.inspect(|_| count += 1);
            write_snapshot_rows(format, &head, &mut pulled, opts, &mut cards, w)
        },
        w,
    )?;
    Ok(count)
}

/// Run `read` on a thread of its own, handing its rows over a bounded channel to `write`,
/// which pulls them one at a time and writes to `w`. A failed read is the error, and the
/// output stops where the rows stopped: once the read has failed, `w` takes nothing more,
/// so the document's end (a JSON array's `]`, an HTML page's footer) is never written and
/// what went to stdout reads as cut off, not as a complete export with rows missing.
fn pump<T: Send>(
    read: impl FnOnce(&mut dyn FnMut(T) -> bool) -> crate::store::Result<()> + Send,
    write: impl FnOnce(&mut dyn Iterator<Item = T>, &mut dyn Write) -> Result<()>,
    w: &mut dyn Write,
) -> Result<()> {
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel(IN_FLIGHT);
        let reader = scope.spawn(|| {
            let send = send;
            // Up unless the read ends well, a panic included: declared after `send`, so
            // dropped (the flag raised) before the channel closes.
            let mut flag = Raise(&failed, true);
            let read = read(&mut |row| send.send(row).is_ok());
            flag.1 = read.is_err();
            drop(flag);
            drop(send);
            read
        });
        let written = write(&mut receive.iter(), &mut Gate { w, failed: &failed });
        drop(receive);
        let read = reader.join().map_err(|_| ExportError::Read("the reading thread failed".into()))?;
        read.map_err(read_error)?;
        written
    })
}

/// Raises its flag when dropped while armed.
struct Raise<'a>(&'a AtomicBool, bool);

impl Drop for Raise<'_> {
    fn drop(&mut self) {
        if self.1 {
            self.0.store(true, Ordering::Release);
        }
    }
}

/// An output that refuses every write once `failed` is up.
struct Gate<'a> {
    w: &'a mut dyn Write,
    failed: &'a AtomicBool,
}

impl Gate<'_> {
    fn open(&self) -> std::io::Result<()> {
        if self.failed.load(Ordering::Acquire) {
            return Err(std::io::Error::other("the export's rows could not all be read"));
        }
        Ok(())
    }
}

impl Write for Gate<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.open()?;
        self.w.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.open()?;
        self.w.flush()
    }
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
    pump(
        |send| sorted.each_change(&mut |e| send(e)),
        |pulled, w| write_diff_rows(format, since, until, &counts, pulled, opts, w),
        w,
    )?;
    Ok(counts.0.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    /// Rows then an end line, as a JSON array or an HTML page ends.
    fn document(rows: &mut dyn Iterator<Item = u32>, w: &mut dyn Write) -> Result<()> {
        for r in rows {
            writeln!(w, "row {r}")?;
        }
        writeln!(w, "end")?;
        Ok(())
    }

    #[test]
    fn a_read_that_fails_midway_leaves_no_end_and_is_the_error() {
        let mut out = Vec::new();
        let read = |send: &mut dyn FnMut(u32) -> bool| {
            (1..=3).for_each(|r| assert!(send(r)));
            Err(StoreError::Corrupt("row 4 cannot be read".into()))
        };
        let e = pump(read, document, &mut out).expect_err("the read failed");
        assert!(e.to_string().contains("row 4 cannot be read"), "{e}");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(!text.contains("end"), "the end was written after a failed read: {text:?}");
        assert!(text.lines().all(|l| l.starts_with("row ")), "{text:?}");
    }

    #[test]
    fn a_read_that_panics_midway_leaves_no_end_and_is_an_error() {
        let mut out = Vec::new();
        let read = |send: &mut dyn FnMut(u32) -> bool| -> crate::store::Result<()> {
            (1..=3).for_each(|r| assert!(send(r)));
            panic!("a reading thread fails");
        };
        let e = pump(read, document, &mut out).expect_err("the read failed");
        assert!(e.to_string().contains("the reading thread failed"), "{e}");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(!text.contains("end"), "the end was written after a panicked read: {text:?}");
    }

    #[test]
    fn a_whole_read_is_written_with_its_end() {
        let mut out = Vec::new();
        let read = |send: &mut dyn FnMut(u32) -> bool| {
            (1..=1000).for_each(|r| assert!(send(r)));
            Ok(())
        };
        pump(read, document, &mut out).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.lines().count(), 1001);
        assert!(text.ends_with("row 1000\nend\n"), "{text:?}");
    }
}

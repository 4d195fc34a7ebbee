//! The demo on two threads: a scoped thread generates the stream and turns it into rows
//! (`write::rows`) while the caller's thread inserts them, so on two cores the
//! generating and the inserting overlap. Batches go over a bounded channel a few deep
//! (memory stays flat) and come back empty to be filled again. Rows arrive in the order
//! they were made, so the data is the same as on one thread.
//!
//! When an insert fails the writer stops reading: dropping its end of the channel makes
//! the generator's next hand-over fail, and the generator returns. A panic on either
//! thread ends the other too (the scope joins the generator; a dead generator closes
//! the channel) and is passed on.

use super::plan::RoleShape;
use super::time::Micros;
use super::write::{self, Batch, Written};
use crate::store::{BulkWriter, NextIds, Result, StoreError};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};

/// Full batches waiting for the writer at most (each a few tens of kilobytes).
const BATCHES_AHEAD: usize = 8;

/// People between two progress reports.
const PROGRESS_EVERY: u64 = 8192;

/// The writer stopped reading (it failed): the generator's cue to stop.
struct Stopped;

/// Generate and write `count` people over `roles` with ids from `next`, telling
/// `progress` how many people are written now and then.
pub(super) fn write(
    w: &mut BulkWriter<'_>,
    roles: &[RoleShape],
    stream: (usize, u64, Micros),
    next: NextIds,
    progress: &mut dyn FnMut(u64),
) -> Result<Written> {
    let (full_tx, full_rx) = sync_channel::<Batch>(BATCHES_AHEAD);
    let (empty_tx, empty_rx) = channel::<Batch>();
    std::thread::scope(|scope| {
        let spawned =
            std::thread::Builder::new().name("demo-generator".into()).spawn_scoped(scope, move || {
                write::rows(roles, stream, next, &mut |full| {
                    full_tx.send(full).map_err(|_| Stopped)?;
                    Ok(empty_rx.try_recv().unwrap_or_default())
                })
            });
        let Ok(generator) = spawned else {
            // No thread to be had: generate between the inserts instead.
            return write_here(w, roles, stream, next, progress);
        };
        let inserted = insert(w, full_rx, &empty_tx, progress);
        match generator.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(generated) => {
                inserted?;
                // The writer reads until the generator is done unless it failed (above).
                generated.map_err(|Stopped| StoreError::Other("the demo's generator stopped early".into()))
            }
        }
    })
}

/// [`write`] on this thread alone.
fn write_here(
    w: &mut BulkWriter<'_>,
    roles: &[RoleShape],
    stream: (usize, u64, Micros),
    next: NextIds,
    progress: &mut dyn FnMut(u64),
) -> Result<Written> {
    let mut reported = 0;
    write::rows(roles, stream, next, &mut |batch| {
        w.write(&batch.rows)?;
        report(&mut reported, batch.people, progress);
        Ok(batch)
    })
}

/// Tell `progress` about `people` when it has passed another [`PROGRESS_EVERY`].
fn report(reported: &mut u64, people: u64, progress: &mut dyn FnMut(u64)) {
    if people / PROGRESS_EVERY != *reported / PROGRESS_EVERY {
        progress(people);
    }
    *reported = people;
}

/// Insert every batch `full` brings until the generator is done, handing each back
/// through `empty`. Takes `full` so that returning (on an error too) closes it.
fn insert(
    w: &mut BulkWriter<'_>,
    full: Receiver<Batch>,
    empty: &Sender<Batch>,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let mut reported = 0;
    for batch in full {
        w.write(&batch.rows)?;
        report(&mut reported, batch.people, progress);
        // Gone only when the generator is: nothing to reuse it for then.
        let _ = empty.send(batch);
    }
    Ok(())
}

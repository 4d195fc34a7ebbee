//! Waiting for the write lock. Several rolecall processes (two recruiters' TUIs, a
//! script) share one database. SQLite's busy timeout covers most waits; these helpers
//! retry what it leaves over (BEGIN IMMEDIATE or COMMIT still answering "busy") with a
//! bounded, jittered backoff, so "database is locked" does not reach the user under
//! normal load. Jitter keeps processes that collided once from colliding again in step.

use super::Result;
use rusqlite::{Connection, DropBehavior, ErrorCode, Transaction, TransactionBehavior};
use std::time::Duration;

/// Attempts in all (each may itself wait up to the busy timeout inside SQLite).
const ATTEMPTS: u32 = 8;
/// Ceiling of the first pause; it doubles per attempt up to `MAX_PAUSE_MS`.
const FIRST_PAUSE_MS: u64 = 4;
/// Longest single pause.
const MAX_PAUSE_MS: u64 = 500;

/// Exponential backoff with jitter, bounded by [`ATTEMPTS`].
pub(crate) struct Backoff {
    attempt: u32,
}

impl Backoff {
    /// A fresh backoff: the first failure pauses at most a few milliseconds.
    pub(crate) fn new() -> Self {
        Backoff { attempt: 0 }
    }

    /// Sleep before the next attempt; `false` (without sleeping) when attempts are used up.
    pub(crate) fn pause(&mut self) -> bool {
        self.attempt += 1;
        if self.attempt >= ATTEMPTS {
            return false;
        }
        std::thread::sleep(pause_for(self.attempt, random()));
        true
    }
}

/// The pause before attempt `attempt + 1`: uniform in the upper half of the ceiling.
fn pause_for(attempt: u32, random: u64) -> Duration {
    let ceiling = FIRST_PAUSE_MS.saturating_mul(1u64 << attempt.min(16)).min(MAX_PAUSE_MS);
    let half = ceiling / 2;
    Duration::from_millis(half + random % (ceiling - half + 1))
}

/// A random number without a dependency: std's hasher keys are random per process and
/// change on every `RandomState::new()`.
fn random() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(std::process::id())
}

/// True when SQLite answered "busy" or "locked".
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

/// Begin an IMMEDIATE transaction: it takes the write lock at once, so every read
/// inside it is current and nothing can change before the commit. Retries while
/// another process holds the lock.
pub(crate) fn begin_immediate(conn: &Connection) -> Result<Transaction<'_>> {
    refuse_if_made_read_only(conn)?;
    let mut backoff = Backoff::new();
    loop {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) if is_busy(&e) && backoff.pause() => {
                tracing::debug!("write lock busy; retrying: {e}");
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A file the user made read-only (`chmod a-w`) after this connection opened it: the
/// open handle could still write, but the user asked for no more changes. Refused the
/// way SQLite refuses a read-only database, before anything is written.
fn refuse_if_made_read_only(conn: &Connection) -> Result<()> {
    let read_only = conn
        .path()
        .filter(|p| !p.is_empty())
        .and_then(|p| std::fs::metadata(p).ok())
        .is_some_and(|m| m.permissions().readonly());
    if read_only {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("attempt to write a readonly database (the file was made read-only)".into()),
        )
        .into());
    }
    Ok(())
}

/// Commit, retrying while busy. On any other failure the transaction is rolled back.
pub(crate) fn commit(mut tx: Transaction<'_>) -> Result<()> {
    // We finish the transaction ourselves, so dropping it must not roll back a commit.
    tx.set_drop_behavior(DropBehavior::Ignore);
    let mut backoff = Backoff::new();
    loop {
        match tx.execute_batch("COMMIT") {
            Ok(()) => return Ok(()),
            Err(e) if is_busy(&e) && backoff.pause() => {
                tracing::debug!("commit busy; retrying: {e}");
            }
            Err(e) => {
                if !tx.is_autocommit() {
                    let _ = tx.execute_batch("ROLLBACK");
                }
                return Err(e.into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_and_stay_bounded() {
        assert!(pause_for(1, 0) >= Duration::from_millis(4));
        assert!(pause_for(1, u64::MAX) <= Duration::from_millis(8));
        for attempt in 0..40 {
            for r in [0, 1, 7, u64::MAX] {
                assert!(pause_for(attempt, r) <= Duration::from_millis(MAX_PAUSE_MS));
            }
        }
        let mut b = Backoff { attempt: ATTEMPTS - 1 };
        assert!(!b.pause(), "the last attempt does not sleep");
    }

    /// One round: another connection holds the write lock and commits after 60 ms while
    /// `begin_immediate` retries. `None` when the holder committed only after the waiter
    /// had given up: on a machine too loaded to run the holder's thread in time, which
    /// says nothing about the retry.
    fn wait_for_a_writer_once() -> Option<i64> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lock.db");
        let holder = Connection::open(&path).expect("open");
        holder
            .execute_batch(
                "PRAGMA journal_mode=WAL; CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);",
            )
            .expect("hold the write lock");
        let waiter = Connection::open(&path).expect("open");
        // No busy timeout: without the retry the first BEGIN would fail at once.
        waiter.busy_timeout(Duration::ZERO).expect("timeout");
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(60));
            holder.execute_batch("COMMIT").expect("commit");
            std::time::Instant::now()
        });
        let asked = std::time::Instant::now();
        let tx = begin_immediate(&waiter);
        let gave_up = std::time::Instant::now();
        if tx.is_err() {
            assert!(gave_up - asked >= Duration::from_millis(60), "gave up without waiting for the holder");
        }
        let committed = release.join().expect("holder thread");
        let tx = match tx {
            Ok(tx) => tx,
            Err(e) if committed > gave_up => {
                eprintln!("the holder committed after the waiter gave up ({e}); the machine is loaded");
                return None;
            }
            Err(e) => panic!("the lock was free before the waiter gave up, yet: {e}"),
        };
        tx.execute("INSERT INTO t VALUES (2)", []).expect("insert");
        commit(tx).expect("commit");
        Some(waiter.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0)).expect("count"))
    }

    #[test]
    fn begin_waits_for_another_writer_instead_of_failing() {
        let rows = (0..5).find_map(|_| wait_for_a_writer_once()).expect("five rounds too loaded to tell");
        assert_eq!(rows, 2);
    }
}

//! `doctor` on a file, across the machine's cores: SQLite's check of the pages runs on a
//! connection and thread of its own (`health.rs`); the foreign-key and text pass over
//! every table is split in two, the event log on a second thread, where the replay of
//! the log reads the same rows (one read of its 0.9 GB at a million candidates instead of
//! two), and every other table here, followed by the erasure and open-application checks.

use super::finding::{CheckStep, Finding, Severity};
use super::health_log::LogReplay;
use super::health_refs::{self, Plan, RowHook, Scanned};
use super::{Result, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The findings of the shared pass, in doctor's order; the last four only when the
/// tables are rolecall's (the replay reads them).
pub(super) struct Passed {
    pub(super) references: Finding,
    pub(super) event_log: Option<Finding>,
    pub(super) erasure: Option<Finding>,
    pub(super) text: Finding,
    pub(super) open_apps: Option<Finding>,
}

/// How far the log's thread has got: rows read and rows in all.
#[derive(Default)]
struct LogProgress {
    done: AtomicU64,
    total: AtomicU64,
}

/// The log's own table.
const LOG: &str = "events";

impl Store {
    /// The foreign-key and text checks of every table, the replay of the log, erasures
    /// and open applications: the log on a thread of its own, the rest here.
    pub(super) fn shared_pass(
        &self,
        conn: &Connection,
        replayable: bool,
        report: &mut dyn FnMut(CheckStep),
    ) -> Passed {
        let plan = match health_refs::plan(conn) {
            Ok(plan) => Arc::new(plan),
            Err(e) => return self.without_pass(replayable, e.into(), report),
        };
        let progress = Arc::new(LogProgress::default());
        let (theirs, seen) = (Arc::clone(&plan), Arc::clone(&progress));
        let log = Beside::start(self.path.as_deref(), conn, Map::None, move |c| {
            log_pass(c, &theirs, replayable, &seen)
        });
        let here = |t: &str| t != LOG;
        let total = plan.rows(&here);
        let rest = health_refs::scan(conn, &plan, &here, None, &mut |done| {
            report(CheckStep::Counted { what: "rows", done: done.min(total), total })
        });
        let (erasure, open_apps) = if replayable {
            report(CheckStep::Starting("erasure"));
            let erasure = cannot_run("erasure", self.check_erasures());
            report(CheckStep::Starting("open-apps"));
            (Some(erasure), Some(cannot_run("open-apps", self.check_open_duplicates())))
        } else {
            (None, None)
        };
        if replayable {
            report(CheckStep::Starting("event-log"));
        }
        let log = log.finish_counting("event-log", report, &|| {
            let total = progress.total.load(Ordering::Relaxed);
            let done = progress.done.load(Ordering::Relaxed).min(total);
            CheckStep::Counted { what: "events", done, total }
        });
        let (scanned, event_log) = match log {
            Ok((scanned, event_log)) => (Ok(scanned), event_log),
            Err(e) => {
                let msg = format!("could not be checked: {e}");
                (Err(e), replayable.then(|| Finding::new("event-log", Severity::Problem, msg)))
            }
        };
        let (references, text) = match scanned.and_then(|s| Ok(s.join(rest?))) {
            Ok((dangling, bad_text)) => {
                (references_finding(&dangling), super::text_check::text_finding(&bad_text))
            }
            Err(e) => {
                let msg = format!("could not be checked: {e}");
                (Finding::new("foreign-keys", Severity::Problem, msg), cannot_run("text", Err(e)))
            }
        };
        Passed { references, event_log, erasure, text, open_apps }
    }

    /// The checks when the tables cannot even be listed: the log's replay on its own.
    fn without_pass(&self, replayable: bool, e: StoreError, report: &mut dyn FnMut(CheckStep)) -> Passed {
        let msg = format!("could not be checked: {e}");
        let (mut event_log, mut erasure) = (None, None);
        let mut open_apps = None;
        if replayable {
            let mut found = self.log_findings(report).into_iter();
            (event_log, erasure) = (found.next(), found.next());
            report(CheckStep::Starting("open-apps"));
            open_apps = Some(cannot_run("open-apps", self.check_open_duplicates()));
        }
        Passed {
            references: Finding::new("foreign-keys", Severity::Problem, msg),
            event_log,
            erasure,
            text: cannot_run("text", Err(e)),
            open_apps,
        }
    }
}

/// A check's finding, or a problem saying why it could not run.
pub(super) fn cannot_run(check: &'static str, result: Result<Finding>) -> Finding {
    result.unwrap_or_else(|e| Finding::new(check, Severity::Problem, format!("could not be checked: {e}")))
}

/// At most this many dangling references are spelled out.
const SHOWN: usize = 5;

/// The foreign-key finding, from the dangling references found.
pub(super) fn references_finding(broken: &[String]) -> Finding {
    if broken.is_empty() {
        return Finding::new("foreign-keys", Severity::Ok, "every reference points at an existing row");
    }
    let shown = broken.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
    Finding::new("foreign-keys", Severity::Problem, format!("{} dangling references: {shown}", broken.len()))
}

/// The event log's share of the pass, with its replay when the tables are rolecall's:
/// one read transaction, so a writer committing meanwhile cannot make a row disagree.
fn log_pass(
    conn: &Connection,
    plan: &Plan,
    replayable: bool,
    progress: &LogProgress,
) -> Result<(Scanned, Option<Finding>)> {
    let tx = conn.unchecked_transaction()?;
    let mut replay = None;
    let mut failed = None;
    if replayable {
        let total: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        progress.total.store(total.max(0) as u64, Ordering::Relaxed);
        match LogReplay::start(conn) {
            Ok(r) => replay = Some(r),
            Err(e) => failed = Some(e),
        }
    }
    let hook = replay.as_mut().map(|r| r as &mut dyn RowHook);
    let scanned = health_refs::scan(conn, plan, &|t| t == LOG, hook, &mut |done| {
        progress.done.store(done, Ordering::Relaxed)
    })?;
    let event_log = match (replay, failed) {
        (Some(replay), _) => Some(cannot_run("event-log", replay.finish(conn))),
        (None, Some(e)) => Some(cannot_run("event-log", Err(e))),
        (None, None) => None,
    };
    tx.commit()?;
    Ok((scanned, event_log))
}

/// Whether a check's connection maps the file into memory.
#[derive(Clone, Copy)]
pub(super) enum Map {
    /// Read pages through `pread` into SQLite's cache, as every other command does.
    None,
    /// Map the whole file (SQLite's limit is raised at build time, `.cargo/config.toml`;
    /// its own is 2 GB): every page is read where the kernel's cache holds it, not
    /// copied by `pread` into SQLite's. SQLite's own check only: a mapping counts the
    /// file's cached pages in the process's resident size once per connection mapping
    /// them (three mappings showed 12.4 GB "in use" at a million candidates for 54 MB
    /// allocated, for 8% less CPU than one), and a file cut short under a mapping ends
    /// the process rather than giving a finding.
    File,
}

/// A check of a file run on a connection of its own on another thread, or, with no file
/// (a snapshot in memory), run here before the others.
pub(super) enum Beside<T> {
    Thread(std::thread::JoinHandle<Result<T>>),
    Done(Result<T>),
}

impl<T: Send + 'static> Beside<T> {
    pub(super) fn start<F>(path: Option<&Path>, here: &Connection, map: Map, check: F) -> Self
    where
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        match path.map(Path::to_path_buf) {
            Some(path) => Beside::Thread(std::thread::spawn(move || check(&check_connection(&path, map)?))),
            None => Beside::Done(check(here)),
        }
    }

    /// Its result, saying the check is the one still running when it is.
    pub(super) fn finish(self, name: &'static str, report: &mut dyn FnMut(CheckStep)) -> Result<T> {
        match self {
            Beside::Done(result) => result,
            Beside::Thread(thread) => {
                if !thread.is_finished() {
                    report(CheckStep::Waiting(name));
                }
                thread.join().unwrap_or_else(|_| Err(StoreError::Other(format!("the {name} check stopped"))))
            }
        }
    }
}

impl<T: Send + 'static> Beside<T> {
    /// [`Beside::finish`], saying how far the thread has got every tenth of a second
    /// while it runs.
    fn finish_counting(
        self,
        name: &'static str,
        report: &mut dyn FnMut(CheckStep),
        counted: &dyn Fn() -> CheckStep,
    ) -> Result<T> {
        if let Beside::Thread(thread) = &self {
            while !thread.is_finished() {
                report(counted());
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        self.finish(name, report)
    }
}

/// A connection that only reads: when another process left committed writes in the
/// write-ahead log, closing it does not copy them into the file (what SQLite does when the
/// last connection closes), so the checked file stays as it was, byte for byte; `doctor
/// --checkpoint` asks for that copy explicitly. An empty log is closed as usual (its
/// files removed).
pub(super) fn check_connection(path: &Path, map: Map) -> Result<Connection> {
    let conn = super::open::open_file(path)?;
    if let Map::File = map {
        map_file(&conn)?;
    }
    let [wal, _] = super::files::companions(path);
    if std::fs::metadata(wal).is_ok_and(|m| m.len() > 0) {
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    }
    Ok(conn)
}

/// Map the file a connection reads into memory, up to SQLite's compiled limit (1 TB in
/// rolecall's build, 2 GB in SQLite's own): doctor's quick check only ([`Map::File`]).
fn map_file(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "mmap_size", 1i64 << 40)?;
    Ok(())
}

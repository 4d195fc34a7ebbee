//! `doctor`'s event-log check in one pass over the log: every application's stage,
//! status, reason and level against the replay of its events, and every event's person
//! against its application's. The log is streamed in id order (the table's own order,
//! read sequentially) with only each application's facts in memory, about 40 bytes each,
//! instead of the full replay (870 MB at a million candidates) and a second pass joining
//! every event to its application.

use super::finding::{CheckStep, Finding, Severity};
use super::handle::Backend;
use super::{Result, Store};
use crate::domain::clock::parse_time;
use crate::domain::dense::DenseMap;
use crate::domain::snapshot::{FactEvent, LiveFacts};
use crate::domain::{AppStatus, EventKind, LevelId, RejectReason, StageId};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

/// At most this many details are spelled out.
const SHOWN: usize = 5;

/// Progress is reported every this many events.
const EVERY: u64 = 1 << 16;

/// What the pass keeps per application.
struct Slot {
    /// The person the application's row names.
    candidate: i64,
    /// The level as of the event being read (see [`FactEvent::level_id`]).
    level: i64,
    /// The facts its events have given so far.
    replayed: Option<LiveFacts>,
}

/// The columns of an event the replay reads, in [`LogReplay::apply`]'s order.
const COLUMNS: [&str; 9] = [
    "id",
    "at",
    "kind",
    "application_id",
    "candidate_id",
    "to_stage_id",
    "to_status",
    "reason",
    "to_level_id",
];

/// The events of every application, streamed in log order.
const EVENTS: &str =
    "SELECT id, at, kind, application_id, candidate_id, to_stage_id, to_status, reason, to_level_id
     FROM events WHERE application_id IS NOT NULL ORDER BY id";

/// The replay of the log into each application's facts, fed one event at a time in id
/// order: by its own scan of the log ([`Store::check_event_log`]) or by the foreign-key
/// and text pass over the events table (`health_refs::scan`), which then reads the log
/// once for all three checks.
pub(super) struct LogReplay {
    slots: DenseMap<Slot>,
    /// Events read.
    events: u64,
    /// Events naming another person than their application.
    foreign: u64,
    /// Events whose time or kind cannot be read: how many, and the first few ids.
    unreadable: u64,
    unreadable_ids: Vec<i64>,
    /// Events read but not applied yet, in log order (see [`LogReplay::flush`]).
    pending: Vec<Pending>,
}

/// What the replay takes of one readable event until its batch is applied.
struct Pending {
    application: i64,
    candidate: Option<i64>,
    level: Option<i64>,
    kind: EventKind,
    to_stage: Option<StageId>,
    to_status: Option<AppStatus>,
    reason: Option<RejectReason>,
}

/// Events applied at once: their applications' slots are looked up together first.
const BATCH: usize = 128;

impl Store {
    /// Every application's stage, status, reason and level must equal the replay of its
    /// events, and every event must name the application's own candidate. One read
    /// transaction, so a writer committing meanwhile cannot make a row disagree.
    pub(super) fn check_event_log(&self, report: &mut dyn FnMut(CheckStep)) -> Result<Finding> {
        let conn = match &self.backend {
            Backend::Sqlite(conn) => conn,
            // A server's data checks run on a SQLite copy of one snapshot (pg/doctor.rs).
            #[cfg(feature = "postgres")]
            Backend::Postgres(_) => {
                return Err(super::StoreError::Other("the event log is checked on a copy".into()));
            }
        };
        let tx = conn.unchecked_transaction()?;
        let total: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        let mut replay = LogReplay::start(conn)?;
        let total = total.max(0) as u64;
        let mut stmt = conn.prepare(EVENTS)?;
        let mut rows = stmt.query([])?;
        let mut done = 0u64;
        while let Some(r) = rows.next()? {
            done += 1;
            if done.is_multiple_of(EVERY) {
                report(CheckStep::Counted { what: "events", done, total });
            }
            let mut values = [ValueRef::Null; COLUMNS.len()];
            for (i, v) in values.iter_mut().enumerate() {
                *v = r.get_ref(i)?;
            }
            replay.apply(&values);
        }
        report(CheckStep::Counted { what: "events", done: total.max(done), total: total.max(done) });
        drop(rows);
        drop(stmt);
        replay.events = total;
        let finding = replay.finish(conn);
        tx.commit()?;
        finding
    }
}

impl LogReplay {
    /// Each application's person and the level it was made at: before its first level
    /// change, the level that change left (as the snapshot's replay starts it).
    pub(super) fn start(conn: &Connection) -> Result<LogReplay> {
        let mut first_levels = std::collections::HashMap::new();
        let mut stmt = conn.prepare(super::snapshot::FIRST_LEVELS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(level) = r.get::<_, Option<i64>>(1)? {
                first_levels.entry(r.get::<_, i64>(0)?).or_insert(level);
            }
        }
        let mut slots = DenseMap::new();
        let mut stmt = conn.prepare("SELECT id, candidate_id, level_id FROM applications")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let level = first_levels.get(&id).copied().unwrap_or(r.get(2)?);
            slots.insert(id, Slot { candidate: r.get(1)?, level, replayed: None });
        }
        Ok(LogReplay {
            slots,
            events: 0,
            foreign: 0,
            unreadable: 0,
            unreadable_ids: Vec::new(),
            pending: Vec::with_capacity(BATCH),
        })
    }

    /// One event, its values in [`COLUMNS`]' order. An event whose time or kind cannot
    /// be read is counted and left out (the log is append-only: it stays as written);
    /// the replay goes on with the rest. Events of applications with no row are skipped
    /// (the foreign-key check names them). Applied by batches, in log order.
    fn apply(&mut self, v: &[ValueRef<'_>]) {
        let ValueRef::Integer(application) = v[3] else { return };
        let id = match v[0] {
            ValueRef::Integer(id) => id,
            _ => 0,
        };
        let kind = match readable_time(v[1]) {
            true => EventKind::parse(&text(v[2])),
            false => None,
        };
        let Some(kind) = kind else {
            self.unreadable += 1;
            if self.unreadable_ids.len() < SHOWN {
                self.unreadable_ids.push(id);
            }
            return;
        };
        self.pending.push(Pending {
            application,
            candidate: integer(v[4]),
            level: integer(v[8]),
            kind,
            to_stage: integer(v[5]).map(StageId),
            to_status: parse_text(v[6], AppStatus::parse),
            reason: parse_text(v[7], RejectReason::parse),
        });
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    /// Apply the pending events in log order. Their applications' slots are first read
    /// in one loop of independent loads, which the processor overlaps: one application's
    /// slot after another's, in log order, each missed the cache (1.3 M slots of 40
    /// bytes), four fifths of the replay's time at a million candidates.
    fn flush(&mut self) {
        let mut touched = 0i64;
        for p in &self.pending {
            if let Some(slot) = self.slots.get(p.application) {
                touched = touched.wrapping_add(slot.candidate);
            }
        }
        std::hint::black_box(touched);
        for p in self.pending.drain(..) {
            let Some(slot) = self.slots.get_mut(p.application) else { continue };
            if p.candidate != Some(slot.candidate) {
                self.foreign += 1;
            }
            if let Some(level) = p.level {
                slot.level = level;
            }
            let ev = FactEvent {
                kind: p.kind,
                to_stage: p.to_stage,
                to_status: p.to_status,
                reason: p.reason,
                level_id: LevelId(slot.level),
            };
            LiveFacts::apply(&mut slot.replayed, &ev);
        }
    }

    /// Every application's row against its replay, the finding.
    pub(super) fn finish(mut self, conn: &Connection) -> Result<Finding> {
        self.flush();
        let mut wrong = Vec::new();
        let applications = compare_rows(conn, &self.slots, &mut wrong)?;
        if self.foreign > 0 {
            wrong.push(format!("{} events name another candidate than their application's", self.foreign));
        }
        let mut problems = Vec::new();
        if self.unreadable > 0 {
            let ids: Vec<String> = self.unreadable_ids.iter().map(|i| format!("#{i}")).collect();
            let more = if self.unreadable > ids.len() as u64 { ", …" } else { "" };
            problems.push(format!(
                "{} events cannot be read (a time or kind rolecall does not know) and were left out of \
                 the replay: {}{more}; the log is append-only, so they stay as written",
                self.unreadable,
                ids.join(", ")
            ));
        }
        if !wrong.is_empty() {
            let shown = wrong.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
            problems.push(format!("{} applications disagree with their event log: {shown}", wrong.len()));
        }
        Ok(if problems.is_empty() {
            let msg = format!(
                "{applications} applications equal the replay of their events ({} events)",
                self.events
            );
            Finding::new("event-log", Severity::Ok, msg)
        } else {
            Finding::new("event-log", Severity::Problem, problems.join("; "))
        })
    }
}

impl super::health_refs::RowHook for LogReplay {
    fn table(&self) -> &'static str {
        "events"
    }

    fn columns(&self) -> &'static [&'static str] {
        &COLUMNS
    }

    fn row(&mut self, values: &[ValueRef<'_>]) {
        self.events += 1;
        self.apply(values);
    }
}

/// Compare every application's row with its replayed facts, in id order; how many rows.
fn compare_rows(conn: &Connection, slots: &DenseMap<Slot>, wrong: &mut Vec<String>) -> Result<u64> {
    let mut stmt =
        conn.prepare("SELECT id, stage_id, status, reject_reason, level_id FROM applications ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        count += 1;
        let (id, stage, level): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(4)?);
        let status = parse_text(r.get_ref(2)?, AppStatus::parse);
        let reason = parse_text(r.get_ref(3)?, RejectReason::parse);
        match slots.get(id).and_then(|s| s.replayed) {
            None => wrong.push(format!("application {id} has no events")),
            Some(s)
                if s.stage_id != StageId(stage) || Some(s.status) != status || s.reject_reason != reason =>
            {
                wrong.push(format!(
                    "application {id}: row says stage {stage} {}, its events say stage {} {}",
                    status.map(|s| s.as_str()).unwrap_or("?"),
                    s.stage_id,
                    s.status.as_str()
                ))
            }
            Some(s) if s.level_id.0 != level => wrong.push(format!(
                "application {id}: row says level {level}, its events say level {}",
                s.level_id
            )),
            Some(_) => {}
        }
    }
    Ok(count)
}

/// A stored text as read (a stray byte becomes U+FFFD, as everywhere else).
fn text(v: ValueRef<'_>) -> std::borrow::Cow<'_, str> {
    match v {
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => s.into(),
            Err(_) => String::from_utf8_lossy(t),
        },
        _ => "".into(),
    }
}

/// Whether an event's time reads as a time, as every reader reads it ([`parse_time`],
/// which reads the form rolecall writes without chrono's general parser).
fn readable_time(v: ValueRef<'_>) -> bool {
    parse_time(&text(v)).is_some()
}

/// A stored status or reason; unknown text (or none) reads as none.
fn parse_text<T>(v: ValueRef<'_>, parse: fn(&str) -> Option<T>) -> Option<T> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(parse),
        _ => None,
    }
}

/// A stored integer; anything else reads as none.
fn integer(v: ValueRef<'_>) -> Option<i64> {
    match v {
        ValueRef::Integer(i) => Some(i),
        _ => None,
    }
}

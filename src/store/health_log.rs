//! `doctor`'s event-log check in one pass over the log: every application's stage,
//! status, reason and level against the replay of its events, and every event's person
//! against its application's. The log is streamed in id order (the table's own order,
//! read sequentially) with only each application's facts in memory, about 40 bytes each,
//! instead of the full replay (870 MB at a million candidates) and a second pass joining
//! every event to its application.

use super::finding::{CheckStep, Finding, Severity};
use super::handle::Backend;
use super::rows::events::event_head;
use super::{Result, Store};
use crate::domain::dense::DenseMap;
use crate::domain::snapshot::{FactEvent, LiveFacts};
use crate::domain::{AppStatus, LevelId, RejectReason, StageId};
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

/// The events of every application, streamed in log order.
const EVENTS: &str =
    "SELECT id, at, kind, application_id, candidate_id, to_stage_id, to_status, reason, to_level_id
     FROM events WHERE application_id IS NOT NULL ORDER BY id";

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
        let mut slots = self.application_slots(conn)?;
        let mut wrong = Vec::new();
        let foreign = replay_into(conn, &mut slots, total.max(0) as u64, report)?;
        let applications = compare_rows(conn, &slots, &mut wrong)?;
        tx.commit()?;
        if foreign > 0 {
            wrong.push(format!("{foreign} events name another candidate than their application's"));
        }
        Ok(if wrong.is_empty() {
            let msg =
                format!("{applications} applications equal the replay of their events ({total} events)");
            Finding::new("event-log", Severity::Ok, msg)
        } else {
            let shown = wrong.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
            let msg = format!("{} applications disagree with their event log: {shown}", wrong.len());
            Finding::new("event-log", Severity::Problem, msg)
        })
    }

    /// Each application's person and the level it was made at: before its first level
    /// change, the level that change left (as the snapshot's replay starts it).
    fn application_slots(&self, conn: &Connection) -> Result<DenseMap<Slot>> {
        let first_levels = self.first_levels()?;
        let mut slots = DenseMap::new();
        let mut stmt = conn.prepare("SELECT id, candidate_id, level_id FROM applications")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let level = first_levels.get(&id).copied().unwrap_or(r.get(2)?);
            slots.insert(id, Slot { candidate: r.get(1)?, level, replayed: None });
        }
        Ok(slots)
    }
}

/// Replay every application event into `slots`; the number of events naming another
/// person than their application. Events of applications with no row are skipped here
/// (the foreign-key check names them).
fn replay_into(
    conn: &Connection,
    slots: &mut DenseMap<Slot>,
    total: u64,
    report: &mut dyn FnMut(CheckStep),
) -> Result<u64> {
    let mut stmt = conn.prepare(EVENTS)?;
    let mut rows = stmt.query([])?;
    let (mut done, mut foreign) = (0u64, 0u64);
    while let Some(r) = rows.next()? {
        done += 1;
        if done % EVERY == 0 {
            report(CheckStep::Counted { what: "events", done, total });
        }
        let id: i64 = r.get(0)?;
        let (_, kind) = event_head(id, &text(r.get_ref(1)?), &text(r.get_ref(2)?))?;
        let Some(slot) = slots.get_mut(r.get(3)?) else { continue };
        if r.get::<_, i64>(4)? != slot.candidate {
            foreign += 1;
        }
        if let Some(level) = r.get::<_, Option<i64>>(8)? {
            slot.level = level;
        }
        let ev = FactEvent {
            kind,
            to_stage: r.get::<_, Option<i64>>(5)?.map(StageId),
            to_status: parse_text(r.get_ref(6)?, AppStatus::parse),
            reason: parse_text(r.get_ref(7)?, RejectReason::parse),
            level_id: LevelId(slot.level),
        };
        LiveFacts::apply(&mut slot.replayed, &ev);
    }
    report(CheckStep::Counted { what: "events", done: total.max(done), total: total.max(done) });
    Ok(foreign)
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
        ValueRef::Text(t) => String::from_utf8_lossy(t),
        _ => "".into(),
    }
}

/// A stored status or reason; unknown text (or none) reads as none.
fn parse_text<T>(v: ValueRef<'_>, parse: fn(&str) -> Option<T>) -> Option<T> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(parse),
        _ => None,
    }
}

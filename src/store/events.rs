//! Appending to and reading the event log. The schema's triggers forbid rewriting it.

use super::{Result, Store};
use crate::domain::clock::parse_time;
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, Event, EventId, EventKind, LevelId, RejectReason, StageId,
};
use rusqlite::{Connection, params};

/// Everything an application event records.
pub(crate) struct NewEvent<'a> {
    pub kind: EventKind,
    pub candidate: CandidateId,
    pub application: ApplicationId,
    pub from_stage: StageId,
    pub to_stage: StageId,
    pub from_status: AppStatus,
    pub to_status: AppStatus,
    pub reason: Option<RejectReason>,
    pub note: Option<&'a str>,
    pub undoes: Option<EventId>,
}

/// Append one application event; call inside the transaction that makes the change.
pub(crate) fn append(conn: &Connection, at: &str, actor: &str, e: &NewEvent<'_>) -> Result<EventId> {
    conn.prepare_cached(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, reason, note, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        at,
        actor,
        e.kind.as_str(),
        e.candidate.0,
        e.application.0,
        e.from_stage.0,
        e.to_stage.0,
        e.from_status.as_str(),
        e.to_status.as_str(),
        e.reason.map(RejectReason::as_str),
        e.note,
        e.undoes.map(|u| u.0),
    ])?;
    Ok(EventId(conn.last_insert_rowid()))
}

/// Append an event about a person rather than an application (edited, erased, note).
pub(crate) fn append_candidate_event(
    conn: &Connection,
    at: &str,
    actor: &str,
    candidate: CandidateId,
    kind: EventKind,
    note: &str,
) -> Result<EventId> {
    conn.prepare_cached(
        "INSERT INTO events (at, actor, kind, candidate_id, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![at, actor, kind.as_str(), candidate.0, note])?;
    Ok(EventId(conn.last_insert_rowid()))
}

const EVENT_COLUMNS: &str = "id, at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
     from_status, to_status, reason, note, undoes, from_level_id, to_level_id";

fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let at: String = r.get(1)?;
    let kind: String = r.get(3)?;
    let from_status: Option<String> = r.get(8)?;
    let to_status: Option<String> = r.get(9)?;
    let reason: Option<String> = r.get(10)?;
    Ok(Event {
        id: EventId(r.get(0)?),
        at: parse_time(&at).unwrap_or_default(),
        actor: super::lossy::text(r, 2)?,
        kind: EventKind::parse(&kind).unwrap_or(EventKind::Note),
        candidate_id: CandidateId(r.get(4)?),
        application_id: r.get::<_, Option<i64>>(5)?.map(ApplicationId),
        from_stage: r.get::<_, Option<i64>>(6)?.map(StageId),
        to_stage: r.get::<_, Option<i64>>(7)?.map(StageId),
        from_status: from_status.as_deref().and_then(AppStatus::parse),
        to_status: to_status.as_deref().and_then(AppStatus::parse),
        reason: reason.as_deref().and_then(RejectReason::parse),
        note: super::lossy::opt_text(r, 11)?,
        undoes: r.get::<_, Option<i64>>(12)?.map(EventId),
        from_level: r.get::<_, Option<i64>>(13)?.map(LevelId),
        to_level: r.get::<_, Option<i64>>(14)?.map(LevelId),
    })
}

impl Store {
    /// The events of one application, oldest first.
    pub fn history(&self, app: ApplicationId) -> Result<Vec<Event>> {
        self.application(app)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE application_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([app.0], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The events about one person (all applications and person-level events), oldest first.
    pub fn candidate_history(&self, candidate: CandidateId) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE candidate_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([candidate.0], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One event by id.
    pub fn event(&self, id: EventId) -> Result<Event> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"), [id.0], event_from_row)
            .optional()?
            .ok_or_else(|| super::StoreError::not_found("event", &id.to_string(), []))
    }

    /// The latest `limit` application events written by `actor`, oldest first.
    pub fn recent_events_by(&self, actor: &str, limit: usize) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE actor = ?1 AND application_id IS NOT NULL
             ORDER BY id DESC LIMIT ?2"
        ))?;
        let mut rows = stmt
            .query_map(params![actor, limit as i64], event_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.reverse();
        Ok(rows)
    }

    /// Number of events in the log.
    pub fn event_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }
}

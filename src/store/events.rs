//! Appending to and reading the event log, on either backend. The schema's triggers
//! forbid rewriting it. Rows become events in `rows::events`, the log's one decoder.

use super::rows::events::{EVENT_COLUMNS, event};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, Event, EventId, EventKind, RejectReason, StageId,
};

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
#[allow(dead_code)] // Every write here now carries its request id; kept for untagged writes.
pub(crate) fn append(tx: &dyn Sql, at: &str, actor: &str, e: &NewEvent<'_>) -> Result<EventId> {
    append_for(tx, at, actor, e, None)
}

/// [`append`], recording the id of the request that wrote it (`request.rs`).
pub(crate) fn append_for(
    tx: &dyn Sql,
    at: &str,
    actor: &str,
    e: &NewEvent<'_>,
    request: Option<&str>,
) -> Result<EventId> {
    let id = tx.insert_returning_id(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, reason, note, undoes, request_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
        &args![
            at,
            actor,
            e.kind.as_str(),
            e.candidate,
            e.application,
            e.from_stage,
            e.to_stage,
            e.from_status.as_str(),
            e.to_status.as_str(),
            e.reason.map(RejectReason::as_str),
            e.note,
            e.undoes,
            request,
        ],
    )?;
    Ok(EventId(id))
}

/// Append an event about a person rather than an application (edited, erased, note).
pub(crate) fn append_candidate_event(
    tx: &dyn Sql,
    at: &str,
    actor: &str,
    candidate: CandidateId,
    kind: EventKind,
    note: &str,
) -> Result<EventId> {
    let id = tx.insert_returning_id(
        "INSERT INTO events (at, actor, kind, candidate_id, note) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        &args![at, actor, kind.as_str(), candidate, note],
    )?;
    Ok(EventId(id))
}

impl Store {
    /// The events of one application, oldest first.
    /// A scorecard hidden from the actor (`visibility.rs`) shows as a line saying so.
    pub fn history(&self, app: ApplicationId) -> Result<Vec<Event>> {
        self.application(app)?;
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE application_id = ?1 ORDER BY id");
        let mut list = self.db().query_rows(&sql, &args![app], event)?;
        self.redact_hidden(&mut list, super::visibility::Scope::Application(app))?;
        Ok(list)
    }

    /// The events about one person (all applications and person-level events), oldest first.
    pub fn candidate_history(&self, candidate: CandidateId) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE candidate_id = ?1 ORDER BY id");
        let mut list = self.db().query_rows(&sql, &args![candidate], event)?;
        self.redact_hidden(&mut list, super::visibility::Scope::Candidate(candidate))?;
        Ok(list)
    }

    /// One event by id.
    pub fn event(&self, id: EventId) -> Result<Event> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1");
        self.db()
            .query_opt(&sql, &args![id], event)?
            .ok_or_else(|| StoreError::not_found("event", &id.to_string(), []))
    }

    /// The latest `limit` application events written by `actor`, oldest first (the undo
    /// stack). An event that cannot be read is left out, with a warning in the log: it
    /// could not be undone anyway, and the board must still open.
    pub fn recent_events_by(&self, actor: &str, limit: usize) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE actor = ?1 AND application_id IS NOT NULL
             ORDER BY id DESC LIMIT ?2"
        );
        let mut found = Vec::new();
        self.db().each_row(&sql, &args![actor, limit], &mut |row| {
            match event(row) {
                Ok(e) => found.push(e),
                Err(e @ StoreError::Corrupt(_)) => tracing::warn!("left out of the undo stack: {e}"),
                Err(e) => return Err(e),
            }
            Ok(true)
        })?;
        found.reverse();
        Ok(found)
    }

    /// Number of events in the log.
    pub fn event_count(&self) -> Result<i64> {
        self.db().query_value("SELECT COUNT(*) FROM events", &[])
    }
}

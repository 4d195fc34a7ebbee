//! Bulk changes (issue 17): move, reject, withdraw or hold several applications at once,
//! all or nothing, and undo them as one step.
//!
//! One write transaction runs the same per-application change as a single move or reject
//! (`transitions::change_in`: the version seen, the rule, the row and its event); the
//! first refusal rolls everything back and its message names the application. The events
//! of one batch are grouped in `event_batches` (migration 0008) under the batch's first
//! event, so the undo stack (`recent_steps_by`) sees them as one step and
//! [`Store::revert_batch`] reverts them together (the reversals again form one batch).

use super::sql::prelude::*;
use super::transitions::{Change, change_in, move_decision, require_status, undo_decision};
use super::{Result, Store, StoreError};
use crate::domain::rules::Change as Rule;
use crate::domain::{
    AppStatus, Application, ApplicationId, Event, EventId, EventKind, FamilyId, RejectReason, StageId,
};

/// What a bulk change does to each application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkChange {
    /// Move to this stage of the role.
    Move(StageId),
    /// Reject, all for one reason.
    Reject(RejectReason),
    /// The candidates withdrew.
    Withdraw,
    /// Put on hold.
    Hold,
}

/// What a bulk change (or the undo of one) wrote.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The events, one per application, in the order asked.
    pub events: Vec<EventId>,
    /// The applications as they are now, in the same order.
    pub applications: Vec<Application>,
}

impl Store {
    /// Apply `change` to every application of `apps` (each with the version the caller saw,
    /// if any) in one transaction: all are changed, or none is and the error names the
    /// application that was refused. An application listed twice counts once.
    pub fn bulk_change(
        &mut self,
        apps: &[(ApplicationId, Option<i64>)],
        change: &BulkChange,
        note: Option<&str>,
    ) -> Result<Batch> {
        let mut unique: Vec<(ApplicationId, Option<i64>)> = Vec::with_capacity(apps.len());
        for &(app, seen) in apps {
            if !unique.iter().any(|(a, _)| *a == app) {
                unique.push((app, seen));
            }
        }
        if unique.is_empty() {
            return Err(StoreError::Invalid("no applications given; nothing was changed".into()));
        }
        let request = self.next_request_id();
        let store: &Store = self;
        let decide = |store: &Store, current: &Application| decide(store, current, change, note);
        let events = store.write(|tx| {
            let mut events = Vec::with_capacity(unique.len());
            for &(app, seen) in &unique {
                let tag = request.as_deref().map(|r| format!("{r}/app{app}"));
                let written = change_in(store, tx, app, seen, tag.as_deref(), &decide)
                    .map_err(|e| named(store, app, unique.len(), e))?;
                events.push(written);
            }
            group(tx, &events)?;
            Ok(events)
        })?;
        self.batch_outcome(events, unique.iter().map(|(a, _)| *a).collect())
    }

    /// Undo (or redo) a batch: revert every event of `events` in one transaction, all or
    /// none; the reversals form a batch of their own.
    pub fn revert_batch(&mut self, events: &[EventId]) -> Result<Batch> {
        let store: &Store = self;
        let (written, apps) = store.write(|tx| {
            let (mut written, mut apps) = (Vec::new(), Vec::new());
            for &id in events {
                let original = store.event(id)?;
                let (Some(app), Some(from_stage), Some(from_status), Some(to_stage), Some(to_status)) = (
                    original.application_id,
                    original.from_stage,
                    original.from_status,
                    original.to_stage,
                    original.to_status,
                ) else {
                    return Err(StoreError::Conflict(format!("event {id} cannot be undone")));
                };
                if original.kind == EventKind::LevelChanged {
                    return Err(StoreError::Conflict(format!("event {id} cannot be undone with a batch")));
                }
                let decide = undo_decision(&original, id, (from_stage, from_status), (to_stage, to_status));
                let done = change_in(store, tx, app, None, None, &decide)
                    .map_err(|e| named(store, app, events.len(), e))?;
                written.push(done);
                apps.push(app);
            }
            group(tx, &written)?;
            Ok((written, apps))
        })?;
        self.batch_outcome(written, apps)
    }

    /// The events of the batch `event` belongs to (just `event` when it is no batch's).
    pub fn batch_of(&self, event: EventId) -> Result<Vec<EventId>> {
        let ids: Vec<EventId> = self.db().query_rows(
            "SELECT b.event_id FROM event_batches a JOIN event_batches b ON b.batch_id = a.batch_id
              WHERE a.event_id = ?1 ORDER BY b.event_id",
            &args![event],
            |r| Ok(EventId(r.get(0)?)),
        )?;
        Ok(if ids.is_empty() { vec![event] } else { ids })
    }

    /// The latest application events written by `actor` (at most `limit`), oldest first,
    /// grouped into steps: a batch's events are one step, any other event a step of its own.
    pub fn recent_steps_by(&self, actor: &str, limit: usize) -> Result<Vec<Vec<Event>>> {
        let events = self.recent_events_by(actor, limit)?;
        let Some(first) = events.first().map(|e| e.id) else { return Ok(Vec::new()) };
        let batches: std::collections::HashMap<i64, i64> = self
            .db()
            .query_rows(
                "SELECT b.event_id, b.batch_id FROM event_batches b JOIN events e ON e.id = b.event_id
                  WHERE e.actor = ?1 AND b.event_id >= ?2",
                &args![actor, first],
                |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
            )?
            .into_iter()
            .collect();
        let mut steps: Vec<(Option<i64>, Vec<Event>)> = Vec::new();
        for e in events {
            let batch = batches.get(&e.id.0).copied();
            match steps.last_mut() {
                Some((Some(b), group)) if batch == Some(*b) => group.push(e),
                _ => steps.push((batch, vec![e])),
            }
        }
        Ok(steps.into_iter().map(|(_, group)| group).collect())
    }

    /// The open applications of a role at a stage (for `--all-in`), oldest in the stage
    /// first, with their versions and statuses.
    pub fn open_at_stage(
        &self,
        family: FamilyId,
        stage: StageId,
    ) -> Result<Vec<(ApplicationId, i64, AppStatus)>> {
        self.db().query_rows(
            "SELECT id, version, status FROM applications
              WHERE family_id = ?1 AND stage_id = ?2 AND status IN ('active', 'on_hold')
              ORDER BY stage_entered_at, id",
            &args![family, stage],
            |r| {
                let status = r.get::<String>(2)?;
                let status = AppStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown status '{status}'")))?;
                Ok((ApplicationId(r.get(0)?), r.get(1)?, status))
            },
        )
    }

    fn batch_outcome(&self, events: Vec<EventId>, apps: Vec<ApplicationId>) -> Result<Batch> {
        let applications = apps.into_iter().map(|a| self.application(a)).collect::<Result<Vec<_>>>()?;
        Ok(Batch { events, applications })
    }
}

/// How one application of a bulk change decides (the same rules as the single change).
fn decide<'n>(
    store: &Store,
    current: &Application,
    change: &BulkChange,
    note: Option<&'n str>,
) -> Result<Change<'n>> {
    let here = current.stage_id;
    Ok(match change {
        BulkChange::Move(stage) => move_decision(*stage)(store, current)?.with_note(note),
        BulkChange::Reject(reason) => {
            require_status(current, Rule::Reject)?;
            let mut c = Change::simple(EventKind::Rejected, here, AppStatus::Rejected).with_note(note);
            c.reason = Some(*reason);
            c
        }
        BulkChange::Withdraw => {
            require_status(current, Rule::Withdraw)?;
            Change::simple(EventKind::Withdrawn, here, AppStatus::Withdrawn).with_note(note)
        }
        BulkChange::Hold => {
            require_status(current, Rule::Hold)?;
            Change::simple(EventKind::Held, here, AppStatus::OnHold).with_note(note)
        }
    })
}

/// Record `events` as one batch (under the first); a single event needs no batch.
fn group(tx: &dyn Sql, events: &[EventId]) -> Result<()> {
    let Some(&first) = events.first() else { return Ok(()) };
    if events.len() < 2 {
        return Ok(());
    }
    for &e in events {
        tx.execute("INSERT INTO event_batches (event_id, batch_id) VALUES (?1, ?2)", &args![e, first])?;
    }
    Ok(())
}

/// A refusal, saying which application it was and that nothing was changed.
fn named(store: &Store, app: ApplicationId, of: usize, e: StoreError) -> StoreError {
    let who = match store.application(app) {
        Ok(a) => format!("app {app} ({})", a.candidate_name),
        Err(_) => format!("app {app}"),
    };
    let tail = if of > 1 { format!("; none of the {of} was changed") } else { String::new() };
    match e {
        StoreError::Conflict(m) => StoreError::Conflict(format!("{who}: {m}{tail}")),
        StoreError::Invalid(m) => StoreError::Invalid(format!("{who}: {m}{tail}")),
        StoreError::NotFound { what, key, hint } => {
            StoreError::NotFound { what, key, hint: format!("{hint}{tail}") }
        }
        other => other,
    }
}

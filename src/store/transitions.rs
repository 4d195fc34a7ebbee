//! The state changes a recruiter makes to an application: move, reject, withdraw, hold,
//! resume, hire, reopen, undo.
//!
//! Each change reads the application, checks the rule and writes the row and its event
//! inside one write transaction (`Store::write`: SQLite's IMMEDIATE, PostgreSQL's with the
//! application's row locked), so it acts on the application exactly as it is
//! when the write lock is taken. A caller that passes the version it saw (the TUI) gets
//! a conflict when anyone changed it since; a caller that passes none (a script) acts on
//! the current state and can never act on a stale read. The rules themselves (which
//! status allows what, where a step leads, hiring from Offer, what an undo restores)
//! are `domain::rules`; this file reads the state they need and writes the outcome.

use super::applications::Transition;
use super::events::{NewEvent, append_for};
use super::request::replayed;
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::Application;
use crate::domain::rules::{self, Change as Rule, StepRefusal};
use crate::domain::{AppStatus, ApplicationId, EventId, EventKind, RejectReason, StageId};

/// A requested change, decided from the application as it is under the write lock.
pub(super) struct Change<'a> {
    pub(super) kind: EventKind,
    pub(super) to_stage: StageId,
    pub(super) to_status: AppStatus,
    pub(super) reason: Option<RejectReason>,
    pub(super) note: Option<&'a str>,
    pub(super) undoes: Option<EventId>,
}

impl<'a> Change<'a> {
    pub(super) fn simple(kind: EventKind, to_stage: StageId, to_status: AppStatus) -> Self {
        Change { kind, to_stage, to_status, reason: None, note: None, undoes: None }
    }

    pub(super) fn with_note(mut self, note: Option<&'a str>) -> Self {
        self.note = note;
        self
    }
}

impl Store {
    /// Move an active application to another stage of its family.
    pub fn move_to(
        &mut self,
        app: ApplicationId,
        stage: StageId,
        expected: Option<i64>,
    ) -> Result<Transition> {
        self.change(app, expected, move_decision(stage))
    }

    /// Move to the next (`forward`) or previous stage.
    pub fn step(&mut self, app: ApplicationId, forward: bool, expected: Option<i64>) -> Result<Transition> {
        self.change(app, expected, |store, current| {
            require_status(current, Rule::Move)?;
            let stages = store.step_pipeline(current.level_id, current.stage_id)?;
            let next = rules::step_target(&stages, current.stage_id, forward).map_err(|refusal| {
                StoreError::Conflict(match refusal {
                    StepRefusal::NotInRole => {
                        format!("{}'s stage is no longer part of the role", current.candidate_name)
                    }
                    StepRefusal::AtEdge { forward } => format!(
                        "{} is already at the {}",
                        current.candidate_name,
                        StepRefusal::edge(forward, &current.stage_label)
                    ),
                })
            })?;
            Ok(Change::simple(EventKind::Moved, next, AppStatus::Active))
        })
    }

    /// Reject with a reason and optional note.
    pub fn reject(
        &mut self,
        app: ApplicationId,
        reason: RejectReason,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Reject)?;
            let mut change =
                Change::simple(EventKind::Rejected, current.stage_id, AppStatus::Rejected).with_note(note);
            change.reason = Some(reason);
            Ok(change)
        })
    }

    /// The candidate withdrew.
    pub fn withdraw(
        &mut self,
        app: ApplicationId,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Withdraw)?;
            Ok(Change::simple(EventKind::Withdrawn, current.stage_id, AppStatus::Withdrawn).with_note(note))
        })
    }

    /// Put an active application on hold.
    pub fn hold(
        &mut self,
        app: ApplicationId,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Hold)?;
            Ok(Change::simple(EventKind::Held, current.stage_id, AppStatus::OnHold).with_note(note))
        })
    }

    /// Take an application off hold.
    pub fn resume(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Resume)?;
            Ok(Change::simple(EventKind::Resumed, current.stage_id, AppStatus::Active))
        })
    }

    /// Hire from the Offer stage.
    pub fn hire(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Hire)?;
            if !current.at_offer {
                return Err(StoreError::Conflict(format!(
                    "{} is at {}, not Offer; move them to Offer before hiring",
                    current.candidate_name, current.stage_label
                )));
            }
            Ok(Change::simple(EventKind::Hired, current.stage_id, AppStatus::Hired))
        })
    }

    /// Reopen a closed application (rejected, withdrawn or hired) as active at its stage.
    pub fn reopen(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        self.change(app, expected, |_, current| {
            require_status(current, Rule::Reopen)?;
            Ok(Change::simple(EventKind::Reopened, current.stage_id, AppStatus::Active))
        })
    }

    /// Reverse an earlier application event: restore the stage and status it started from.
    /// The reversal is itself a new event that names the one it undoes.
    pub fn revert(&mut self, event: EventId, expected: Option<i64>) -> Result<Transition> {
        let original = self.event(event)?;
        if original.kind == EventKind::LevelChanged {
            return self.revert_level(&original, expected);
        }
        let (Some(app), Some(from_stage), Some(from_status), Some(to_stage), Some(to_status)) = (
            original.application_id,
            original.from_stage,
            original.from_status,
            original.to_stage,
            original.to_status,
        ) else {
            return Err(StoreError::Conflict("that event cannot be undone".into()));
        };
        self.change(
            app,
            expected,
            undo_decision(&original, event, (from_stage, from_status), (to_stage, to_status)),
        )
    }

    /// Decide and write one change under the write lock: lock and read the application,
    /// check the version the caller saw (if any), let `decide` check the rule, then update
    /// the row and append the event in the same transaction (run again from the start if
    /// PostgreSQL reports a conflict with another transaction).
    fn change<'n>(
        &mut self,
        app: ApplicationId,
        expected: Option<i64>,
        decide: impl Fn(&Store, &Application) -> Result<Change<'n>>,
    ) -> Result<Transition> {
        let request = self.next_request_id();
        let store: &Store = self;
        let event_id = store.write(|tx| change_in(store, tx, app, expected, request.as_deref(), &decide))?;
        Ok(Transition { event_id, application: store.application(app)? })
    }

    /// Check a change's note; erasure is final, so no new text about an erased person (an
    /// undo's own "undo" marker and an empty note are simply left out).
    pub(super) fn settle_note(&self, current: &Application, change: &mut Change<'_>) -> Result<()> {
        if let Some(note) = change.note {
            super::candidates::reject_nul("note", note)?;
        }
        if change.note.is_some() && self.is_erased(current.candidate_id)? {
            if change.undoes.is_none() && change.note.is_some_and(|n| !n.trim().is_empty()) {
                return Err(StoreError::Conflict(format!(
                    "candidate {}'s data was erased, so no note can be recorded about them; leave the note out",
                    current.candidate_id
                )));
            }
            change.note = None;
        }
        Ok(())
    }
}

/// The body of [`Store::change`] inside the caller's write transaction `tx`: lock and read
/// the application, check the version seen and the rule, write the row and the event.
pub(super) fn change_in<'n>(
    store: &Store,
    tx: &dyn Sql,
    app: ApplicationId,
    expected: Option<i64>,
    request: Option<&str>,
    decide: &dyn Fn(&Store, &Application) -> Result<Change<'n>>,
) -> Result<EventId> {
    let now = store.now_in(tx)?;
    lock_application(tx, app)?;
    // A retry of a request that was committed (its reply lost): the event it wrote,
    // before any check that the first run's own change would now fail.
    if let Some(done) = request.map(|r| replayed(tx, r, app)).transpose()?.flatten() {
        return Ok(done);
    }
    let current = store.application(app)?;
    if expected.is_some_and(|seen| seen != current.version) {
        return Err(StoreError::Conflict(format!(
            "{} was changed by someone else since you looked; refresh and try again",
            current.candidate_name
        )));
    }
    let mut change = decide(store, &current)?;
    if rules::opens_again(current.status, change.to_status) {
        super::open_rule::refuse_second_open(tx, current.candidate_id, current.family_id, Some(app), true)?;
    }
    store.settle_note(&current, &mut change)?;
    write_change(tx, &now, &store.actor, &current, &change, request)
}

/// How a move to `stage` decides: a stage of the application's role, not the one it is at.
pub(super) fn move_decision(stage: StageId) -> impl Fn(&Store, &Application) -> Result<Change<'static>> {
    move |store, current| {
        let target = store.stage(stage)?;
        if target.family_id != current.family_id {
            return Err(StoreError::Invalid(format!("stage '{}' belongs to another role", target.label)));
        }
        let retired: bool =
            store.db().query_value("SELECT retired FROM stages WHERE id = ?1", &args![target.id])?;
        if retired {
            return Err(StoreError::Invalid(format!(
                "stage '{}' is no longer part of the role",
                target.label
            )));
        }
        require_status(current, Rule::Move)?;
        if target.id == current.stage_id {
            return Err(StoreError::Conflict(format!(
                "{} is already at {}",
                current.candidate_name, current.stage_label
            )));
        }
        Ok(Change::simple(EventKind::Moved, target.id, AppStatus::Active))
    }
}

/// How an undo of `original` (event `event`) decides: the application must still be where
/// the event left it; the reversal restores the stage and status it started from.
pub(super) fn undo_decision<'e>(
    original: &'e crate::domain::Event,
    event: EventId,
    (from_stage, from_status): (StageId, AppStatus),
    (to_stage, to_status): (StageId, AppStatus),
) -> impl Fn(&Store, &Application) -> Result<Change<'static>> + 'e {
    move |store, current| {
        if current.stage_id != to_stage || current.status != to_status {
            return Err(StoreError::Conflict(format!(
                "{} has changed since; nothing was undone",
                current.candidate_name
            )));
        }
        let reversal = rules::reversal(original.kind, from_status, to_status);
        let to = reversal.to_status;
        let mut change = Change::simple(reversal.kind, from_stage, to).with_note(Some("undo"));
        change.reason = if to == AppStatus::Rejected { original_reason(store, original)? } else { None };
        change.undoes = Some(event);
        Ok(change)
    }
}

/// On PostgreSQL, lock the application's row until the transaction ends, so the state
/// read next is the one the change is made against; SQLite's write lock already is. The
/// server's function locks it (migrations/postgres/0021): a hiring manager or an
/// interviewer reads applications through a view, which `FOR UPDATE` cannot lock.
pub(crate) fn lock_application(tx: &dyn Sql, app: ApplicationId) -> Result<()> {
    if tx.dialect() == Dialect::Postgres {
        tx.query_opt("SELECT rolecall_lock_application(?1)", &args![app], |_| Ok(()))?;
    }
    Ok(())
}

/// Update the application row and append the change's event.
fn write_change(
    tx: &dyn Sql,
    now: &str,
    actor: &str,
    current: &Application,
    change: &Change<'_>,
    request: Option<&str>,
) -> Result<EventId> {
    // A new stage is entered now; otherwise the stored entry time stays as written.
    let entered = (change.to_stage != current.stage_id).then_some(now);
    tx.execute(
        "UPDATE applications SET stage_id=?2, status=?3, reject_reason=?4,
                stage_entered_at=COALESCE(?5, stage_entered_at), updated_at=?6, version=version+1
         WHERE id=?1",
        &args![
            current.id,
            change.to_stage,
            change.to_status.as_str(),
            change.reason.map(RejectReason::as_str),
            entered,
            now
        ],
    )?;
    append_for(
        tx,
        now,
        actor,
        &NewEvent {
            kind: change.kind,
            candidate: current.candidate_id,
            application: current.id,
            from_stage: current.stage_id,
            to_stage: change.to_stage,
            from_status: current.status,
            to_status: change.to_status,
            reason: change.reason,
            note: change.note,
            undoes: change.undoes,
        },
        request,
    )
}

/// The reason of the rejection that an undo-of-reopen restores.
fn original_reason(store: &Store, reopen: &crate::domain::Event) -> Result<Option<RejectReason>> {
    let Some(undone) = reopen.undoes else {
        return Ok(Some(RejectReason::Other));
    };
    Ok(store.event(undone)?.reason.or(Some(RejectReason::Other)))
}

/// Refuse, as a conflict, a change the application's status does not allow.
pub(super) fn require_status(app: &Application, change: Rule) -> Result<()> {
    rules::check_status(change, app.status)
        .map_err(|refusal| StoreError::Conflict(refusal.message(&app.candidate_name, app.id)))
}

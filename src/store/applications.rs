//! Applications (candidate × level) and the state changes a recruiter makes to them.
//! Every change bumps the version and appends its event in one transaction.

use super::events::{NewEvent, append};
use super::{Result, Store, StoreError};
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, LevelId, RejectReason,
    StageId, StageKind,
};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// An application with the names a person needs to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Row id.
    pub id: ApplicationId,
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's name.
    pub candidate_name: String,
    /// The family applied to.
    pub family_id: FamilyId,
    /// The family's slug.
    pub family_slug: String,
    /// The level applied to.
    pub level_id: LevelId,
    /// The level's title.
    pub level_title: String,
    /// Current stage.
    pub stage_id: StageId,
    /// Current stage label.
    pub stage_label: String,
    /// Whether the current stage is Offer.
    pub at_offer: bool,
    /// Status.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage (RFC 3339).
    pub stage_entered_at: String,
    /// When the application was created (RFC 3339).
    pub created_at: String,
    /// Optimistic-concurrency version; bumped on every change.
    pub version: i64,
}

/// One card on the board: an open application of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardCard {
    /// Application id.
    pub id: ApplicationId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Candidate name.
    pub name: String,
    /// Level title.
    pub level: String,
    /// Current stage.
    pub stage_id: StageId,
    /// Status (active, on hold, or closed when shown).
    pub status: AppStatus,
    /// When it entered the stage (RFC 3339).
    pub stage_entered_at: String,
    /// Version, for stale-view checks.
    pub version: i64,
}

/// The result of a change: the event written and the application after it.
#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    /// The event appended.
    pub event_id: EventId,
    /// The application after the change.
    pub application: Application,
}

const APP_SELECT: &str = "SELECT a.id, a.candidate_id, c.name, a.family_id, f.slug, a.level_id, l.title,
        a.stage_id, s.label, s.kind, a.status, a.reject_reason, a.stage_entered_at, a.created_at, a.version
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN families f ON f.id = a.family_id
     JOIN levels l ON l.id = a.level_id
     JOIN stages s ON s.id = a.stage_id";

fn application_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    let kind: String = r.get(9)?;
    let status: String = r.get(10)?;
    let reason: Option<String> = r.get(11)?;
    Ok(Application {
        id: ApplicationId(r.get(0)?),
        candidate_id: CandidateId(r.get(1)?),
        candidate_name: r.get(2)?,
        family_id: FamilyId(r.get(3)?),
        family_slug: r.get(4)?,
        level_id: LevelId(r.get(5)?),
        level_title: r.get(6)?,
        stage_id: StageId(r.get(7)?),
        stage_label: r.get(8)?,
        at_offer: StageKind::parse(&kind) == Some(StageKind::Offer),
        status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
        reject_reason: reason.as_deref().and_then(RejectReason::parse),
        stage_entered_at: r.get(12)?,
        created_at: r.get(13)?,
        version: r.get(14)?,
    })
}

/// A requested change, before it is checked against the application's state.
struct Change<'a> {
    kind: EventKind,
    to_stage: StageId,
    to_status: AppStatus,
    reason: Option<RejectReason>,
    note: Option<&'a str>,
    undoes: Option<EventId>,
}

impl Store {
    /// One application by id.
    pub fn application(&self, id: ApplicationId) -> Result<Application> {
        self.conn
            .query_row(
                &format!("{APP_SELECT} WHERE a.id = ?1"),
                [id.0],
                application_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "application",
                key: id.to_string(),
                hint: "; `rolecall candidate show NAME` lists a person's applications".into(),
            })
    }

    /// Every application of a person, oldest first.
    pub fn applications_of(&self, candidate: CandidateId) -> Result<Vec<Application>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{APP_SELECT} WHERE a.candidate_id = ?1 ORDER BY a.id"
        ))?;
        let rows = stmt.query_map([candidate.0], application_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Apply a candidate to a level; they enter the family's first stage.
    pub fn apply(&mut self, candidate: CandidateId, level: LevelId) -> Result<Transition> {
        self.candidate(candidate)?;
        let level = self.level(level)?;
        let first = self
            .stages(level.family_id)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Invalid("the role has no stages".into()))?;
        let now = self.now_text();
        let actor = self.actor.clone();
        let tx = self.conn.transaction()?;
        let exists = tx
            .query_row(
                "SELECT id FROM applications WHERE candidate_id = ?1 AND level_id = ?2",
                params![candidate.0, level.id.0],
                |r| r.get::<_, i64>(0),
            )
            .optional()?;
        if let Some(id) = exists {
            return Err(StoreError::Conflict(format!(
                "candidate {candidate} already applied to {} (application {id})",
                level.title
            )));
        }
        tx.execute(
            "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status,
                                       stage_entered_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5, ?5)",
            params![candidate.0, level.family_id.0, level.id.0, first.id.0, now],
        )?;
        let app = ApplicationId(tx.last_insert_rowid());
        let event_id = append(
            &tx,
            &now,
            &actor,
            &NewEvent {
                kind: EventKind::Applied,
                candidate,
                application: app,
                from_stage: first.id,
                to_stage: first.id,
                from_status: AppStatus::Active,
                to_status: AppStatus::Active,
                reason: None,
                note: None,
                undoes: None,
            },
        )?;
        tx.commit()?;
        Ok(Transition {
            event_id,
            application: self.application(app)?,
        })
    }

    /// Move an active application to another stage of its family.
    pub fn move_to(
        &mut self,
        app: ApplicationId,
        stage: StageId,
        expected: Option<i64>,
    ) -> Result<Transition> {
        let current = self.application(app)?;
        let target = self.stage(stage)?;
        if target.family_id != current.family_id {
            return Err(StoreError::Invalid(format!(
                "stage '{}' belongs to another role",
                target.label
            )));
        }
        require_status(&current, &[AppStatus::Active], "moved")?;
        if target.id == current.stage_id {
            return Err(StoreError::Conflict(format!(
                "{} is already at {}",
                current.candidate_name, current.stage_label
            )));
        }
        self.change(
            &current,
            expected,
            Change::simple(EventKind::Moved, target.id, AppStatus::Active),
        )
    }

    /// Move to the next (`forward`) or previous stage.
    pub fn step(
        &mut self,
        app: ApplicationId,
        forward: bool,
        expected: Option<i64>,
    ) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(&current, &[AppStatus::Active], "moved")?;
        let stages = self.stages(current.family_id)?;
        let pos = stages
            .iter()
            .position(|s| s.id == current.stage_id)
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "{}'s stage is no longer part of the role",
                    current.candidate_name
                ))
            })?;
        let next = if forward {
            stages.get(pos + 1)
        } else {
            pos.checked_sub(1).and_then(|p| stages.get(p))
        };
        let Some(next) = next else {
            let edge = if forward { "last (use hire)" } else { "first" };
            return Err(StoreError::Conflict(format!(
                "{} is already at the {edge} stage, {}",
                current.candidate_name, current.stage_label
            )));
        };
        self.change(
            &current,
            expected,
            Change::simple(EventKind::Moved, next.id, AppStatus::Active),
        )
    }

    /// Reject with a reason and optional note.
    pub fn reject(
        &mut self,
        app: ApplicationId,
        reason: RejectReason,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(
            &current,
            &[AppStatus::Active, AppStatus::OnHold],
            "rejected",
        )?;
        let mut change = Change::simple(EventKind::Rejected, current.stage_id, AppStatus::Rejected);
        change.reason = Some(reason);
        change.note = note;
        self.change(&current, expected, change)
    }

    /// The candidate withdrew.
    pub fn withdraw(
        &mut self,
        app: ApplicationId,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(
            &current,
            &[AppStatus::Active, AppStatus::OnHold],
            "withdrawn",
        )?;
        let mut change =
            Change::simple(EventKind::Withdrawn, current.stage_id, AppStatus::Withdrawn);
        change.note = note;
        self.change(&current, expected, change)
    }

    /// Put an active application on hold.
    pub fn hold(
        &mut self,
        app: ApplicationId,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(&current, &[AppStatus::Active], "put on hold")?;
        let mut change = Change::simple(EventKind::Held, current.stage_id, AppStatus::OnHold);
        change.note = note;
        self.change(&current, expected, change)
    }

    /// Take an application off hold.
    pub fn resume(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(&current, &[AppStatus::OnHold], "resumed")?;
        self.change(
            &current,
            expected,
            Change::simple(EventKind::Resumed, current.stage_id, AppStatus::Active),
        )
    }

    /// Hire from the Offer stage.
    pub fn hire(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(&current, &[AppStatus::Active], "hired")?;
        if !current.at_offer {
            return Err(StoreError::Conflict(format!(
                "{} is at {}, not Offer; move them to Offer before hiring",
                current.candidate_name, current.stage_label
            )));
        }
        self.change(
            &current,
            expected,
            Change::simple(EventKind::Hired, current.stage_id, AppStatus::Hired),
        )
    }

    /// Reopen a closed application (rejected, withdrawn or hired) as active at its stage.
    pub fn reopen(&mut self, app: ApplicationId, expected: Option<i64>) -> Result<Transition> {
        let current = self.application(app)?;
        require_status(
            &current,
            &[AppStatus::Rejected, AppStatus::Withdrawn, AppStatus::Hired],
            "reopened",
        )?;
        self.change(
            &current,
            expected,
            Change::simple(EventKind::Reopened, current.stage_id, AppStatus::Active),
        )
    }

    /// Reverse an earlier application event: restore the stage and status it started from.
    /// The reversal is itself a new event that names the one it undoes.
    pub fn revert(&mut self, event: EventId, expected: Option<i64>) -> Result<Transition> {
        let original = self.event(event)?;
        let (Some(app), Some(from_stage), Some(from_status), Some(to_stage), Some(to_status)) = (
            original.application_id,
            original.from_stage,
            original.from_status,
            original.to_stage,
            original.to_status,
        ) else {
            return Err(StoreError::Conflict("that event cannot be undone".into()));
        };
        let current = self.application(app)?;
        if current.stage_id != to_stage || current.status != to_status {
            return Err(StoreError::Conflict(format!(
                "{} has changed since; nothing was undone",
                current.candidate_name
            )));
        }
        let kind = match (to_status.is_closed(), from_status) {
            (true, _) => EventKind::Reopened,
            (false, AppStatus::OnHold) if to_status != AppStatus::OnHold => EventKind::Held,
            (false, AppStatus::Active) if to_status == AppStatus::OnHold => EventKind::Resumed,
            (false, s) if s.is_closed() => match s {
                AppStatus::Rejected => EventKind::Rejected,
                AppStatus::Withdrawn => EventKind::Withdrawn,
                _ => EventKind::Hired,
            },
            _ if original.kind == EventKind::Applied => EventKind::Withdrawn,
            _ => EventKind::Moved,
        };
        // Undoing an application itself closes it: there is no state before "applied".
        let to = if original.kind == EventKind::Applied {
            AppStatus::Withdrawn
        } else {
            from_status
        };
        let mut change = Change::simple(kind, from_stage, to);
        change.reason = if to == AppStatus::Rejected {
            original_reason(self, &original)?
        } else {
            None
        };
        change.note = Some("undo");
        change.undoes = Some(event);
        self.change(&current, expected, change)
    }

    /// Open applications of a family (closed ones too when `include_closed`), board order.
    pub fn board(&self, family: FamilyId, include_closed: bool) -> Result<Vec<BoardCard>> {
        let sql = "SELECT a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status, a.stage_entered_at, a.version
             FROM applications a
             JOIN candidates c ON c.id = a.candidate_id
             JOIN levels l ON l.id = a.level_id
             WHERE a.family_id = ?1 AND (?2 OR a.status IN ('active', 'on_hold'))
             ORDER BY a.stage_id, a.stage_entered_at, a.id";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![family.0, include_closed], |r| {
            let status: String = r.get(5)?;
            Ok(BoardCard {
                id: ApplicationId(r.get(0)?),
                candidate_id: CandidateId(r.get(1)?),
                name: r.get(2)?,
                level: r.get(3)?,
                stage_id: StageId(r.get(4)?),
                status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
                stage_entered_at: r.get(6)?,
                version: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn change(
        &mut self,
        current: &Application,
        expected: Option<i64>,
        change: Change<'_>,
    ) -> Result<Transition> {
        if let Some(note) = change.note {
            super::candidates::reject_nul("note", note)?;
        }
        let now = self.now_text();
        let actor = self.actor.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read inside the write lock: another process may have changed it since.
        let version: i64 = tx.query_row(
            "SELECT version FROM applications WHERE id = ?1",
            [current.id.0],
            |r| r.get(0),
        )?;
        let base = expected.unwrap_or(current.version);
        if version != base {
            return Err(StoreError::Conflict(format!(
                "{} was changed by someone else since you looked; refresh and try again",
                current.candidate_name
            )));
        }
        let entered = if change.to_stage != current.stage_id {
            now.clone()
        } else {
            current.stage_entered_at.clone()
        };
        tx.prepare_cached(
            "UPDATE applications SET stage_id=?2, status=?3, reject_reason=?4, stage_entered_at=?5,
                    updated_at=?6, version=version+1 WHERE id=?1",
        )?
        .execute(params![
            current.id.0,
            change.to_stage.0,
            change.to_status.as_str(),
            change.reason.map(RejectReason::as_str),
            entered,
            now
        ])?;
        let event_id = append(
            &tx,
            &now,
            &actor,
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
        )?;
        tx.commit()?;
        Ok(Transition {
            event_id,
            application: self.application(current.id)?,
        })
    }
}

impl<'a> Change<'a> {
    fn simple(kind: EventKind, to_stage: StageId, to_status: AppStatus) -> Self {
        Change {
            kind,
            to_stage,
            to_status,
            reason: None,
            note: None,
            undoes: None,
        }
    }
}

/// The reason of the rejection that an undo-of-reopen restores.
fn original_reason(store: &Store, reopen: &crate::domain::Event) -> Result<Option<RejectReason>> {
    let Some(undone) = reopen.undoes else {
        return Ok(Some(RejectReason::Other));
    };
    Ok(store.event(undone)?.reason.or(Some(RejectReason::Other)))
}

fn require_status(app: &Application, allowed: &[AppStatus], verb: &str) -> Result<()> {
    if allowed.contains(&app.status) {
        return Ok(());
    }
    let hint = match app.status {
        AppStatus::OnHold => "; resume them first",
        AppStatus::Rejected | AppStatus::Withdrawn | AppStatus::Hired => "; it is closed",
        AppStatus::Active => "",
    };
    Err(StoreError::Conflict(format!(
        "{} (application {}) is {} and cannot be {verb}{hint}",
        app.candidate_name, app.id, app.status
    )))
}

//! Applying a person to a level of a role (they enter its first stage): someone already
//! on file, or someone added in the same transaction, so a failed apply adds nobody.

use super::applications::Transition;
use super::candidates::{NewCandidate, insert_candidate};
use super::events::{NewEvent, append_for};
use super::request::replayed_apply;
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{AppStatus, ApplicationId, CandidateId, EventId, EventKind, Level, LevelId, Stage};

impl Store {
    /// Apply a candidate to a level; they enter the family's first stage.
    pub fn apply(&mut self, candidate: CandidateId, level: LevelId) -> Result<Transition> {
        self.candidate(candidate)?;
        let (level, first) = self.level_and_first_stage(level)?;
        let request = self.next_request_id();
        let (app, event_id) = self.write(|tx| {
            // Under the write lock (on PostgreSQL the person's row, locked): a person
            // erased a moment ago by another process is refused.
            lock_candidate(tx, candidate)?;
            // A retry of an apply that was committed (its reply lost): what it wrote.
            if let Some(done) =
                request.as_deref().map(|r| replayed_apply(tx, r, Some(candidate))).transpose()?.flatten()
            {
                return Ok(done);
            }
            self.refuse_if_erased(candidate)?;
            let now = self.now_in(tx)?;
            insert_application(tx, &now, &self.actor, candidate, (&level, &first), request.as_deref())
        })?;
        Ok(Transition { event_id, application: self.application(app)? })
    }

    /// Add a person and apply them to a level in one transaction: when the apply is
    /// refused or fails, the person is not added either (nothing to clean up, nobody
    /// half-added for a second try to find as a duplicate).
    pub fn add_candidate_and_apply(&mut self, new: &NewCandidate, level: LevelId) -> Result<Transition> {
        let (level, first) = self.level_and_first_stage(level)?;
        let request = self.next_request_id();
        let (app, event_id) = self.write(|tx| {
            // A retry of a run that was committed: the person it added is not added again.
            if let Some(done) = request.as_deref().map(|r| replayed_apply(tx, r, None)).transpose()?.flatten()
            {
                return Ok(done);
            }
            let now = self.now_in(tx)?;
            let candidate = insert_candidate(tx, new, &now)?;
            insert_application(tx, &now, &self.actor, candidate, (&level, &first), request.as_deref())
        })?;
        Ok(Transition { event_id, application: self.application(app)? })
    }

    /// A level and the first stage of its pipeline (an application starts there).
    fn level_and_first_stage(&self, level: LevelId) -> Result<(Level, Stage)> {
        let level = self.level(level)?;
        let first = self
            .level_pipeline(level.id)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Invalid("the role has no stages".into()))?;
        Ok((level, first))
    }
}

/// On PostgreSQL, lock the person's row until the transaction ends (an erasure or another
/// apply of the same person waits); on SQLite the write lock already covers it.
fn lock_candidate(tx: &dyn Sql, candidate: CandidateId) -> Result<()> {
    if tx.dialect() == Dialect::Postgres {
        tx.query_opt("SELECT id FROM candidates WHERE id = ?1 FOR UPDATE", &args![candidate], |_| Ok(()))?;
    }
    Ok(())
}

/// Insert the application and its `Applied` event (tagged with `request`) inside the
/// caller's transaction, refusing a second open application in the role and a second one
/// at the level.
fn insert_application(
    tx: &dyn Sql,
    now: &str,
    actor: &str,
    candidate: CandidateId,
    (level, first): (&Level, &Stage),
    request: Option<&str>,
) -> Result<(ApplicationId, EventId)> {
    super::open_rule::refuse_second_open(tx, candidate, level.family_id, None, false)?;
    // Only a closed application can be left at this level now; one per level stays.
    let exists = tx.query_opt(
        "SELECT a.id, a.status, c.name FROM applications a JOIN candidates c ON c.id = a.candidate_id
         WHERE a.candidate_id = ?1 AND a.level_id = ?2",
        &args![candidate, level.id],
        |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?, r.get::<String>(2)?)),
    )?;
    if let Some((id, status, name)) = exists {
        return Err(StoreError::Conflict(format!(
            "{name} already applied to {} (app {id}, {}); reopen it with `rolecall reopen {id}`",
            level.title,
            AppStatus::parse(&status).map(|s| s.to_string()).unwrap_or(status)
        )));
    }
    let app = ApplicationId(tx.insert_returning_id(
        "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status,
                                   stage_entered_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5, ?5) RETURNING id",
        &args![candidate, level.family_id, level.id, first.id, now],
    )?);
    let event = NewEvent {
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
    };
    let event_id = append_for(tx, now, actor, &event, request)?;
    Ok((app, event_id))
}

//! Applying a person to a level of a role (they enter its first stage): someone already
//! on file, or someone added in the same transaction, so a failed apply adds nobody.

use super::applications::Transition;
use super::candidates::{NewCandidate, insert_candidate};
use super::events::{NewEvent, append};
use super::{Result, Store, StoreError};
use crate::domain::{AppStatus, ApplicationId, CandidateId, EventId, EventKind, Level, LevelId, Stage};
use rusqlite::{Connection, OptionalExtension, params};

impl Store {
    /// Apply a candidate to a level; they enter the family's first stage.
    pub fn apply(&mut self, candidate: CandidateId, level: LevelId) -> Result<Transition> {
        self.candidate(candidate)?;
        let (level, first) = self.level_and_first_stage(level)?;
        let now = self.now_text();
        let tx = super::retry::begin_immediate(self.sqlite()?)?;
        // Under the write lock: a person erased a moment ago by another process is refused.
        self.refuse_if_erased(candidate)?;
        let (app, event_id) = insert_application(&tx, &now, &self.actor, candidate, &level, &first)?;
        super::retry::commit(tx)?;
        Ok(Transition { event_id, application: self.application(app)? })
    }

    /// Add a person and apply them to a level in one transaction: when the apply is
    /// refused or fails, the person is not added either (nothing to clean up, nobody
    /// half-added for a second try to find as a duplicate).
    pub fn add_candidate_and_apply(&mut self, new: &NewCandidate, level: LevelId) -> Result<Transition> {
        let (level, first) = self.level_and_first_stage(level)?;
        let now = self.now_text();
        let tx = super::retry::begin_immediate(self.sqlite()?)?;
        let candidate = insert_candidate(&tx, new, &now)?;
        let (app, event_id) = insert_application(&tx, &now, &self.actor, candidate, &level, &first)?;
        super::retry::commit(tx)?;
        Ok(Transition { event_id, application: self.application(app)? })
    }

    /// A level and the first stage of its role (an application starts there).
    fn level_and_first_stage(&self, level: LevelId) -> Result<(Level, Stage)> {
        let level = self.level(level)?;
        let first = self
            .stages(level.family_id)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Invalid("the role has no stages".into()))?;
        Ok((level, first))
    }
}

/// Insert the application and its `Applied` event inside the caller's transaction,
/// refusing a second open application in the role and a second one at the level.
fn insert_application(
    conn: &Connection,
    now: &str,
    actor: &str,
    candidate: CandidateId,
    level: &Level,
    first: &Stage,
) -> Result<(ApplicationId, EventId)> {
    super::open_rule::refuse_second_open(conn, candidate, level.family_id, None, false)?;
    // Only a closed application can be left at this level now; one per level stays.
    let exists = conn
        .query_row(
            "SELECT a.id, a.status, c.name FROM applications a JOIN candidates c ON c.id = a.candidate_id
             WHERE a.candidate_id = ?1 AND a.level_id = ?2",
            params![candidate.0, level.id.0],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?;
    if let Some((id, status, name)) = exists {
        return Err(StoreError::Conflict(format!(
            "{name} already applied to {} (app {id}, {}); reopen it with `rolecall reopen {id}`",
            level.title,
            AppStatus::parse(&status).map(|s| s.to_string()).unwrap_or(status)
        )));
    }
    conn.execute(
        "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status,
                                   stage_entered_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5, ?5)",
        params![candidate.0, level.family_id.0, level.id.0, first.id.0, now],
    )?;
    let app = ApplicationId(conn.last_insert_rowid());
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
    let event_id = append(conn, now, actor, &event)?;
    Ok((app, event_id))
}

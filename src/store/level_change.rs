//! Changing the level of an application within its role: one `level_changed` event
//! naming both levels, written with the row in one transaction, and its undo.

use super::applications::Transition;
use super::request::replayed;
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{AppStatus, Application, ApplicationId, Event, EventId, EventKind, Level, LevelId};

impl Store {
    /// Move an open (active or on-hold) application to another level of its role. Stage,
    /// status and interviews stay; scorecards keep the level they were rated against.
    pub fn change_level(
        &mut self,
        app: ApplicationId,
        level: LevelId,
        expected: Option<i64>,
    ) -> Result<Transition> {
        self.write_level(app, level, expected, None)
    }

    /// Undo (or redo) a level change: back to the level it started from.
    pub(crate) fn revert_level(&mut self, original: &Event, expected: Option<i64>) -> Result<Transition> {
        let (Some(app), Some(from), Some(to)) =
            (original.application_id, original.from_level, original.to_level)
        else {
            return Err(StoreError::Conflict("that level change cannot be undone".into()));
        };
        self.write_level(app, from, expected, Some((original.id, to)))
    }

    /// Write one level change; for an undo, `undoing` is the event undone and the level
    /// the application must still be at.
    fn write_level(
        &mut self,
        app: ApplicationId,
        level: LevelId,
        expected: Option<i64>,
        undoing: Option<(EventId, LevelId)>,
    ) -> Result<Transition> {
        let request = self.next_request_id();
        let store: &Store = self;
        let event_id = store.write(|tx| {
            let now = store.now_in(tx)?;
            super::transitions::lock_application(tx, app)?;
            // A retry of a request that was committed (its reply lost): the event it wrote,
            // before the checks its own change would now fail.
            if let Some(done) = request.as_deref().map(|r| replayed(tx, r, app)).transpose()?.flatten() {
                return Ok(done);
            }
            let current = store.application(app)?;
            if undoing.is_some_and(|(_, at)| at != current.level_id) {
                return Err(StoreError::Conflict(format!(
                    "{}'s level has changed since; nothing was undone",
                    current.candidate_name
                )));
            }
            if expected.is_some_and(|seen| seen != current.version) {
                return Err(StoreError::Conflict(format!(
                    "{} was changed by someone else since you looked; refresh and try again",
                    current.candidate_name
                )));
            }
            let target = store.level(level)?;
            check_level_change(tx, &current, &target)?;
            tx.execute(
                "UPDATE applications SET level_id = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
                &args![app, target.id, &now],
            )?;
            // No note: the event holds no free text (nothing to scrub if the person is erased).
            let id = tx.insert_returning_id(
                "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                     from_status, to_status, undoes, from_level_id, to_level_id, request_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                &args![
                    now,
                    &store.actor,
                    EventKind::LevelChanged.as_str(),
                    current.candidate_id,
                    app,
                    current.stage_id,
                    current.status.as_str(),
                    undoing.map(|(event, _)| event),
                    current.level_id,
                    target.id,
                    request.as_deref(),
                ],
            )?;
            Ok(EventId(id))
        })?;
        Ok(Transition { event_id, application: self.application(app)? })
    }
}

/// Whether `current` may move to `target`: a level of its role, an open application,
/// another level than its own, and no other application of the person at that level.
fn check_level_change(tx: &dyn Sql, current: &Application, target: &Level) -> Result<()> {
    let app = current.id;
    if target.family_id != current.family_id {
        return Err(StoreError::Invalid(format!(
            "level '{}' belongs to another role than application {app}",
            target.title
        )));
    }
    if !crate::domain::rules::Change::ChangeLevel.allows(current.status) {
        return Err(StoreError::Conflict(format!(
            "{} (app {app}) is {}; only an open application's level can change (reopen it first)",
            current.candidate_name, current.status
        )));
    }
    if target.id == current.level_id {
        return Err(StoreError::Conflict(format!(
            "{} (app {app}) is already at {}; nothing changed",
            current.candidate_name, target.title
        )));
    }
    // One application per person and level: a closed one may hold the target level.
    let taken: Option<(i64, String)> = tx.query_opt(
        "SELECT id, status FROM applications WHERE candidate_id = ?1 AND level_id = ?2",
        &args![current.candidate_id, target.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((other, status)) = taken {
        return Err(StoreError::Conflict(format!(
            "{} already has app {other} ({}) at {}; withdraw app {app} and reopen app {other} instead",
            current.candidate_name,
            AppStatus::parse(&status).map(|s| s.to_string()).unwrap_or(status),
            target.title
        )));
    }
    Ok(())
}

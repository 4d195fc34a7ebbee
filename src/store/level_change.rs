//! Changing the level of an application within its role: one `level_changed` event
//! naming both levels, written with the row in one transaction, and its undo.

use super::applications::Transition;
use super::{Result, Store, StoreError, retry};
use crate::domain::{AppStatus, ApplicationId, Event, EventId, EventKind, LevelId};
use rusqlite::{OptionalExtension, params};

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
        let current = self.application(app)?;
        if current.level_id != to {
            return Err(StoreError::Conflict(format!(
                "{}'s level has changed since; nothing was undone",
                current.candidate_name
            )));
        }
        self.write_level(app, from, expected, Some(original.id))
    }

    fn write_level(
        &mut self,
        app: ApplicationId,
        level: LevelId,
        expected: Option<i64>,
        undoes: Option<EventId>,
    ) -> Result<Transition> {
        let now = self.now_text();
        let tx = retry::begin_immediate(self.sqlite()?)?;
        let current = self.application(app)?;
        if expected.is_some_and(|seen| seen != current.version) {
            return Err(StoreError::Conflict(format!(
                "{} was changed by someone else since you looked; refresh and try again",
                current.candidate_name
            )));
        }
        let target = self.level(level)?;
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
        let taken: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, status FROM applications WHERE candidate_id = ?1 AND level_id = ?2",
                params![current.candidate_id.0, target.id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((other, status)) = taken {
            return Err(StoreError::Conflict(format!(
                "{} already has app {other} ({}) at {}; withdraw app {app} and reopen app {other} instead",
                current.candidate_name,
                AppStatus::parse(&status).map(|s| s.to_string()).unwrap_or(status),
                target.title
            )));
        }
        tx.execute(
            "UPDATE applications SET level_id = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
            params![app.0, target.id.0, now],
        )?;
        // No note: the event holds no free text (nothing to scrub if the person is erased).
        tx.prepare_cached(
            "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                 from_status, to_status, undoes, from_level_id, to_level_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            now,
            self.actor,
            EventKind::LevelChanged.as_str(),
            current.candidate_id.0,
            app.0,
            current.stage_id.0,
            current.status.as_str(),
            undoes.map(|u| u.0),
            current.level_id.0,
            target.id.0,
        ])?;
        let event_id = EventId(tx.last_insert_rowid());
        retry::commit(tx)?;
        Ok(Transition { event_id, application: self.application(app)? })
    }
}

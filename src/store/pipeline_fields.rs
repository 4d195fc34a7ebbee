//! The fields the pipeline editor changes, read and written by name on either backend:
//! a stage's label, range, alternatives and interviewers, a level's title and grade
//! (each as the text the edit log keeps), and the order of a role's live stages.

use super::sql::prelude::*;
use super::{Result, StoreError};
use crate::domain::pipeline::{EditKind, parse_range, range_text};

/// The role (family id) a stage or level belongs to, and whether it is live.
pub(super) fn owner(tx: &dyn Sql, level: bool, id: i64) -> Result<Option<(i64, bool)>> {
    let table = if level { "levels" } else { "stages" };
    tx.query_opt(&format!("SELECT family_id, retired FROM {table} WHERE id = ?1"), &args![id], |r| {
        Ok((r.get(0)?, !r.get::<bool>(1)?))
    })
}

/// The stored text of `kind`'s field of stage or level `id`.
pub(super) fn read(tx: &dyn Sql, kind: EditKind, id: i64) -> Result<String> {
    let missing =
        || StoreError::not_found(if kind.is_level() { "level" } else { "stage" }, &id.to_string(), []);
    let sql = match kind {
        EditKind::StageRename => "SELECT label FROM stages WHERE id = ?1",
        EditKind::StageAlternatives => "SELECT alternatives FROM stages WHERE id = ?1",
        EditKind::StageInterviewers => "SELECT interviewers FROM stages WHERE id = ?1",
        EditKind::LevelRename => "SELECT title FROM levels WHERE id = ?1",
        EditKind::StageRange => {
            let found = tx.query_opt(
                "SELECT min_interviews, max_interviews FROM stages WHERE id = ?1",
                &args![id],
                |r| Ok(range_text(r.get::<i64>(0)? as u32, r.get::<i64>(1)? as u32)),
            )?;
            return found.ok_or_else(missing);
        }
        EditKind::LevelGrade => {
            let found = tx.query_opt("SELECT grade FROM levels WHERE id = ?1", &args![id], |r| {
                Ok(r.get::<Option<i64>>(0)?.map(|g| g.to_string()).unwrap_or_default())
            })?;
            return found.ok_or_else(missing);
        }
        _ => return Err(StoreError::Other(format!("{} is not a field edit", kind.as_str()))),
    };
    tx.query_opt(sql, &args![id], |r| r.get::<String>(0))?.ok_or_else(missing)
}

/// Write `value` (as [`read`] gives it) to `kind`'s field of stage or level `id`.
pub(super) fn write(tx: &dyn Sql, kind: EditKind, id: i64, value: &str) -> Result<()> {
    match kind {
        EditKind::StageRange => {
            let (min, max) = parse_range(value).map_err(StoreError::Invalid)?;
            tx.execute(
                "UPDATE stages SET min_interviews = ?2, max_interviews = ?3 WHERE id = ?1",
                &args![id, min, max],
            )?;
        }
        EditKind::LevelGrade => {
            let grade: Option<i64> = if value.is_empty() {
                None
            } else {
                Some(value.parse().map_err(|_| StoreError::Invalid(format!("'{value}' is not a grade")))?)
            };
            tx.execute("UPDATE levels SET grade = ?2 WHERE id = ?1", &args![id, grade])?;
        }
        _ => {
            let (table, column) = match kind {
                EditKind::StageRename => ("stages", "label"),
                EditKind::StageAlternatives => ("stages", "alternatives"),
                EditKind::StageInterviewers => ("stages", "interviewers"),
                EditKind::LevelRename => ("levels", "title"),
                _ => return Err(StoreError::Other(format!("{} is not a field edit", kind.as_str()))),
            };
            tx.execute(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"), &args![id, value])?;
        }
    }
    Ok(())
}

/// Refuse a value the field cannot take: an empty or duplicate name.
pub(super) fn check(tx: &dyn Sql, kind: EditKind, family: i64, id: i64, value: &str) -> Result<()> {
    let (table, column, what) = match kind {
        EditKind::StageRename => ("stages", "label", "stage"),
        EditKind::LevelRename => ("levels", "title", "level"),
        EditKind::StageRange => return parse_range(value).map(|_| ()).map_err(StoreError::Invalid),
        _ => return Ok(()),
    };
    if value.trim().is_empty() {
        return Err(StoreError::Invalid(format!("a {what} needs a name")));
    }
    let clash: Option<String> = tx.query_opt(
        &format!(
            "SELECT {column} FROM {table} WHERE family_id = ?1 AND id <> ?2 AND retired = FALSE
             AND lower({column}) = lower(?3)"
        ),
        &args![family, id, value.trim()],
        |r| r.get(0),
    )?;
    match clash {
        Some(name) => Err(StoreError::Conflict(format!("this role already has a {what} named '{name}'"))),
        None => Ok(()),
    }
}

/// The ids of a role's live stages, in order (the Offer last).
pub(super) fn layout(tx: &dyn Sql, family: i64) -> Result<Vec<i64>> {
    tx.query_rows(
        "SELECT id FROM stages WHERE family_id = ?1 AND retired = FALSE AND track_id IS NULL ORDER BY position, id",
        &args![family],
        |r| r.get(0),
    )
}

/// A layout as the log keeps it (a JSON list of ids), and back.
pub(super) fn layout_text(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// See [`layout_text`].
pub(super) fn parse_layout(text: &str) -> Vec<i64> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Make `ids` the role's live stages in that order: a live stage left out is retired
/// (refused while open applications sit there, naming how many), one listed is live.
pub(super) fn apply_layout(tx: &dyn Sql, family: i64, ids: &[i64]) -> Result<()> {
    for id in layout(tx, family)?.into_iter().filter(|id| !ids.contains(id)) {
        refuse_if_occupied(tx, id)?;
        tx.execute(
            "UPDATE stages SET retired = TRUE,
             position = CASE WHEN position >= 0 THEN -1 - position ELSE position END WHERE id = ?1",
            &args![id],
        )?;
    }
    for (position, id) in ids.iter().enumerate() {
        tx.execute(
            "UPDATE stages SET retired = FALSE, position = ?2 WHERE id = ?1 AND family_id = ?3",
            &args![*id, position as i64, family],
        )?;
    }
    Ok(())
}

/// Refuse to retire a stage while open applications sit at it.
pub(super) fn refuse_if_occupied(tx: &dyn Sql, stage: i64) -> Result<()> {
    let open: i64 = tx.query_value(
        "SELECT COUNT(*) FROM applications WHERE stage_id = ?1 AND status IN ('active', 'on_hold')",
        &args![stage],
    )?;
    if open == 0 {
        return Ok(());
    }
    let label: String = tx.query_value("SELECT label FROM stages WHERE id = ?1", &args![stage])?;
    let who = if open == 1 {
        "1 open application sits".to_string()
    } else {
        format!("{open} open applications sit")
    };
    Err(StoreError::Conflict(format!(
        "stage '{label}' cannot be removed: {who} there; move or close them first"
    )))
}

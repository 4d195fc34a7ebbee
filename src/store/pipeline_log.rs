//! Reading the pipeline editor's log (`pipeline_edits`), on either backend: one edit as
//! its revert needs it, and edits with a sentence each for history.

use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::FamilyId;
use crate::domain::pipeline::{EditKind, PipelineEdit};

/// An edit as stored, for reverting it.
pub(super) struct RawEdit {
    pub(super) family: i64,
    pub(super) kind: EditKind,
    pub(super) stage: Option<i64>,
    pub(super) level: Option<i64>,
    pub(super) old: String,
    pub(super) new: String,
    pub(super) pin_before: Option<String>,
}

/// Edit `id` as stored.
pub(super) fn raw(tx: &dyn Sql, id: i64) -> Result<RawEdit> {
    let found = tx.query_opt(
        "SELECT family_id, kind, stage_id, level_id, old_value, new_value, pin_before
         FROM pipeline_edits WHERE id = ?1",
        &args![id],
        |r| {
            let kind: String = r.get(1)?;
            let kind = EditKind::parse(&kind).ok_or_else(|| {
                StoreError::Corrupt(format!("pipeline edit {id} has unknown kind '{kind}'"))
            })?;
            Ok(RawEdit {
                family: r.get(0)?,
                kind,
                stage: r.get(2)?,
                level: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
                pin_before: r.get(6)?,
            })
        },
    )?;
    found.ok_or_else(|| StoreError::not_found("edit", &id.to_string(), []))
}

const COLUMNS: &str = "e.id, e.at, e.actor, e.family_id, e.kind, e.stage_id, e.level_id, e.old_value,
     e.new_value, e.undoes, COALESCE(s.label, l.title, '')";
const FROM: &str = "FROM pipeline_edits e LEFT JOIN stages s ON s.id = e.stage_id
     LEFT JOIN levels l ON l.id = e.level_id";

fn edit(r: &Row<'_>) -> Result<PipelineEdit> {
    let kind: String = r.get(4)?;
    let id: i64 = r.get(0)?;
    let kind = EditKind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("pipeline edit {id} has unknown kind '{kind}'")))?;
    let mut e = PipelineEdit {
        id,
        at: r.get(1)?,
        actor: r.get(2)?,
        family_id: FamilyId(r.get(3)?),
        kind,
        stage_id: r.get(5)?,
        level_id: r.get(6)?,
        old_value: r.get(7)?,
        new_value: r.get(8)?,
        undoes: r.get(9)?,
        summary: String::new(),
    };
    let name: String = r.get(10)?;
    e.summary = summary(&e, &name);
    Ok(e)
}

/// A sentence for an edit; `name` is its stage's label or level's title as they are now.
fn summary(e: &PipelineEdit, name: &str) -> String {
    let list = |json: &str| {
        let items: Vec<String> = serde_json::from_str(json).unwrap_or_default();
        if items.is_empty() { "none".to_string() } else { items.join(", ") }
    };
    let or_none = |v: &str| if v.is_empty() { "none".to_string() } else { v.to_string() };
    let text = match e.kind {
        EditKind::StageRename => format!("renamed stage '{}' to '{}'", e.old_value, e.new_value),
        EditKind::LevelRename => format!("renamed level '{}' to '{}'", e.old_value, e.new_value),
        EditKind::StageRange => {
            format!("set the interviews of stage '{name}' to {} (was {})", e.new_value, e.old_value)
        }
        EditKind::StageAlternatives => format!(
            "set the alternatives of stage '{name}' to {} (was {})",
            list(&e.new_value),
            list(&e.old_value)
        ),
        EditKind::StageInterviewers => format!(
            "set the interviewers of stage '{name}' to {} (was {})",
            list(&e.new_value),
            list(&e.old_value)
        ),
        EditKind::LevelGrade => {
            format!(
                "set the grade of level '{name}' to {} (was {})",
                or_none(&e.new_value),
                or_none(&e.old_value)
            )
        }
        EditKind::StageAdd | EditKind::StageRemove | EditKind::StageMove => layout_summary(e, name),
    };
    match e.undoes {
        Some(target) => format!("{text} (reverting edit {target})"),
        None => text,
    }
}

fn layout_summary(e: &PipelineEdit, name: &str) -> String {
    let old: Vec<i64> = serde_json::from_str(&e.old_value).unwrap_or_default();
    let new: Vec<i64> = serde_json::from_str(&e.new_value).unwrap_or_default();
    let id = e.stage_id.unwrap_or(0);
    match (old.iter().position(|s| *s == id), new.iter().position(|s| *s == id)) {
        (None, Some(to)) => format!("added stage '{name}' at position {}", to + 1),
        (Some(_), None) => format!("removed stage '{name}'"),
        (Some(from), Some(to)) => format!("moved stage '{name}' from position {} to {}", from + 1, to + 1),
        (None, None) => format!("changed the order of stages around '{name}'"),
    }
}

impl Store {
    /// One edit by id.
    pub fn pipeline_edit(&self, id: i64) -> Result<PipelineEdit> {
        self.db()
            .query_opt(&format!("SELECT {COLUMNS} {FROM} WHERE e.id = ?1"), &args![id], edit)?
            .ok_or_else(|| StoreError::not_found("edit", &id.to_string(), []))
    }

    /// The edits of a role, oldest first.
    pub fn pipeline_edits(&self, family: FamilyId) -> Result<Vec<PipelineEdit>> {
        self.db().query_rows(
            &format!("SELECT {COLUMNS} {FROM} WHERE e.family_id = ?1 ORDER BY e.id"),
            &args![family],
            edit,
        )
    }
}

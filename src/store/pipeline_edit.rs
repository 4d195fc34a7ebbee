//! The pipeline editor, on either backend: a recruiter renames, adds, removes and moves
//! a role's stages, sets a stage's range, alternatives and interviewers, renames a level
//! or changes its grade. Each edit is one transaction that changes the row, pins the
//! field against re-imports (`pipeline_pins.rs`) and appends to the `pipeline_edits`
//! log; an undo or redo is a new row reverting an earlier one.

use super::pipeline_fields as fields;
use super::pipeline_pins::{self as pins, Pin};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::pipeline::{EditKind, EditStacks, PipelineEdit};
use crate::domain::{FamilyId, LevelId, StageId, StageKind};

/// A change to one field of a stage.
#[derive(Debug, Clone)]
pub enum StageChange {
    /// A new label.
    Rename(String),
    /// A new interview range.
    Range(u32, u32),
    /// New alternatives (empty: none).
    Alternatives(Vec<String>),
    /// New interviewers (empty: none).
    Interviewers(Vec<String>),
}

/// A change to one field of a level.
#[derive(Debug, Clone)]
pub enum LevelChange {
    /// A new title.
    Rename(String),
    /// A new grade (`None`: no grade).
    Grade(Option<u32>),
}

/// One row for the log.
struct NewEdit {
    family: i64,
    kind: EditKind,
    stage: Option<i64>,
    level: Option<i64>,
    old: String,
    new: String,
    pin_before: Option<String>,
    undoes: Option<i64>,
}

impl Store {
    /// Change one field of a stage of `family`.
    pub fn edit_stage(&self, family: FamilyId, stage: StageId, change: StageChange) -> Result<PipelineEdit> {
        let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
        let (kind, value) = match &change {
            StageChange::Rename(label) => (EditKind::StageRename, label.trim().to_string()),
            StageChange::Range(min, max) => {
                (EditKind::StageRange, crate::domain::pipeline::range_text(*min, *max))
            }
            StageChange::Alternatives(v) => (EditKind::StageAlternatives, json(v)),
            StageChange::Interviewers(v) => (EditKind::StageInterviewers, json(v)),
        };
        self.field_edit(family, kind, stage.0, value)
    }

    /// Change one field of a level of `family`.
    pub fn edit_level(&self, family: FamilyId, level: LevelId, change: LevelChange) -> Result<PipelineEdit> {
        let (kind, value) = match change {
            LevelChange::Rename(title) => (EditKind::LevelRename, title.trim().to_string()),
            LevelChange::Grade(g) => (EditKind::LevelGrade, g.map(|g| g.to_string()).unwrap_or_default()),
        };
        self.field_edit(family, kind, level.0, value)
    }

    fn field_edit(&self, family: FamilyId, kind: EditKind, id: i64, value: String) -> Result<PipelineEdit> {
        let edit = self.write(|tx| {
            let what = if kind.is_level() { "level" } else { "stage" };
            match fields::owner(tx, kind.is_level(), id)? {
                Some((f, true)) if f == family.0 => {}
                _ => return Err(StoreError::not_found(what, &id.to_string(), [])),
            }
            fields::check(tx, kind, family.0, id, &value)?;
            let old = fields::read(tx, kind, id)?;
            if old == value {
                return Err(StoreError::Invalid(format!(
                    "the {what} already has that value; nothing changed"
                )));
            }
            fields::write(tx, kind, id, &value)?;
            let target = pins::target_of(kind);
            let before = pins::get(tx, target, id, kind.field())?;
            let page = before.as_ref().map_or_else(|| old.clone(), |p| p.page.clone());
            pins::set(tx, family.0, target, id, kind.field(), Some(&Pin { value: value.clone(), page }))?;
            let (stage, level) = if kind.is_level() { (None, Some(id)) } else { (Some(id), None) };
            let row = NewEdit {
                family: family.0,
                kind,
                stage,
                level,
                old,
                new: value.clone(),
                pin_before: pins::to_text(before.as_ref()),
                undoes: None,
            };
            self.append_edit(tx, &row)
        })?;
        self.pipeline_edit(edit)
    }

    /// Add a stage labelled `label` before `before` (default: before the Offer).
    pub fn add_stage(&self, family: FamilyId, label: &str, before: Option<StageId>) -> Result<PipelineEdit> {
        let label = label.trim().to_string();
        let edit = self.write(|tx| {
            let old = fields::layout(tx, family.0)?;
            let Some(&offer) = old.last() else {
                return Err(StoreError::not_found("role", &family.0.to_string(), []));
            };
            let at = match before {
                Some(b) => old.iter().position(|id| *id == b.0).ok_or_else(|| not_a_stage(b))?,
                None => old.len() - 1,
            };
            let id = tx.insert_returning_id(
                "INSERT INTO stages (family_id, position, kind, label, full_text, retired)
                 VALUES (?1, -1, ?2, ?3, ?3, TRUE) RETURNING id",
                &args![family.0, StageKind::Interview.as_str(), label.as_str()],
            )?;
            fields::check(tx, EditKind::StageRename, family.0, id, &label)?;
            let mut new = old.clone();
            new.insert(at.min(new.iter().position(|s| *s == offer).unwrap_or(at)), id);
            self.layout_edit(tx, family.0, EditKind::StageAdd, id, &old, &new)
        })?;
        self.pipeline_edit(edit)
    }

    /// Remove a stage (refused while open applications sit there, or for the Offer).
    pub fn remove_stage(&self, family: FamilyId, stage: StageId) -> Result<PipelineEdit> {
        let edit = self.write(|tx| {
            let old = fields::layout(tx, family.0)?;
            if !old.contains(&stage.0) {
                return Err(not_a_stage(stage));
            }
            if old.last() == Some(&stage.0) {
                return Err(StoreError::Conflict("the Offer stage cannot be removed".into()));
            }
            let new: Vec<i64> = old.iter().copied().filter(|id| *id != stage.0).collect();
            self.layout_edit(tx, family.0, EditKind::StageRemove, stage.0, &old, &new)
        })?;
        self.pipeline_edit(edit)
    }

    /// Move a stage to `position` (1 = first; the Offer stays last).
    pub fn move_stage(&self, family: FamilyId, stage: StageId, position: usize) -> Result<PipelineEdit> {
        let edit = self.write(|tx| {
            let old = fields::layout(tx, family.0)?;
            let from = old.iter().position(|id| *id == stage.0).ok_or_else(|| not_a_stage(stage))?;
            let last = old.len() - 1;
            if from == last {
                return Err(StoreError::Conflict("the Offer stage stays last".into()));
            }
            if position == 0 || position > last {
                return Err(StoreError::Invalid(format!(
                    "position {position} is not one a stage can move to: give 1 to {last} (the Offer stays last)"
                )));
            }
            if position - 1 == from {
                return Err(StoreError::Invalid("the stage is already there; nothing changed".into()));
            }
            let mut new = old.clone();
            let id = new.remove(from);
            new.insert(position - 1, id);
            self.layout_edit(tx, family.0, EditKind::StageMove, stage.0, &old, &new)
        })?;
        self.pipeline_edit(edit)
    }

    fn layout_edit(
        &self,
        tx: &dyn Sql,
        family: i64,
        kind: EditKind,
        stage: i64,
        old: &[i64],
        new: &[i64],
    ) -> Result<i64> {
        fields::apply_layout(tx, family, new)?;
        let before = pins::get(tx, "family", family, "layout")?;
        let page = before.as_ref().map_or_else(|| fields::layout_text(old), |p| p.page.clone());
        pins::set(
            tx,
            family,
            "family",
            family,
            "layout",
            Some(&Pin { value: fields::layout_text(new), page }),
        )?;
        let row = NewEdit {
            family,
            kind,
            stage: Some(stage),
            level: None,
            old: fields::layout_text(old),
            new: fields::layout_text(new),
            pin_before: pins::to_text(before.as_ref()),
            undoes: None,
        };
        self.append_edit(tx, &row)
    }

    /// Revert edit `id` (an undo; reverting an undo is a redo): the field or the order
    /// of stages goes back to what the edit replaced, and so does its pin. Refused when
    /// the role was changed there since.
    pub fn revert_pipeline_edit(&self, id: i64) -> Result<PipelineEdit> {
        let done = self.write(|tx| {
            let e = super::pipeline_log::raw(tx, id)?;
            let target_id = if e.kind.is_layout() { e.family } else { e.stage.or(e.level).unwrap_or(0) };
            let now = if e.kind.is_layout() {
                fields::layout_text(&fields::layout(tx, e.family)?)
            } else {
                fields::read(tx, e.kind, target_id)?
            };
            if now != e.new {
                return Err(StoreError::Conflict(
                    "the role was changed there since; that edit can no longer be undone".into(),
                ));
            }
            if e.kind.is_layout() {
                fields::apply_layout(tx, e.family, &fields::parse_layout(&e.old))?;
            } else {
                fields::write(tx, e.kind, target_id, &e.old)?;
            }
            let target = pins::target_of(e.kind);
            let current = pins::get(tx, target, target_id, e.kind.field())?;
            pins::set(
                tx,
                e.family,
                target,
                target_id,
                e.kind.field(),
                pins::from_text(e.pin_before.as_deref()).as_ref(),
            )?;
            let row = NewEdit {
                family: e.family,
                kind: e.kind,
                stage: e.stage,
                level: e.level,
                old: e.new.clone(),
                new: e.old.clone(),
                pin_before: pins::to_text(current.as_ref()),
                undoes: Some(id),
            };
            self.append_edit(tx, &row)
        })?;
        self.pipeline_edit(done)
    }

    /// The undo/redo stacks of `actor`'s edits of `family`.
    pub fn pipeline_edit_stacks(&self, family: FamilyId, actor: &str) -> Result<EditStacks> {
        let rows: Vec<(i64, Option<i64>)> = self.db().query_rows(
            "SELECT id, undoes FROM pipeline_edits WHERE family_id = ?1 AND actor = ?2 ORDER BY id",
            &args![family, actor],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(EditStacks::from_edits(rows))
    }

    fn append_edit(&self, tx: &dyn Sql, e: &NewEdit) -> Result<i64> {
        let at = self.now_in(tx)?;
        tx.insert_returning_id(
            "INSERT INTO pipeline_edits (at, actor, family_id, kind, stage_id, level_id, old_value,
                                         new_value, pin_before, undoes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            &args![
                at,
                self.actor(),
                e.family,
                e.kind.as_str(),
                e.stage,
                e.level,
                e.old.as_str(),
                e.new.as_str(),
                e.pin_before.clone(),
                e.undoes
            ],
        )
    }
}

fn not_a_stage(stage: StageId) -> StoreError {
    StoreError::not_found("stage", &stage.0.to_string(), [])
}

//! The pipeline editor's side in the app: opening it on the roles screen, and carrying out
//! its edits (`Command::Pipeline`) with the store functions `rolecall stage` uses, then
//! giving the editor, the roles screen and the board the stages as they now are.

use super::app::App;
use super::effect::PipelineOp;
use super::overlays::Overlay;
use super::overlays::pipeline::PipelineEditor;
use crate::domain::FamilyId;
use crate::domain::text::inert;
use crate::present::store_error_line;
use crate::store::{LevelChange, StageChange, StoreError};

impl App {
    /// Open the pipeline editor of the role on screen.
    pub(crate) fn open_pipeline_editor(&mut self) {
        let Some(family) = self.current_family().cloned() else {
            self.error("No role to edit: import a handbook page first");
            return;
        };
        let loaded =
            self.store.stages(family.id).and_then(|s| Ok((s, self.store.pending_notices(Some(family.id))?)));
        match loaded {
            Ok((stages, notices)) => {
                let mut editor = PipelineEditor::new(family.id, family.title.clone(), stages, notices);
                editor.tracks = self.track_lines(family.id);
                editor.levels = self.store.levels(family.id).unwrap_or_default();
                self.overlay = Some(Overlay::Pipeline(Box::new(editor)));
            }
            Err(e) => self.error(format!("Could not read the role's stages: {}", store_error_line(&e))),
        }
    }

    /// Carry out one edit of the editor and report it; the editor keeps what was typed
    /// when the store refuses.
    pub(crate) fn pipeline_write(&mut self, family: FamilyId, op: PipelineOp) {
        match self.pipeline_op(family, &op) {
            Ok((message, select)) => {
                self.info(message);
                self.refresh_or_report();
                let loaded = self
                    .store
                    .stages(family)
                    .and_then(|s| Ok((s, self.store.pending_notices(Some(family))?)));
                let levels = self.store.levels(family).unwrap_or_default();
                if let (Some(Overlay::Pipeline(editor)), Ok((stages, notices))) = (&mut self.overlay, loaded)
                {
                    editor.refresh(stages, notices, select);
                    editor.refresh_levels(levels);
                }
            }
            Err(e) => {
                let line = store_error_line(&e);
                if let Some(Overlay::Pipeline(editor)) = &mut self.overlay {
                    editor.error = Some(line.clone());
                }
                self.error(line);
            }
        }
    }

    /// Do `op`: the status line's message, and the stage to select after it.
    fn pipeline_op(
        &mut self,
        family: FamilyId,
        op: &PipelineOp,
    ) -> Result<(String, Option<i64>), StoreError> {
        let s = &self.store;
        let edit = match op {
            PipelineOp::Add(label, before) => s.add_stage(family, label, *before)?,
            PipelineOp::Rename(id, label) => s.edit_stage(family, *id, StageChange::Rename(label.clone()))?,
            PipelineOp::Remove(id) => s.remove_stage(family, *id)?,
            PipelineOp::Move(id, to) => s.move_stage(family, *id, *to)?,
            PipelineOp::Range(id, min, max) => s.edit_stage(family, *id, StageChange::Range(*min, *max))?,
            PipelineOp::Alternatives(id, v) => {
                s.edit_stage(family, *id, StageChange::Alternatives(v.clone()))?
            }
            PipelineOp::Interviewers(id, v) => {
                s.edit_stage(family, *id, StageChange::Interviewers(v.clone()))?
            }
            PipelineOp::RenameLevel(id, title) => {
                s.edit_level(family, *id, LevelChange::Rename(title.clone()))?
            }
            PipelineOp::Grade(id, grade) => s.edit_level(family, *id, LevelChange::Grade(*grade))?,
            PipelineOp::Undo | PipelineOp::Redo => {
                let undo = *op == PipelineOp::Undo;
                let stacks = s.pipeline_edit_stacks(family, s.actor())?;
                let target = if undo { stacks.undo_target() } else { stacks.redo_target() };
                let Some(target) = target else {
                    let what = if undo { "undo" } else { "redo" };
                    return Err(StoreError::Conflict(format!("nothing to {what} in this role's pipeline")));
                };
                let edit = s.revert_pipeline_edit(target)?;
                let done = if undo { "Undone" } else { "Redone" };
                return Ok((format!("{done}: {}", inert(&edit.summary)), edit.stage_id));
            }
            PipelineOp::Acknowledge => {
                let n = s.acknowledge_notices(family)?;
                return Ok((format!("Acknowledged {n} handbook change notice(s)"), None));
            }
        };
        let select = match op {
            PipelineOp::Remove(_) => None,
            _ => edit.stage_id,
        };
        let u = self.keymap.key_in(super::action::Mode::Editor, super::action::Action::Undo);
        Ok((format!("{} · {u} undoes", inert(&edit.summary)), select))
    }

    /// One line per further pipeline of the role: its name, its levels, its stages.
    fn track_lines(&self, family: FamilyId) -> Vec<String> {
        let (Ok(tracks), Ok(levels)) = (self.store.tracks(family), self.store.levels(family)) else {
            return Vec::new();
        };
        tracks
            .iter()
            .map(|t| {
                let whose: Vec<&str> =
                    levels.iter().filter(|l| t.levels.contains(&l.id)).map(|l| l.title.as_str()).collect();
                let stages: Vec<&str> = t.stages.iter().map(|s| s.label.as_str()).collect();
                let whose = if whose.is_empty() { "no level".to_string() } else { whose.join(", ") };
                inert(&format!("Track \"{}\" (for {whose}): {} → Offer", t.name, stages.join(" → ")))
            })
            .collect()
    }
}

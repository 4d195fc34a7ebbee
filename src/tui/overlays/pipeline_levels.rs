//! The levels part of the pipeline editor: `[editor]` next_field moves the keys between
//! the stages and the role's levels, where the rename key renames a level and the grade
//! key sets its grade (`rolecall level-def ROLE rename|grade`).

use super::dialog::Reply;
use super::fields::{line_field, text_field};
use super::pipeline::{Ask, PipelineEditor};
use crate::domain::Level;
use crate::tui::action::Action;
use crate::tui::effect::PipelineOp;

impl PipelineEditor {
    /// An action while the levels have the keys.
    pub(super) fn level_action(&mut self, action: Action) -> Reply {
        let n = self.levels.len();
        match action {
            Action::Up => self.level = self.level.saturating_sub(1),
            Action::Down => self.level = (self.level + 1).min(n.saturating_sub(1)),
            Action::StageRename => self.ask(Ask::LevelRename),
            Action::LevelGrade => self.ask(Ask::LevelGrade),
            Action::Undo => return self.submit(PipelineOp::Undo),
            Action::Redo => return self.submit(PipelineOp::Redo),
            Action::Acknowledge if !self.notices.is_empty() => return self.submit(PipelineOp::Acknowledge),
            _ => self.error = Some("On a level: rename it or set its grade (tab: back to the stages)".into()),
        }
        Reply::Stay
    }

    /// The selected level.
    pub fn selected_level(&self) -> Option<&Level> {
        self.levels.get(self.level)
    }

    /// Open the field for a level's new title (empty) or grade (holding the current one).
    pub(super) fn ask_level(&mut self, ask: Ask) {
        let Some(level) = self.selected_level() else { return };
        let field = match ask {
            Ask::LevelGrade => line_field(&level.grade.map(|g| g.to_string()).unwrap_or_default(), "none"),
            _ => text_field(&format!("now: {}", level.title)),
        };
        self.input = Some((ask, field));
    }

    /// The level edit `text` asks for, or why it cannot be one.
    pub(super) fn level_op(&self, ask: Ask, text: &str) -> Result<PipelineOp, String> {
        let level = self.selected_level().ok_or("The role has no levels")?;
        match ask {
            Ask::LevelRename if text.is_empty() => Err("Type a title first (Esc: stop typing)".into()),
            Ask::LevelRename => Ok(PipelineOp::RenameLevel(level.id, text.to_string())),
            _ if text.is_empty() || text.eq_ignore_ascii_case("none") => {
                Ok(PipelineOp::Grade(level.id, None))
            }
            _ => text
                .parse::<u32>()
                .map(|g| PipelineOp::Grade(level.id, Some(g)))
                .map_err(|_| format!("'{text}' is not a grade: give a whole number, or nothing for none")),
        }
    }

    /// After a level edit: the levels as they are now, the same one selected.
    pub fn refresh_levels(&mut self, levels: Vec<Level>) {
        let keep = self.selected_level().map(|l| l.id);
        self.levels = levels;
        self.level = keep
            .and_then(|id| self.levels.iter().position(|l| l.id == id))
            .unwrap_or(self.level)
            .min(self.levels.len().saturating_sub(1));
    }
}

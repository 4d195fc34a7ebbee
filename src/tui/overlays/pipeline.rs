//! The pipeline editor (`v` on the roles screen): the role's stages in order, each edit
//! of `rolecall stage ROLE …` on a key of the `[editor]` keymap, undo and redo of the
//! role's edits, and the handbook changes a re-import brought, until acknowledged. The
//! overlay never writes: each edit is a `Command::Pipeline` the app carries out with the
//! same store functions as the command line, then hands the fresh stages back
//! ([`PipelineEditor::refresh`]). Drawing is in `pipeline_view.rs`.

use super::dialog::{Ctx, Reply};
use super::fields::{field_text, line_field, text_field};
use super::keys::{Takes, form_action};
use crate::domain::pipeline::{HandbookNotice, parse_range, range_text};
use crate::domain::{FamilyId, Level, Stage, StageKind};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect, PipelineOp};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// What the text field at the bottom asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The label of a new stage (added before the selected one).
    Add,
    /// A new label for the selected stage.
    Rename,
    /// N or MIN-MAX interviews.
    Range,
    /// Alternatives, separated by commas.
    Alternatives,
    /// Interviewers, separated by commas.
    Interviewers,
    /// A new title for the selected level.
    LevelRename,
    /// A grade for the selected level (empty: none).
    LevelGrade,
}

impl Ask {
    /// The field's label.
    pub fn label(self) -> &'static str {
        match self {
            Ask::Add => "New stage's label",
            Ask::Rename => "New label",
            Ask::Range => "Interviews (N or MIN-MAX)",
            Ask::Alternatives => "Alternatives (commas between; empty: none)",
            Ask::Interviewers => "Interviewers (commas between; empty: none)",
            Ask::LevelRename => "New title of the level",
            Ask::LevelGrade => "Grade (a whole number; empty: none)",
        }
    }
}

/// The editor's state.
pub struct PipelineEditor {
    /// The role.
    pub family: FamilyId,
    /// The role's title.
    pub title: String,
    /// Its stages, Offer last, as the store has them now.
    pub stages: Vec<Stage>,
    /// Handbook changes not yet acknowledged, oldest first.
    pub notices: Vec<HandbookNotice>,
    /// The selected stage.
    pub selected: usize,
    /// What is being typed, if anything.
    pub input: Option<(Ask, TextArea<'static>)>,
    /// Why the last edit was refused, shown until the next key.
    pub error: Option<String>,
    /// The role's further pipelines, one line each (shown, not edited here).
    pub tracks: Vec<String>,
    /// The role's levels, in page order.
    pub levels: Vec<Level>,
    /// The keys go to the levels (`[editor]` next_field switches).
    pub on_levels: bool,
    /// The selected level.
    pub level: usize,
}

impl PipelineEditor {
    /// An editor for `family` showing `stages` and `notices`.
    pub fn new(family: FamilyId, title: String, stages: Vec<Stage>, notices: Vec<HandbookNotice>) -> Self {
        PipelineEditor {
            family,
            title,
            stages,
            notices,
            selected: 0,
            input: None,
            error: None,
            tracks: Vec::new(),
            levels: Vec::new(),
            on_levels: false,
            level: 0,
        }
    }

    /// After an edit was saved: the stages and notices as they are now; the same stage
    /// stays selected when it is still there; typing is over.
    pub fn refresh(&mut self, stages: Vec<Stage>, notices: Vec<HandbookNotice>, select: Option<i64>) {
        let keep = select.or_else(|| self.stages.get(self.selected).map(|s| s.id.0));
        self.stages = stages;
        self.notices = notices;
        self.selected = keep
            .and_then(|id| self.stages.iter().position(|s| s.id.0 == id))
            .unwrap_or(self.selected)
            .min(self.stages.len().saturating_sub(1));
        self.input = None;
        self.error = None;
    }

    /// The selected stage.
    pub fn stage(&self) -> Option<&Stage> {
        self.stages.get(self.selected)
    }

    /// Handle one key.
    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        if self.input.is_some() {
            return self.typing_key(key, ctx);
        }
        self.error = None;
        let Some(action) = ctx.keymap.action_in(Mode::Editor, &key) else { return Reply::Stay };
        let n = self.stages.len();
        match action {
            Action::Quit => return Reply::CloseAnd(Effect::Quit),
            Action::Close => return Reply::Close,
            Action::NextField => self.on_levels = !self.on_levels && !self.levels.is_empty(),
            _ if self.on_levels => return self.level_action(action),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::StageAdd => self.ask(Ask::Add),
            Action::StageRename => self.ask(Ask::Rename),
            Action::StageRange => self.ask(Ask::Range),
            Action::StageAlternatives => self.ask(Ask::Alternatives),
            Action::StageInterviewers => self.ask(Ask::Interviewers),
            Action::StageRemove => return self.with_stage(|s| PipelineOp::Remove(s.id)),
            Action::StageEarlier | Action::StageLater => return self.shift(action == Action::StageLater),
            Action::Undo => return self.submit(PipelineOp::Undo),
            Action::Redo => return self.submit(PipelineOp::Redo),
            Action::Acknowledge if self.notices.is_empty() => {
                self.error = Some("No handbook changes to acknowledge".into())
            }
            Action::Acknowledge => return self.submit(PipelineOp::Acknowledge),
            _ => {}
        }
        Reply::Stay
    }

    /// Open the text field for `ask`, holding the selected stage's value where editing
    /// it is the usual thing (a range, a list).
    pub(super) fn ask(&mut self, ask: Ask) {
        if matches!(ask, Ask::LevelRename | Ask::LevelGrade) {
            return self.ask_level(ask);
        }
        let Some(stage) = self.stage() else { return };
        let field = match ask {
            Ask::Add => text_field("e.g. Take-home exercise"),
            Ask::Rename => text_field(&format!("now: {}", stage.label)),
            Ask::Range => line_field(&range_text(stage.min_interviews, stage.max_interviews), "e.g. 2-3"),
            Ask::Alternatives => line_field(&stage.alternatives.join(", "), "none"),
            Ask::Interviewers => line_field(&stage.interviewers.join(", "), "none"),
            Ask::LevelRename | Ask::LevelGrade => return,
        };
        self.input = Some((ask, field));
    }

    /// Keys while typing: `[form]` save sends the edit, cancel stops typing.
    fn typing_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let Some((ask, field)) = self.input.as_mut() else { return Reply::Stay };
        let ask = *ask;
        match form_action(ctx.keymap, &key, Takes::Text) {
            Some(Action::Cancel) => {
                self.input = None;
                self.error = None;
                Reply::Stay
            }
            Some(Action::Save) => {
                let text = field_text(field).trim().to_string();
                match self.op_for(ask, &text) {
                    Ok(op) => self.submit(op),
                    Err(message) => {
                        self.error = Some(message);
                        Reply::Stay
                    }
                }
            }
            _ => {
                field.input(key);
                Reply::Stay
            }
        }
    }

    /// The edit `text` asks for, or why it cannot be one.
    fn op_for(&self, ask: Ask, text: &str) -> Result<PipelineOp, String> {
        if matches!(ask, Ask::LevelRename | Ask::LevelGrade) {
            return self.level_op(ask, text);
        }
        let stage = self.stage().ok_or("The role has no stages")?;
        let id = stage.id;
        let list = || text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        match ask {
            Ask::Add | Ask::Rename if text.is_empty() => Err("Type a label first (Esc: stop typing)".into()),
            Ask::Add => Ok(PipelineOp::Add(text.to_string(), Some(id))),
            Ask::Rename => Ok(PipelineOp::Rename(id, text.to_string())),
            Ask::Range => parse_range(text).map(|(min, max)| PipelineOp::Range(id, min, max)),
            Ask::Alternatives => Ok(PipelineOp::Alternatives(id, list())),
            Ask::Interviewers => Ok(PipelineOp::Interviewers(id, list())),
            Ask::LevelRename | Ask::LevelGrade => self.level_op(ask, text),
        }
    }

    /// Move the selected stage one place earlier or later.
    fn shift(&mut self, later: bool) -> Reply {
        let Some(stage) = self.stage() else { return Reply::Stay };
        let last = self.stages.len().saturating_sub(1);
        if stage.kind == StageKind::Offer || self.selected == last {
            self.error = Some("The Offer stage stays last".into());
            return Reply::Stay;
        }
        let to = if later { self.selected + 1 } else { self.selected.wrapping_sub(1) };
        if to >= last {
            let why = if later { "it is already just before the Offer" } else { "it is already first" };
            self.error = Some(format!("Cannot move '{}': {why}", stage.label));
            return Reply::Stay;
        }
        let op = PipelineOp::Move(stage.id, to + 1);
        self.submit(op)
    }

    fn with_stage(&mut self, op: impl FnOnce(&Stage) -> PipelineOp) -> Reply {
        match self.stage() {
            Some(s) => {
                let op = op(s);
                self.submit(op)
            }
            None => Reply::Stay,
        }
    }

    pub(super) fn submit(&self, op: PipelineOp) -> Reply {
        Reply::Submit(Effect::Write(Command::Pipeline(self.family, op)))
    }
}

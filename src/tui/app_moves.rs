//! Changes made from the board: a step forward or back (asking first when a stage's
//! interviews are short of their minimum) and undo / redo; each returns the write it asks for.

use super::action::Action;
use super::app::App;
use super::effect::{Command, Effect};
use super::overlays::Overlay;
use super::overlays::confirm::{Confirm, Pending};
use crate::domain::StageKind;
use crate::domain::rules::{self, Change, Forward};
use crate::domain::text::inert;

impl App {
    /// One stage forward or back; asks first before hiring or moving on too early.
    pub(crate) fn step(&mut self, forward: bool) -> Option<Effect> {
        let (id, version, name, status) = self.selected_or_hint()?;
        if status.is_closed() {
            let reopen = self.keymap.hint(Action::Reopen);
            self.error(format!("{name} is {status}; press {reopen} to reopen first"));
            return None;
        }
        if forward && self.selected_stage_kind().map(rules::forward_from) == Some(Forward::Hire) {
            let question = format!("Hire {name}? The application closes as hired.");
            self.overlay = Some(Overlay::Confirm(Confirm { question, pending: Pending::Hire(id, version) }));
            return None;
        }
        if forward && let Some(question) = self.short_of_interviews(&name) {
            self.overlay =
                Some(Overlay::Confirm(Confirm { question, pending: Pending::Advance(id, version) }));
            return None;
        }
        Some(Effect::Write(Command::Step { app: id, forward, version }))
    }

    /// For stages with an interview range: the question to ask when moving on too early.
    fn short_of_interviews(&self, name: &str) -> Option<String> {
        let card = self.board.selected()?;
        let stage = self.board.stages.iter().find(|s| s.id == card.stage_id)?;
        let shortfall =
            rules::interview_shortfall(stage.min_interviews, stage.max_interviews, card.interviews_at_stage);
        if let Some(expected) = shortfall {
            let recorded = match card.interviews_at_stage {
                0 => "no interviews recorded".to_string(),
                1 => "1 interview recorded".to_string(),
                n => format!("{n} interviews recorded"),
            };
            Some(format!(
                "{} expects {expected} interviews; {name} has {recorded} there. Move forward anyway?",
                inert(&stage.label)
            ))
        } else {
            None
        }
    }

    /// The kind of the selected card's stage.
    fn selected_stage_kind(&self) -> Option<StageKind> {
        let card = self.board.selected()?;
        self.board.stages.iter().find(|s| s.id == card.stage_id).map(|s| s.kind)
    }

    /// Ask before reopening the selected closed application.
    pub(crate) fn ask_reopen(&mut self) {
        let Some((id, version, name, status)) = self.selected_or_hint() else { return };
        if !Change::Reopen.allows(status) {
            self.error(format!(
                "{name} is {status}; only rejected, withdrawn or hired candidates can be reopened"
            ));
            return;
        }
        let question = format!("Reopen {name} ({status})? They go back on the board at their stage.");
        self.overlay = Some(Overlay::Confirm(Confirm { question, pending: Pending::Reopen(id, version) }));
    }

    /// Undo or redo the last change (by reverting an event), if there is one.
    pub(crate) fn undo_redo(&mut self, undo: bool) -> Option<Effect> {
        let target = if undo { self.undo.undo_target() } else { self.undo.redo_target() };
        let Some(event) = target else {
            self.info(if undo { "Nothing to undo" } else { "Nothing to redo" });
            return None;
        };
        Some(Effect::Write(Command::Revert { event, undo }))
    }
}

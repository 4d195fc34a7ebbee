//! Changes made from the board: a step forward or back (asking first when a stage's
//! interviews are short of their minimum), hold / resume, undo / redo.

use super::action::Action;
use super::app::App;
use super::overlays::Overlay;
use super::overlays::confirm::{Confirm, Pending};
use crate::domain::StageKind;
use crate::domain::rules::{self, Change, Forward};
use crate::domain::text::inert;
use crate::present::describe;
use crate::store::StoreError;

impl App {
    pub(crate) fn step(&mut self, forward: bool) {
        let Some((id, version, name, status)) = self.selected_or_hint() else { return };
        if status.is_closed() {
            let reopen = self.keymap.hint(Action::Reopen);
            self.error(format!("{name} is {status}; press {reopen} to reopen first"));
            return;
        }
        if forward && self.selected_stage_kind().map(rules::forward_from) == Some(Forward::Hire) {
            let question = format!("Hire {name}? The application closes as hired.");
            self.overlay = Some(Overlay::Confirm(Confirm { question, pending: Pending::Hire(id, version) }));
            return;
        }
        if forward && let Some(question) = self.short_of_interviews(&name) {
            self.overlay =
                Some(Overlay::Confirm(Confirm { question, pending: Pending::Advance(id, version) }));
            return;
        }
        let result = self.store.step(id, forward, Some(version));
        self.after_write(result);
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

    pub(crate) fn undo_redo(&mut self, undo: bool) {
        let target = if undo { self.undo.undo_target() } else { self.undo.redo_target() };
        let Some(event) = target else {
            self.info(if undo { "Nothing to undo" } else { "Nothing to redo" });
            return;
        };
        let result = self.store.revert(event, None);
        if let Ok(t) = &result {
            if let Ok(e) = self.store.event(t.event_id) {
                self.undo.record(&e);
                // "Undone: Ana Ruiz Screening → VP IT panel": the step itself, not the
                // reversing event (describe follows the chain of undos and redos).
                let line = describe(&self.store, &e);
                let mut chars = line.chars();
                let line = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(line);
                self.info(line);
            }
            let id = t.application.id;
            if let Err(e) = self.reload(Some(id)) {
                self.error(format!("Could not reload: {e}"));
            }
        } else if let Err(StoreError::Conflict(why)) = &result {
            // A step that can no longer be reverted must not block the ones before it.
            let again = self.keymap.hint(if undo { Action::Undo } else { Action::Redo });
            let message = format!("{why}; skipped it, {again} again for the step before");
            self.undo.forget_top(undo);
            self.error(message);
        } else {
            self.after_write(result);
        }
    }
}

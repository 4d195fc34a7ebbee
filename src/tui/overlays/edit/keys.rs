//! Keys of the edit form, from the `[form]` keymap: next / previous field, choose the
//! level, save (in the notes Enter is a new line), cancel (asking before discarding).

use super::{EditForm, FIELDS, LEVEL, NOTES};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect};
use crate::tui::keymap::Keymap;
use crate::tui::overlays::dialog::{Ctx, Dialog, Reply};
use crate::tui::overlays::keys::{Takes, form_action};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl EditForm {
    /// Enter or Ctrl-s: save what changed (the level, the details), or say in the form
    /// what to fix.
    fn submit(&mut self) -> Reply {
        let Some(update) = self.validate() else { return Reply::Stay };
        let details = self.details_dirty().then_some(update);
        let level = self.level.as_ref().and_then(|l| Some((l.app, l.changed()?, l.version)));
        Reply::Submit(Effect::Write(Command::Edit { candidate: self.candidate, details, level }))
    }

    /// ←/→ on the level: the next or previous level, or why it cannot change.
    fn cycle_level(&mut self, forward: bool) {
        match self.level.as_mut().map(|l| l.cycle(forward)) {
            Some(Ok(())) => self.error = None,
            Some(Err(why)) => self.error = Some((LEVEL, why)),
            None => self.error = Some((LEVEL, "this form has no application to change".into())),
        }
    }

    /// What the focused field takes before the keymap is asked.
    fn takes(&self) -> Takes {
        match self.focus {
            NOTES => {
                let notes = self.text(NOTES);
                let row = notes.map(|t| t.cursor().0).unwrap_or(0);
                let lines = notes.map(|t| t.lines().len()).unwrap_or(1);
                Takes::Lines { first: row == 0, last: row + 1 >= lines }
            }
            LEVEL => Takes::Nothing,
            _ => Takes::Text,
        }
    }

    /// The form's keys, once the discard question is out of the way.
    fn field_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        let focus = self.focus;
        match form_action(keymap, &key, self.takes()) {
            Some(Action::Cancel) => return self.discard.escape(self.is_dirty()),
            Some(Action::Save) => return self.submit(),
            Some(Action::NextField) => self.focus = (focus + 1) % FIELDS,
            Some(Action::PrevField) => self.focus = (focus + FIELDS - 1) % FIELDS,
            Some(Action::Down) => self.focus = (focus + 1).min(NOTES),
            Some(Action::Up) => self.focus = focus.saturating_sub(1),
            Some(Action::ChoosePrev) if focus == LEVEL => self.cycle_level(false),
            Some(Action::ChooseNext) if focus == LEVEL => self.cycle_level(true),
            // Nothing is typed into the level: say how to choose it instead.
            _ if focus == LEVEL => {
                let key = |a| keymap.key_in(Mode::Form, a);
                let how =
                    format!("choose it with {} and {}", key(Action::ChoosePrev), key(Action::ChooseNext));
                self.error = Some((LEVEL, how));
            }
            _ => {
                let typed = self.text_mut(focus).is_some_and(|t| t.input(key));
                if typed && self.error.as_ref().is_some_and(|(f, _)| *f == focus) {
                    self.error = None;
                }
            }
        }
        Reply::Stay
    }
}

impl Dialog for EditForm {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        if let Some(reply) = self.discard.answer(&key, "Changes discarded", ctx.keymap) {
            return reply;
        }
        self.field_key(key, ctx.keymap)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        self.render(frame, area, ctx.theme, ctx.keymap);
    }
}

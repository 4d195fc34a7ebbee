//! Keys of the edit form: Tab and ↑/↓ move, ←/→ choose the level, Enter or Ctrl-s save
//! (in the notes Enter is a new line), Esc asks before discarding changes.

use super::{EditForm, FIELDS, LEVEL, NOTES};
use crate::tui::effect::{Command, Effect};
use crate::tui::overlays::dialog::{Ctx, Dialog, Reply, is_save};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
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

    /// The form's keys, once the discard question and Ctrl-s are out of the way.
    fn field_key(&mut self, key: KeyEvent) -> Reply {
        let focus = self.focus;
        match key.code {
            KeyCode::Esc => return self.discard.escape(self.is_dirty()),
            KeyCode::Tab => self.focus = (focus + 1) % FIELDS,
            KeyCode::BackTab => self.focus = (focus + FIELDS - 1) % FIELDS,
            _ if focus == NOTES => {
                if let Some(notes) = self.text_mut(NOTES) {
                    notes.input(key);
                }
            }
            KeyCode::Enter => return self.submit(),
            KeyCode::Down => self.focus = (focus + 1).min(NOTES),
            KeyCode::Up => self.focus = focus.saturating_sub(1),
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if focus == LEVEL => {
                self.cycle_level(key.code != KeyCode::Left)
            }
            // Nothing is typed into the level: say how to choose it instead.
            _ if focus == LEVEL => self.error = Some((LEVEL, "choose it with ← and →".into())),
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
    fn key(&mut self, key: KeyEvent, _ctx: &Ctx<'_>) -> Reply {
        if let Some(reply) = self.discard.answer(&key, "Changes discarded") {
            return reply;
        }
        if is_save(&key) {
            return self.submit();
        }
        self.field_key(key)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        self.render(frame, area, ctx.theme);
    }

    fn is_form(&self) -> bool {
        true
    }
}

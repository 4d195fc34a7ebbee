//! Keys of the outcome form, from the `[form]` keymap. Every key lands in the focused
//! field or is refused with a notice in the footer; nothing typed is dropped silently, and
//! cancelling asks before discarding what was typed.

use super::{OutcomeFocus, OutcomeForm};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect};
use crate::tui::keymap::Keymap;
use crate::tui::overlays::dialog::{Ctx, Dialog, Reply};
use crate::tui::overlays::keys::{Takes, form_action};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

impl OutcomeForm {
    /// Enter or Ctrl-s: record the interview, or say in the form what to fix.
    fn submit(&mut self) -> Reply {
        match self.to_new_interview() {
            Ok(interview) => {
                let (app, version, name, schedule) =
                    (self.app, self.version, self.name.clone(), self.schedule);
                Reply::Submit(Effect::Write(Command::RecordInterview {
                    app,
                    version,
                    name,
                    interview,
                    schedule,
                }))
            }
            Err(message) => {
                self.error = Some(message);
                Reply::Stay
            }
        }
    }

    /// What the focused field takes before the keymap is asked.
    fn takes(&self) -> Takes {
        match self.focus {
            OutcomeFocus::Notes => {
                let row = self.notes.cursor().0;
                Takes::Lines { first: row == 0, last: row + 1 >= self.notes.lines().len() }
            }
            // Letters are not navigation on a rating: "ok" typed after one must not move on.
            OutcomeFocus::Requirement(_) | OutcomeFocus::Recommendation => Takes::Typing,
            OutcomeFocus::Stage => Takes::Nothing,
            OutcomeFocus::Interviewer | OutcomeFocus::Date => Takes::Text,
        }
    }

    /// The form's keys, once the discard question is out of the way.
    fn field_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        match form_action(keymap, &key, self.takes()) {
            Some(Action::Cancel) => return self.discard.escape(self.dirty),
            Some(Action::Save) => return self.submit(),
            Some(Action::NextField | Action::Down) => self.step_focus(true, keymap),
            Some(Action::PrevField | Action::Up) => self.step_focus(false, keymap),
            Some(Action::ChoosePrev) if self.focus == OutcomeFocus::Stage => self.cycle_stage(false),
            Some(Action::ChooseNext) if self.focus == OutcomeFocus::Stage => self.cycle_stage(true),
            _ => self.typed(key, keymap),
        }
        Reply::Stay
    }

    /// Move the focus; at either end say why it stays.
    fn step_focus(&mut self, forward: bool, keymap: &Keymap) {
        if !self.move_focus(forward) {
            let key = |a| keymap.key_in(Mode::Form, a);
            self.notice = Some(if forward {
                format!(
                    "Notes is the last field · {} saves · {} goes back",
                    key(Action::Save),
                    key(Action::PrevField)
                )
            } else {
                format!("Interviewer is the first field · {} goes forward", key(Action::NextField))
            });
        }
    }

    /// A key for the focused field itself: text, a rating, or a notice saying what the
    /// field takes.
    fn typed(&mut self, key: KeyEvent, keymap: &Keymap) {
        let key_of = |a| keymap.key_in(Mode::Form, a);
        let next = format!("{} or {}", key_of(Action::Down), key_of(Action::NextField));
        match (self.takes(), key.code) {
            (Takes::Typing, KeyCode::Char(c)) if c.is_ascii_digit() => {
                self.rate(c.to_digit(10).unwrap_or(9));
            }
            (Takes::Typing, KeyCode::Backspace | KeyCode::Delete) => {
                self.rate(0);
            }
            (Takes::Typing, KeyCode::Char(_)) => {
                self.notice = Some(format!("Ratings take 1-4 (0 clears) · {next} to Notes to write text"));
            }
            (Takes::Nothing, KeyCode::Char(_)) => {
                let choose = format!("{}/{}", key_of(Action::ChoosePrev), key_of(Action::ChooseNext));
                self.notice = Some(format!("{choose} choose the stage · {next} to the ratings"));
            }
            (Takes::Lines { .. }, _) if self.notes.input(key) => self.dirty = true,
            (_, _) if self.focus == OutcomeFocus::Interviewer && self.interviewer.input(key) => {
                self.dirty = true
            }
            (_, _) if self.focus == OutcomeFocus::Date && self.date.input(key) => self.dirty = true,
            _ => {}
        }
    }
}

impl Dialog for OutcomeForm {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        self.notice = None;
        if let Some(reply) = self.discard.answer(&key, "Outcome discarded", ctx.keymap) {
            return reply;
        }
        self.field_key(key, ctx.keymap)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        self.render(frame, area, ctx.theme, ctx.keymap);
    }
}

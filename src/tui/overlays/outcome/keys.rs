//! Keys of the outcome form. Every key lands in the focused field or is refused with a
//! notice in the footer; nothing typed is dropped silently, and Esc asks before
//! discarding what was typed.

use super::{OutcomeFocus, OutcomeForm};
use crate::tui::effect::{Command, Effect};
use crate::tui::overlays::dialog::{Ctx, Dialog, Reply, is_save};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

impl OutcomeForm {
    /// Enter or Ctrl-s: record the interview, or say in the form what to fix.
    fn submit(&mut self) -> Reply {
        match self.to_new_interview() {
            Ok(interview) => {
                let (app, version, name) = (self.app, self.version, self.name.clone());
                Reply::Submit(Effect::Write(Command::RecordInterview { app, version, name, interview }))
            }
            Err(message) => {
                self.error = Some(message);
                Reply::Stay
            }
        }
    }

    /// Keys in the notes field: text editing; ↑ on the first line and ↓ on the last leave
    /// it (↓ is refused there with a notice: Notes is the last field).
    fn notes_key(&mut self, key: KeyEvent) {
        let row = self.notes.cursor().0;
        let last = self.notes.lines().len().saturating_sub(1);
        match key.code {
            KeyCode::Up if row == 0 => {
                self.move_focus(false);
            }
            KeyCode::Down if row >= last => {
                self.move_focus(true);
            }
            _ => {
                if self.notes.input(key) {
                    self.dirty = true;
                }
            }
        }
    }

    /// The form's keys, once the discard question and Ctrl-s are out of the way.
    fn field_key(&mut self, key: KeyEvent) -> Reply {
        let rating_row = matches!(self.focus, OutcomeFocus::Requirement(_) | OutcomeFocus::Recommendation);
        match (key.code, self.focus) {
            (KeyCode::Esc, _) => return self.discard.escape(self.dirty),
            (KeyCode::Tab, _) => {
                self.move_focus(true);
            }
            (KeyCode::BackTab, _) => {
                self.move_focus(false);
            }
            (_, OutcomeFocus::Notes) => self.notes_key(key),
            (KeyCode::Enter, _) => return self.submit(),
            // Letters are not navigation here: "ok" typed after a rating must not move on.
            (KeyCode::Down, _) => {
                self.move_focus(true);
            }
            (KeyCode::Up, _) => {
                self.move_focus(false);
            }
            (KeyCode::Left, OutcomeFocus::Stage) => self.cycle_stage(false),
            (KeyCode::Right, OutcomeFocus::Stage) => self.cycle_stage(true),
            (KeyCode::Char(c), _) if rating_row && c.is_ascii_digit() => {
                self.rate(c.to_digit(10).unwrap_or(9));
            }
            (KeyCode::Backspace | KeyCode::Delete, _) if rating_row => {
                self.rate(0);
            }
            (KeyCode::Char(_), _) if rating_row => {
                self.notice = Some("Ratings take 1-4 (0 clears) · ↓ or Tab to Notes to write text".into());
            }
            (KeyCode::Char(_), OutcomeFocus::Stage) => {
                self.notice = Some("←/→ choose the stage · ↓ or Tab to the ratings".into());
            }
            (_, OutcomeFocus::Interviewer) if self.interviewer.input(key) => self.dirty = true,
            (_, OutcomeFocus::Date) if self.date.input(key) => self.dirty = true,
            _ => {}
        }
        Reply::Stay
    }
}

impl Dialog for OutcomeForm {
    fn key(&mut self, key: KeyEvent, _ctx: &Ctx<'_>) -> Reply {
        self.notice = None;
        if let Some(reply) = self.discard.answer(&key, "Outcome discarded") {
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

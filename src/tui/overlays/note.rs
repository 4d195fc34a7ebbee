//! Withdraw and hold ask for an optional note, as `rolecall withdraw/hold --note` do.

use super::dialog::{Ctx, Dialog, Reply};
use super::fields::{optional_text, text_field};
use super::keys::{Takes, form_action};
use crate::domain::ApplicationId;
use crate::domain::text::inert;
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect};
use crate::tui::widgets::{boxed, centered, field, fit};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

/// What the note goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFor {
    /// Record that the candidate withdrew.
    Withdraw,
    /// Put the application on hold.
    Hold,
}

/// A question with an optional note: Enter does it, Esc does not.
pub struct NoteDialog {
    /// Withdraw or hold.
    pub purpose: NoteFor,
    /// Which application.
    pub app: ApplicationId,
    /// Version seen on the board.
    pub version: i64,
    /// The candidate's name.
    pub name: String,
    /// The optional note.
    pub note: TextArea<'static>,
}

impl NoteDialog {
    /// A dialog for `purpose` on this application.
    pub fn new(purpose: NoteFor, app: ApplicationId, version: i64, name: String) -> Self {
        NoteDialog { purpose, app, version, name, note: text_field("optional note, e.g. why") }
    }

    /// The question the dialog asks.
    pub fn question(&self) -> String {
        match self.purpose {
            NoteFor::Withdraw => format!("Record that {} withdrew?", self.name),
            NoteFor::Hold => format!("Put {} on hold?", self.name),
        }
    }

    /// The note typed, if any.
    pub fn note_text(&self) -> Option<String> {
        optional_text(&self.note)
    }
}

impl Dialog for NoteDialog {
    /// Typing goes into the note; the `[form]` save key confirms, cancel does not.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        match form_action(ctx.keymap, &key, Takes::Text) {
            Some(Action::Cancel) => Reply::CloseWith(
                if self.purpose == NoteFor::Withdraw { "Not withdrawn" } else { "Not put on hold" }.into(),
            ),
            Some(Action::Save) => {
                let (app, version, note) = (self.app, self.version, self.note_text());
                let hold = self.purpose == NoteFor::Hold;
                Reply::CloseAnd(Effect::Write(Command::Pause { app, hold, note, version }))
            }
            _ => {
                self.note.input(key);
                Reply::Stay
            }
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, 60, 7);
        let title = match self.purpose {
            NoteFor::Withdraw => "Withdrawn",
            NoteFor::Hold => "On hold",
        };
        let inner = boxed(frame, rect, title);
        let [question, label, input, help] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
        let asked = fit(&inert(&self.question()), question.width as usize);
        frame.render_widget(Paragraph::new(asked), question);
        frame.render_widget(Paragraph::new(Span::styled("Note (optional):", theme.secondary())), label);
        frame.render_widget(&field(&self.note, true), input);
        let key = |a| ctx.keymap.key_in(Mode::Form, a);
        let answers = format!("{}: yes · {}: no", key(Action::Save), key(Action::Cancel));
        frame.render_widget(Paragraph::new(Span::styled(answers, theme.secondary())), help);
    }
}

//! `n`: a note on the selected application's timeline (issue 16), several lines: Enter
//! starts a new line, the other `[form]` save key (ctrl-s) adds it, cancel asks a second
//! time before dropping what was typed.

use super::dialog::{Ctx, Dialog, Reply};
use super::fields::{multi_field, multi_text};
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

/// The note being written.
pub struct TeamNote {
    /// Which application.
    pub app: ApplicationId,
    /// The candidate's name.
    pub name: String,
    /// The note.
    pub text: TextArea<'static>,
    /// Why the last save failed, or that cancel was pressed once with text typed.
    pub message: Option<String>,
    cancel_armed: bool,
}

impl TeamNote {
    /// An empty note for `app`.
    pub fn new(app: ApplicationId, name: String) -> Self {
        TeamNote {
            app,
            name,
            text: multi_field("", "what happened, what to remember"),
            message: None,
            cancel_armed: false,
        }
    }

    fn takes(&self) -> Takes {
        let row = self.text.cursor().0;
        Takes::Lines { first: row == 0, last: row + 1 >= self.text.lines().len() }
    }
}

impl Dialog for TeamNote {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        match form_action(ctx.keymap, &key, self.takes()) {
            Some(Action::Cancel) => {
                if self.cancel_armed || multi_text(&self.text).trim().is_empty() {
                    return Reply::CloseWith("No note added".into());
                }
                self.cancel_armed = true;
                let again = ctx.keymap.key_in(Mode::Form, Action::Cancel);
                self.message = Some(format!("Press {again} again to drop this note"));
                Reply::Stay
            }
            Some(Action::Save) => {
                let text = multi_text(&self.text);
                if text.trim().is_empty() {
                    self.message = Some("Type the note first".into());
                    return Reply::Stay;
                }
                Reply::Submit(Effect::Write(Command::AddNote {
                    app: self.app,
                    name: self.name.clone(),
                    text,
                }))
            }
            Some(Action::Quit) => Reply::Stay,
            _ => {
                self.cancel_armed = false;
                self.text.input(key);
                Reply::Stay
            }
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, 70, 12);
        let inner = boxed(frame, rect, &fit(&format!("Note on {}", inert(&self.name)), 60));
        let [text, message, help] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(1)])
                .areas(inner);
        frame.render_widget(&field(&self.text, true), text);
        if let Some(m) = &self.message {
            frame.render_widget(
                Paragraph::new(Span::styled(fit(m, message.width as usize), theme.error())),
                message,
            );
        }
        let saves = ctx.keymap.hint_in(Mode::Form, Action::Save);
        let save = saves.split('/').filter(|k| *k != "enter").collect::<Vec<_>>().join("/");
        let hint = format!(
            "Enter: new line · {save}: add · {}: cancel",
            ctx.keymap.key_in(Mode::Form, Action::Cancel)
        );
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&hint, help.width as usize), theme.secondary())),
            help,
        );
    }
}

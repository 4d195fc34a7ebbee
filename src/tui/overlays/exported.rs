//! Where an export went, with an offer to copy the path.

use super::dialog::{Ctx, Dialog, Reply, Request};
use crate::domain::text::inert;
use crate::tui::action::{Action, Mode};
use crate::tui::effect::Effect;
use crate::tui::widgets::{boxed, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Where the file is (absolute).
    pub path: String,
    /// Its size.
    pub bytes: u64,
}

impl Dialog for Exported {
    /// The `[dialog]` copy key copies the path; any other key closes.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        match ctx.keymap.action_in(Mode::Dialog, &key) {
            Some(Action::CopyPath) => Reply::Ask(Request::Copy(self.path.clone())),
            Some(Action::Quit) => Reply::CloseAnd(Effect::Quit),
            _ => Reply::Close,
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let rect = centered(area, 64, 7);
        let inner = boxed(frame, rect, "Exported");
        let lines = vec![
            Line::from(format!("Wrote {} bytes to", self.bytes)),
            Line::from(Span::styled(inert(&self.path), ctx.theme.title())),
            Line::from(""),
            Line::from(Span::styled(
                format!(
                    "{}: copy the path   any other key: close",
                    ctx.keymap.hint_in(Mode::Dialog, Action::CopyPath)
                ),
                ctx.theme.secondary(),
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

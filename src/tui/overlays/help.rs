//! The help screen (`?`): every key from the live keymap, the marks on a card, the keys of
//! each dialog. It scrolls; any other key closes it.

use super::dialog::{Ctx, Dialog, Reply};
use super::scroll::{scroll_hint, scroll_or_close};
use crate::domain::access::Access;
use crate::tui::action::{Action, Mode};
use crate::tui::effect::Effect;
use crate::tui::help::{KEY_WIDTH, help_rows_for};
use crate::tui::widgets::{boxed, help_area};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The help screen's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// First visible line.
    pub scroll: u16,
    /// The login's access role: keys for what it does not allow are left out (issue 19).
    pub access: Option<Access>,
}

impl Help {
    /// How far the help screen can scroll in a terminal of `ctx.size`, and a page.
    fn limits(&self, ctx: &Ctx<'_>) -> (u16, u16) {
        let area = Rect::new(0, 0, ctx.size.0, ctx.size.1);
        let inner = help_area(area);
        let (width, height) = (inner.width.saturating_sub(2), inner.height.saturating_sub(2));
        let total = help_rows_for(ctx.keymap, ctx.thresholds, width as usize, self.access).len() as u16;
        (total.saturating_sub(height), height.saturating_sub(1).max(1))
    }
}

impl Dialog for Help {
    /// Scroll by line, page or to either end; other keys close it.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let (last, page) = self.limits(ctx);
        let action = ctx.keymap.action_in(Mode::Detail, &key);
        if action == Some(Action::Quit) {
            return Reply::CloseAnd(Effect::Quit);
        }
        scroll_or_close(action, &mut self.scroll, page, last)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = help_area(area);
        let title = format!("Help ({}; other keys close)", scroll_hint(ctx.keymap));
        let inner = boxed(frame, rect, &title);
        let lines: Vec<Line<'_>> =
            help_rows_for(ctx.keymap, ctx.thresholds, inner.width as usize, self.access)
                .into_iter()
                .map(|(key, text, heading)| {
                    if heading {
                        Line::from(Span::styled(text, theme.title()))
                    } else {
                        Line::from(vec![
                            Span::styled(format!("{key:>KEY_WIDTH$}  "), theme.title()),
                            Span::raw(text),
                        ])
                    }
                })
                .collect();
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), inner);
    }
}

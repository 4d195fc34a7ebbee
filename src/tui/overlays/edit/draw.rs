//! Drawing the edit form: a row per field, the level as a choice, and a footer.

use super::{EditForm, LABELS, LEVEL, NOTES};
use crate::domain::text::inert;
use crate::tui::keymap::Keymap;
use crate::tui::overlays::discard::Discard;
use crate::tui::overlays::keys::form_hint;
use crate::tui::views::theme::Theme;
use crate::tui::widgets::{boxed, centered, field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

impl EditForm {
    /// Draw the edit form.
    pub(super) fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, keymap: &Keymap) {
        let f = self;
        let rect = centered(area, 72, 16);
        let inner = boxed(frame, rect, "Edit candidate");
        let mut constraints = vec![Constraint::Length(1); NOTES];
        constraints.push(Constraint::Fill(1));
        constraints.push(Constraint::Length(2));
        let rows = Layout::vertical(constraints).split(inner);
        for (i, label) in LABELS.iter().enumerate() {
            let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(rows[i]);
            let style = if f.focus == i { theme.title() } else { theme.secondary() };
            frame.render_widget(Paragraph::new(Span::styled(format!("{label:<7}"), style)), l);
            if i == LEVEL {
                frame.render_widget(f.level_choice(theme), input);
            } else if let Some(text) = f.text(i) {
                frame.render_widget(&field(text, f.focus == i), input);
            }
        }
        let footer = if f.discard.is_asking() {
            Discard::question("your changes", theme, keymap)
        } else if let Some((field, message)) = &f.error {
            Span::styled(format!("{}: {}", LABELS[*field], inert(message)), theme.error())
        } else {
            let hint = form_hint(keymap, "level", "save");
            Span::styled(format!("{hint} (notes: Enter = new line)"), theme.secondary())
        };
        frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), rows[NOTES + 1]);
    }

    /// The level row: "‹ title ›" while it can change, the title and why not when closed.
    fn level_choice(&self, theme: &Theme) -> Paragraph<'_> {
        let f = self;
        let focused = f.focus == LEVEL;
        let span = match &f.level {
            None => Span::styled("—", theme.secondary()),
            Some(l) if l.locked.is_some() => {
                Span::styled(format!("{} (closed)", inert(l.title())), theme.secondary())
            }
            Some(l) => {
                let mark = if l.changed().is_some() { " (changed)" } else { "" };
                let style = if focused { theme.selected() } else { theme.normal() };
                Span::styled(format!("‹ {} ›{mark}", inert(l.title())), style)
            }
        };
        Paragraph::new(span)
    }
}

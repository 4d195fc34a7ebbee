//! `Q`: the user's queue (issue 16): scorecards they owe, their interviews today and this
//! week, the candidates they own with nothing scheduled. Prepared when opened; it
//! scrolls like the candidate screen and any other key closes it.

use super::detail_team::schedule_line;
use super::dialog::{Ctx, Dialog, Reply};
use super::scroll::{scroll_hint, scroll_or_close};
use crate::domain::text::inert;
use crate::store::Queue;
use crate::tui::action::{Action, Mode};
use crate::tui::effect::Effect;
use crate::tui::widgets::{boxed, centered, fit, wrap_indented};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The queue screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueScreen {
    /// Whose queue.
    pub person: String,
    /// The lines shown.
    pub lines: Vec<String>,
    /// First visible line.
    pub scroll: u16,
}

impl QueueScreen {
    /// The screen of a loaded queue.
    pub fn new(queue: &Queue) -> Self {
        let mut lines = Vec::new();
        let sections = [
            ("Scorecards you owe", &queue.scorecards_owed),
            ("Your interviews today", &queue.today),
            ("Your interviews this week", &queue.this_week),
        ];
        for (title, list) in sections {
            lines.push(format!("{title} ({}):", list.len()));
            if list.is_empty() {
                lines.push("  none".into());
            }
            for s in list {
                lines.push(format!(
                    "  {} · app {} {}",
                    schedule_line(s),
                    s.application_id,
                    inert(&s.candidate_name)
                ));
            }
            lines.push(String::new());
        }
        lines.push(format!("Candidates you own with nothing scheduled ({}):", queue.unscheduled.len()));
        if queue.unscheduled.is_empty() {
            lines.push("  none".into());
        }
        for u in &queue.unscheduled {
            lines.push(format!(
                "  app {} {} · {} · {}",
                u.application_id,
                inert(&u.candidate_name),
                inert(&u.role),
                inert(&u.stage_label)
            ));
        }
        QueueScreen { person: queue.person.clone(), lines, scroll: 0 }
    }

    fn area(size: (u16, u16)) -> Rect {
        let area = Rect::new(0, 0, size.0, size.1);
        centered(area, area.width.saturating_sub(4).max(20), area.height.saturating_sub(2))
    }
}

impl Dialog for QueueScreen {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let rect = Self::area(ctx.size);
        let (width, height) = (rect.width.saturating_sub(2) as usize, rect.height.saturating_sub(3));
        let total: usize = self.lines.iter().map(|l| wrap_indented(l, width.max(1)).len()).sum();
        let last = (total as u16).saturating_sub(height);
        let action = ctx.keymap.action_in(Mode::Detail, &key);
        if action == Some(Action::Quit) {
            return Reply::CloseAnd(Effect::Quit);
        }
        scroll_or_close(action, &mut self.scroll, height.saturating_sub(1).max(1), last)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = Self::area((area.width, area.height));
        let inner = boxed(frame, rect, &fit(&format!("Queue of {}", inert(&self.person)), 60));
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        let lines: Vec<Line<'_>> = (self.lines.iter())
            .flat_map(|l| {
                let style = if l.ends_with(':') { theme.title() } else { theme.normal() };
                wrap_indented(l, body.width as usize).into_iter().map(move |row| Line::styled(row, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), body);
        let hint = format!("{} · other keys close", scroll_hint(ctx.keymap));
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&hint, footer.width as usize), theme.secondary())),
            footer,
        );
    }
}

//! The roles screen: every family with its levels and stages (loaded into `App::roles`
//! when the screen opens; drawing reads only that).

use super::theme::Theme;
use crate::domain::text::inert;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draw the roles screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, scroll: u16) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, family) in app.families.iter().enumerate() {
        let marker = if i == app.family { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(inert(&family.title), theme.title()),
            Span::styled(format!("  [{}]", family.slug), theme.secondary()),
        ]));
        let details = app.roles.get(i);
        if let Some(levels) = details.and_then(|d| d.levels.as_ref()) {
            lines.push(Line::from(Span::styled(format!("    Levels ({})", levels.len()), theme.title())));
            for l in levels {
                let grade = l.grade.map(|g| format!("grade {g}")).unwrap_or_else(|| "no grade".into());
                let reports =
                    l.reports_to.as_ref().map(|r| format!(" · reports to {}", inert(r))).unwrap_or_default();
                lines.push(Line::from(format!("      {} ({grade}){reports}", inert(&l.title))));
            }
        }
        if let Some(stages) = details.and_then(|d| d.stages.as_ref()) {
            lines.push(Line::from(Span::styled("    Stages", theme.title())));
            for (n, s) in stages.iter().enumerate() {
                lines.push(Line::from(format!(
                    "      {}. {} — {}",
                    n + 1,
                    inert(&crate::present::stage_phrase(s)),
                    inert(&s.full_text)
                )));
            }
        }
        lines.push(Line::from(""));
    }
    let block = Block::bordered().title(" Roles (any other key: back to the board) ");
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        area,
    );
}

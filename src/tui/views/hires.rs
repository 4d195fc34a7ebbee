//! The dashboard's hiring lines (issue 17): the role's Hired row with time to hire
//! (median, p90), offer acceptance and where hires came from, then the same across all
//! roles with their open and overdue applications.

use super::theme::Theme;
use crate::domain::text::inert;
use crate::store::HireStats;
use crate::tui::overview::Overview;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the three lines into `area`.
pub fn render(o: &Overview, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let sources: Vec<String> =
        o.role.sources.iter().take(3).map(|(s, n)| format!("{} {n}", inert(s))).collect();
    let from = if sources.is_empty() { String::new() } else { format!(" · from {}", sources.join(", ")) };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<16}", "Hired"), theme.title()),
            Span::raw(format!("{}{from}", summary(&o.role))),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<16}", "All roles"), theme.title()),
            Span::raw(format!(
                "{} roles · {} open · {} overdue · {}",
                o.roles,
                o.open,
                o.overdue,
                summary(&o.all)
            )),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// "12 hired · to hire 31d median, 58d p90 · 80% of offers accepted".
fn summary(h: &HireStats) -> String {
    let days = |d: Option<f64>| d.map(|d| format!("{d:.0}d")).unwrap_or_else(|| "–".into());
    let accepted = h.offer_acceptance.map(|a| format!("{:.0}%", a * 100.0)).unwrap_or_else(|| "–".into());
    format!(
        "{} hired · to hire {} median, {} p90 · {accepted} of offers accepted",
        h.hired,
        days(h.median_days),
        days(h.p90_days)
    )
}

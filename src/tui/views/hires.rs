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

/// Draw the lines into `area`. Where the whole line does not fit (an 80-column terminal),
/// the role's line names fewer of the sources hires came from (or none) and the all-roles
/// line leaves out its time to hire, rather than cutting a figure in half.
pub fn render(o: &Overview, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    const LABEL: usize = 16;
    let room = (area.width as usize).saturating_sub(LABEL);
    let sources: Vec<String> =
        o.role.sources.iter().take(3).map(|(s, n)| format!("{} {n}", inert(s))).collect();
    // As many of the top three sources as fit.
    let role = summary(&o.role);
    let role = (1..=sources.len())
        .rev()
        .map(|n| format!("{role} · from {}", sources[..n].join(", ")))
        .find(|line| fits(line, room))
        .unwrap_or(role);
    let counts = format!("{} roles · {} open · {} overdue", o.roles, o.open, o.overdue);
    let all = format!("{counts} · {}", summary(&o.all));
    let all = if fits(&all, room) { all } else { format!("{counts} · {} hired", o.all.hired) };
    let lines = vec![
        Line::from(vec![Span::styled(format!("{:<LABEL$}", "Hired"), theme.title()), Span::raw(role)]),
        Line::from(vec![Span::styled(format!("{:<LABEL$}", "All roles"), theme.title()), Span::raw(all)]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn fits(text: &str, room: usize) -> bool {
    unicode_width::UnicodeWidthStr::width(text) <= room
}

/// "12 hired · to hire 31d median, 58d p90 · 80% offers accepted".
fn summary(h: &HireStats) -> String {
    let days = |d: Option<f64>| d.map(|d| format!("{d:.0}d")).unwrap_or_else(|| "–".into());
    let accepted = h.offer_acceptance.map(|a| format!("{:.0}%", a * 100.0)).unwrap_or_else(|| "–".into());
    format!(
        "{} hired · to hire {} median, {} p90 · {accepted} offers accepted",
        h.hired,
        days(h.median_days),
        days(h.p90_days)
    )
}

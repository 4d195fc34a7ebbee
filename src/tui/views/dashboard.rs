//! The dashboard: funnel bars with conversion, days in stage, rejection reasons and a
//! sparkline of new applications per week.

use super::theme::Theme;
use crate::domain::stats::RoleStats;
use crate::domain::text::inert;
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline};
use std::collections::BTreeMap;

/// Draw the dashboard of `stats` (or a hint when there is none).
pub fn render(
    stats: Option<&RoleStats>,
    overview: Option<&crate::tui::overview::Overview>,
    past_limit: usize,
    keymap: &Keymap,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let Some(s) = stats else {
        frame.render_widget(Paragraph::new("No statistics for this role yet."), area);
        return;
    };
    let (name, total) = (inert(&s.title), s.applications);
    let open = format!("{} open, {past_limit} overdue, {} hired", s.open, s.funnel.hired);
    let room = area.width.saturating_sub(2) as usize;
    // Narrower terminals drop the word "Dashboard", then the total (the funnel's first
    // row shows it), before a figure is cut.
    let title = [
        format!(" Dashboard · {name} · {total} applications, {open} "),
        format!(" {name} · {total} applications, {open} "),
        format!(" {name} · {open} "),
    ]
    .into_iter()
    .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= room)
    .unwrap_or_else(|| format!(" {name} · {open} "));
    let block = Block::bordered()
        .title(Span::styled(fit(&title, room), theme.title()))
        .title_bottom(Span::styled(footer(keymap), theme.secondary()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let stages = s.funnel.steps.len() as u16;
    let [funnel, hires, lower, spark] = Layout::vertical([
        Constraint::Length(stages + 1),
        Constraint::Length(if overview.is_some() { 3 } else { 0 }),
        Constraint::Fill(1),
        Constraint::Length(3),
    ])
    .areas(inner);
    render_funnel(s, theme, frame, funnel);
    if let Some(o) = overview {
        super::hires::render(o, theme, frame, hires);
    }
    let [days, reasons] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(lower);
    render_days(s, theme, frame, days);
    render_reasons(s, theme, frame, reasons);
    let weekly: Vec<u64> = s.weekly_new.iter().map(|w| u64::from(w.count)).collect();
    let peak = weekly.iter().max().copied().unwrap_or(0);
    let spark_block = Block::default().title(Span::styled(
        format!("New applications per week (last {}, peak {peak})", weekly.len()),
        theme.title(),
    ));
    frame.render_widget(Sparkline::default().block(spark_block).data(&weekly).style(theme.good()), spark);
}

fn render_funnel(s: &RoleStats, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let label_w = 16usize;
    let tail_w = 18usize;
    let bar_room = (area.width as usize).saturating_sub(label_w + tail_w + 2).max(1);
    let top = s.funnel.steps.iter().map(|st| st.reached).max().unwrap_or(0).max(1);
    let mut lines = vec![Line::from(Span::styled("Funnel: reached stage → next", theme.title()))];
    for step in &s.funnel.steps {
        let len = (step.reached as usize * bar_room).div_ceil(top as usize);
        let conv =
            step.conversion.map(|c| format!("{:>3.0}% →", c * 100.0)).unwrap_or_else(|| "   – →".into());
        lines.push(Line::from(vec![
            Span::raw(format!("{:<label_w$}", fit(&inert(&step.label), label_w - 1))),
            Span::styled("█".repeat(len), theme.good()),
            Span::raw(" ".repeat(bar_room.saturating_sub(len))),
            Span::raw(format!(" {:>6} {conv}", step.reached)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_days(s: &RoleStats, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut lines = vec![Line::from(Span::styled("Days in stage: median · p90 · now", theme.title()))];
    for d in &s.days_in_stage {
        let med = d.median_days.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".into());
        let p90 = d.p90_days.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".into());
        lines.push(Line::from(format!(
            "{:<15} {med:>6} {p90:>6} {:>5}",
            fit(&inert(&d.label), 14),
            d.in_stage_now
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_reasons(s: &RoleStats, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut by_reason: BTreeMap<&str, u32> = BTreeMap::new();
    for r in &s.rejections {
        *by_reason.entry(r.reason.label()).or_default() += r.count;
    }
    let mut sorted: Vec<(&str, u32)> = by_reason.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: u32 = sorted.iter().map(|(_, n)| n).sum();
    let mut lines = vec![Line::from(Span::styled(format!("Rejections ({total})"), theme.title()))];
    for (reason, n) in sorted {
        lines.push(Line::from(format!("{:<24} {n:>6}", fit(reason, 23))));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The dashboard's footer, naming the live keys: the one back to the board (Esc leaves
/// the dashboard even when unbound) and the next role's, when bound.
fn footer(keymap: &Keymap) -> String {
    let back = capitalized(&keymap.key_in(Mode::Board, Action::ClearFilter));
    let back = if back.is_empty() { "Esc".to_string() } else { back };
    match capitalized(&keymap.key_in(Mode::Board, Action::NextRole)) {
        next if next.is_empty() => format!(" {back} back to the board "),
        next => format!(" {back} back to the board · {next} next role "),
    }
}

/// "esc" → "Esc", as the footer has always written key names.
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_names_the_live_keys() {
        let (default, _) = Keymap::from_layers(None);
        assert_eq!(footer(&default), " Esc back to the board · Tab next role ");
        let user = "[board]\nclear_filter = [\"f9\"]\nnext_role = [\"f10\"]\n";
        let (rebound, problems) = Keymap::from_layers(Some(("k.toml", user)));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(footer(&rebound), " F9 back to the board · F10 next role ");
    }
}

//! The roles screen: every family with its levels and stages (loaded into `App::roles`
//! when the screen opens; drawing reads only that).

use super::theme::Theme;
use crate::domain::PipelineTrack;
use crate::domain::pipeline::HandbookNotice;
use crate::domain::text::inert;
use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The roles screen's lines, and the index of each role's first line.
fn role_lines(app: &App, theme: &Theme) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::new();
    for (i, family) in app.families.iter().enumerate() {
        starts.push(lines.len());
        let marker = if i == app.family { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(inert(&family.title), theme.title()),
            Span::styled(format!("  [{}]", family.slug), theme.secondary()),
        ]));
        let details = app.roles.get(i);
        if let Some(notices) = details.map(|d| &d.notices).filter(|n| !n.is_empty()) {
            lines.push(Line::from(Span::styled(notice_line(app, i, notices), theme.warn())));
        }
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
        for t in details.map(|d| d.tracks.as_slice()).unwrap_or_default() {
            lines.extend(track_lines(
                details.and_then(|d| d.levels.as_deref()).unwrap_or_default(),
                t,
                theme,
            ));
        }
        lines.push(Line::from(""));
    }
    (lines, starts)
}

/// The row the selected role starts at on a screen `width` columns wide (long lines
/// wrap), so the roles screen can open there.
pub fn selected_row(app: &App, width: u16) -> u16 {
    let (lines, starts) = role_lines(app, &Theme::from_env());
    let inner = width.saturating_sub(2).max(1) as usize;
    let upto = starts.get(app.family).copied().unwrap_or(0);
    let rows: usize = lines[..upto].iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    rows.min(u16::MAX as usize) as u16
}

/// Draw the roles screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, scroll: u16) {
    let (lines, _) = role_lines(app, theme);
    let v = app.keymap.hint(Action::RolesScreen);
    let tab = app.keymap.hint(Action::NextRole);
    let block = Block::bordered()
        .title(format!(" Roles ({v}: edit the ▶ role's pipeline · {tab}: next role · other keys: back) "));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        area,
    );
}

/// The line under a role whose handbook changed: when, how much, and how to see it.
fn notice_line(app: &App, i: usize, notices: &[HandbookNotice]) -> String {
    let count: usize = notices.iter().map(|n| n.changes.len() + n.conflicts.len()).sum();
    let when = notices.last().map(|n| n.at.get(..10).unwrap_or(&n.at).to_string()).unwrap_or_default();
    let v = app.keymap.hint(Action::RolesScreen);
    let how = if i == app.family {
        let a = app.keymap.key_in(crate::tui::action::Mode::Editor, Action::Acknowledge);
        format!("{v} shows it, {a} there acknowledges it")
    } else {
        format!("{} to this role, then {v} shows it", app.keymap.hint(Action::NextRole))
    };
    format!("    ⚠ Handbook changed (import of {when}, {count} lines) not yet acknowledged: {how}")
}

/// A further pipeline of the role: its name, the levels going through it, its stages.
fn track_lines(levels: &[crate::domain::Level], t: &PipelineTrack, theme: &Theme) -> Vec<Line<'static>> {
    let whose: Vec<String> =
        levels.iter().filter(|l| t.levels.contains(&l.id)).map(|l| inert(&l.title)).collect();
    let whose = if whose.is_empty() { "no level".to_string() } else { whose.join(", ") };
    let mut lines = vec![Line::from(Span::styled(
        format!("    Track \"{}\" (for {whose})", inert(&t.name)),
        theme.title(),
    ))];
    for (n, s) in t.stages.iter().enumerate() {
        let text =
            format!("      {}. {} — {}", n + 1, inert(&crate::present::stage_phrase(s)), inert(&s.full_text));
        lines.push(Line::from(text));
    }
    lines.push(Line::from(format!("      {}. Offer (the role's)", t.stages.len() + 1)));
    lines
}

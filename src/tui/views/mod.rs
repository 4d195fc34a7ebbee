//! Rendering: reads `App`, never changes it. One module per screen or dialog.

mod board;
mod card_text;
mod dashboard;
mod hires;
pub(crate) mod roles;
pub mod theme;

pub use theme::Theme;

use super::action::Action;
use super::app::{App, Screen};
use super::overlays::dialog::Ctx;
use crate::domain::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the whole UI.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = Theme::from_env();
    let [header, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    render_header(app, &theme, frame, header);
    match app.screen {
        Screen::Board => board::render(app, &theme, frame, body),
        Screen::Roles { scroll } => roles::render(app, &theme, frame, body, scroll),
        Screen::Dashboard => dashboard::render(
            app.dashboard.as_ref(),
            app.overview.as_ref(),
            app.board.past_limit(app.now),
            &app.keymap,
            &theme,
            frame,
            body,
        ),
    }
    render_status(app, &theme, frame, status);
    if let Some(overlay) = &app.overlay {
        let ctx = Ctx {
            keymap: &app.keymap,
            size: app.size,
            thresholds: app.thresholds,
            theme: &theme,
            now: app.now,
            access: app.access,
        };
        overlay.dialog().draw(frame, area, &ctx);
    }
    scrub(frame.buffer_mut());
}

/// The last guard before the terminal, whatever a view drew: no cell carries a control
/// or bidi character (ratatui drops controls, but appends a zero-width bidi override to
/// the cell before it). Views show such text through `inert`, which makes it visible.
pub fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    use crate::domain::text::is_unsafe;
    // A printable ASCII byte, most cells, is safe as it is.
    let unsafe_cell = |symbol: &str| match symbol.as_bytes() {
        [b] => !(0x20..0x7f).contains(b),
        _ => symbol.chars().any(is_unsafe),
    };
    for cell in buffer.content.iter_mut().filter(|c| unsafe_cell(c.symbol())) {
        let kept: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
        cell.set_symbol(if kept.is_empty() { " " } else { &kept });
    }
}

fn render_header(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let title = app.current_family().map(|f| inert(&f.title)).unwrap_or_else(|| "no roles".into());
    let mut spans = vec![
        Span::styled(" rolecall ", theme.brand()),
        Span::raw(" "),
        Span::styled(title, theme.title()),
        Span::styled(format!("  role {}/{}", app.family + 1, app.families.len().max(1)), theme.secondary()),
    ];
    if app.handbook_changed {
        let v = app.keymap.hint(Action::RolesScreen);
        spans.push(Span::styled(format!("  [handbook changed: {v} {v}]"), theme.warn()));
    }
    if app.show_closed {
        spans.push(Span::styled("  [closed shown]", theme.secondary()));
    }
    if !app.filter.is_empty() {
        spans.push(Span::styled(format!("  filter: {}", inert(&app.filter)), theme.warn()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    if let Some(field) = &app.filter_input {
        let [label, input] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(Span::styled("Filter: ", theme.title())), label);
        frame.render_widget(field, input);
        return;
    }
    let style = if app.status.error { theme.error() } else { theme.normal() };
    // The message comes first: hints get only the room it leaves (none for a long one).
    let text = inert(&app.status.text);
    let used = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16 + 2;
    let hints = footer_hints(app, area.width.saturating_sub(used).min(area.width / 2));
    let [msg, keys] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(fit_width(&hints, area.width / 2))])
            .areas(area);
    frame.render_widget(Paragraph::new(Span::styled(text, style)), msg);
    frame.render_widget(Paragraph::new(Span::styled(hints, theme.secondary())).right_aligned(), keys);
}

/// Footer hints, generated from the live keymap so they never drift.
fn footer_hints(app: &App, max: u16) -> String {
    let pick = [Action::Help, Action::Quit, Action::MoveForward, Action::Add, Action::Reject];
    let mut out = String::new();
    for a in pick.into_iter().filter(|a| a.allowed_for(app.access)) {
        let Some(k) = app.keymap.keys_for(a).into_iter().next() else { continue };
        let hint = format!("{k} {}", short_name(a));
        let sep = if out.is_empty() { "" } else { "  " };
        if unicode_width::UnicodeWidthStr::width(out.as_str()) + sep.len() + hint.len() + 1 > max as usize {
            break;
        }
        out = format!("{out}{sep}{hint}");
    }
    out
}

fn short_name(a: Action) -> &'static str {
    match a {
        Action::MoveForward => "advance",
        Action::Reject => "reject",
        Action::Add => "add",
        Action::Help => "help",
        Action::Quit => "quit",
        _ => a.name(),
    }
}

fn fit_width(s: &str, max: u16) -> u16 {
    (unicode_width::UnicodeWidthStr::width(s) as u16 + 1).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_leaves_no_bidi_override_in_a_cell() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::Widget;
        let area = Rect::new(0, 0, 12, 1);
        let mut buffer = Buffer::empty(area);
        Line::from(Span::raw("ab\u{202E}cd\u{2066}\x1b[1m")).render(area, &mut buffer);
        assert!(buffer.content.iter().any(|c| c.symbol().contains('\u{202E}')), "ratatui keeps it");
        scrub(&mut buffer);
        let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(text.trim_end(), "abcd[1m");
    }
}

//! Rendering: reads `App`, never changes it. One module per screen or dialog.

mod board;
mod dashboard;
mod dialogs;
mod forms;
mod roles;
pub mod theme;

pub use theme::Theme;

use super::action::Action;
use super::app::{App, Screen};
use super::dialogs::Overlay;
use crate::domain::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

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
        Screen::Dashboard => dashboard::render(app.dashboard.as_ref(), &theme, frame, body),
    }
    render_status(app, &theme, frame, status);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => dialogs::help(app, &theme, frame, area, *scroll),
        Overlay::Reject(d) => dialogs::reject(d, &theme, frame, area),
        Overlay::Confirm(c) => dialogs::confirm(c, &theme, frame, area),
        Overlay::Add(f) => dialogs::add(f, app, &theme, frame, area),
        Overlay::Palette(p) => dialogs::picker(p, "Command palette", &theme, frame, area),
        Overlay::RolePicker(p) => dialogs::picker(p, "Pick a role", &theme, frame, area),
        Overlay::Detail(d) => dialogs::detail(d, app, &theme, frame, area),
        Overlay::Outcome(f) => forms::outcome(f, &theme, frame, area),
        Overlay::Edit(f) => forms::edit(f, &theme, frame, area),
        Overlay::Export(f) => forms::export(f, &theme, frame, area),
        Overlay::Exported(e) => dialogs::exported(e, &theme, frame, area),
        Overlay::Note(d) => dialogs::note(d, &theme, frame, area),
    }
    scrub(frame.buffer_mut());
}

/// The last guard before the terminal, whatever a view drew: no cell carries a control
/// or bidi character (ratatui drops controls, but appends a zero-width bidi override to
/// the cell before it). Views show such text through `inert`, which makes it visible.
pub fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    use crate::domain::text::is_unsafe;
    for cell in buffer.content.iter_mut().filter(|c| c.symbol().chars().any(is_unsafe)) {
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
    for a in pick {
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

/// Cut `s` to at most `width` terminal columns, ending in "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A text field as drawn: only the focused field shows its cursor block.
pub fn field<'a>(t: &ratatui_textarea::TextArea<'a>, focused: bool) -> ratatui_textarea::TextArea<'a> {
    let mut shown = t.clone();
    if !focused {
        shown.set_cursor_style(ratatui::style::Style::default());
    }
    shown
}

/// Break `s` into lines of at most `width` columns, at spaces where possible.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        push_breaking(word, width, &mut line, &mut used, &mut lines);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Append `word` to `line`, starting a new line wherever it would pass `width` (a word
/// longer than the width is broken between characters).
fn push_breaking(word: &str, width: usize, line: &mut String, used: &mut usize, lines: &mut Vec<String>) {
    for c in word.chars() {
        let cw = c.width().unwrap_or(0);
        if *used + cw > width && *used > 0 {
            lines.push(std::mem::take(line));
            *used = 0;
        }
        line.push(c);
        *used += cw;
    }
}

/// Where the help screen goes in `area`.
pub fn help_area(area: Rect) -> Rect {
    centered(area, 100, area.height.saturating_sub(2))
}

/// Wrap `s` as [`wrap`] does, keeping its leading spaces on the first line and as a
/// hanging indent on the others, and runs of spaces inside it (aligned columns).
pub fn wrap_indented(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let indent = s.len() - s.trim_start_matches(' ').len();
    if indent == 0 || indent * 2 >= width {
        return wrap_spaced(s, width);
    }
    let pad = " ".repeat(indent);
    wrap_spaced(&s[indent..], width - indent).into_iter().map(|l| format!("{pad}{l}")).collect()
}

/// Word wrap that keeps runs of spaces between words.
fn wrap_spaced(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    let mut gap = 0usize;
    for token in s.split(' ') {
        if token.is_empty() {
            gap += 1;
            continue;
        }
        let w: usize = token.chars().map(|c| c.width().unwrap_or(0)).sum();
        let spaces = if used == 0 { 0 } else { gap + 1 };
        gap = 0;
        if used > 0 && used + spaces + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        } else {
            line.push_str(&" ".repeat(spaces));
            used += spaces;
        }
        push_breaking(token, width, &mut line, &mut used, &mut lines);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A rectangle of at most `w` × `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_respects_display_width() {
        assert_eq!(fit("abc", 5), "abc");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn wrap_indented_keeps_indent_and_aligned_columns() {
        assert_eq!(
            wrap_indented("    No         Fosters decisions", 20),
            vec!["    No         ", "    Fosters", "    decisions"]
                .into_iter()
                .map(|s| s.trim_end().to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(wrap_indented("plain words here", 11), vec!["plain words", "here"]);
        assert_eq!(wrap_indented("", 5), vec![""]);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        let text = "methodologies, tools, and techniques. This includes everything";
        assert_eq!(wrap(text, 20).concat().replace(' ', ""), text.replace(' ', ""), "nothing lost");
    }

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

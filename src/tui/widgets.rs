//! Drawing helpers shared by the screens and the overlays: cutting and wrapping text to
//! terminal columns, centring a box, a bordered box, a text field as drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear};
use unicode_width::UnicodeWidthChar;

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

/// Clear `area`, draw a bordered box titled `title` there, and return its inside.
pub fn boxed(frame: &mut Frame<'_>, area: Rect, title: &str) -> Rect {
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
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
}

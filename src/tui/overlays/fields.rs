//! Text fields as the overlays use them: one-line and multi-line, styled by the theme.

use crate::tui::views::theme::Theme;
use ratatui_textarea::TextArea;

/// A one-line text field.
pub fn text_field(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_placeholder_text(placeholder);
    style_field(&mut t);
    t
}

/// The theme's styles for a field: a readable placeholder, a reversed selection.
pub fn style_field(t: &mut TextArea<'_>) {
    let theme = Theme::from_env();
    t.set_placeholder_style(theme.secondary());
    t.set_selection_style(theme.selected());
    t.set_cursor_line_style(ratatui::style::Style::default());
}

/// The text of a one-line field.
pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join(" ")
}

/// A one-line field holding `text`.
pub fn line_field(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = text_field(placeholder);
    t.insert_str(text);
    t
}

/// A multi-line field holding `text`.
pub fn multi_field(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.lines().map(str::to_string).collect());
    if t.lines().is_empty() {
        t = TextArea::default();
    }
    t.set_placeholder_text(placeholder);
    style_field(&mut t);
    t
}

/// The whole text of a multi-line field.
pub fn multi_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

/// The trimmed text of a one-line field, `None` when empty.
pub fn optional_text(t: &TextArea<'_>) -> Option<String> {
    Some(field_text(t).trim().to_string()).filter(|s| !s.is_empty())
}

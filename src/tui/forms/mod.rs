//! Form state (outcome, candidate edit): pure logic, tested without a terminal.

pub mod edit;
pub mod outcome;

use ratatui_textarea::TextArea;

/// A one-line field holding `text`.
pub fn line_field(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = super::dialogs::text_field(placeholder);
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
    super::dialogs::style_field(&mut t);
    t
}

/// The whole text of a multi-line field.
pub fn multi_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

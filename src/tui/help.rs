//! What `?` shows: every key from the live keymap, what each mark on a card means, and
//! the keys of each dialog. Plain text; the view only styles it.

use super::action::Action;
use super::config::Thresholds;
use super::keymap::Keymap;

/// One line of help.
pub enum HelpLine {
    /// A section heading.
    Heading(&'static str),
    /// A key or mark, and what it does or means.
    Entry(String, String),
    /// Space between sections.
    Gap,
}

fn entry(left: impl Into<String>, right: impl Into<String>) -> HelpLine {
    HelpLine::Entry(left.into(), right.into())
}

/// Width of the key column in the help screen.
pub const KEY_WIDTH: usize = 16;

/// The help screen's rows for a text area `width` columns wide: long explanations wrap
/// under themselves. `(key column, text, is a heading)`.
pub fn help_rows(keymap: &Keymap, thresholds: Thresholds, width: usize) -> Vec<(String, String, bool)> {
    let room = width.saturating_sub(KEY_WIDTH + 2).max(10);
    let mut rows = Vec::new();
    for line in help_lines(keymap, thresholds) {
        match line {
            HelpLine::Heading(h) => rows.push((String::new(), h.to_string(), true)),
            HelpLine::Gap => rows.push((String::new(), String::new(), false)),
            HelpLine::Entry(key, text) => {
                for (n, part) in super::widgets::wrap(&text, room).into_iter().enumerate() {
                    rows.push((if n == 0 { key.clone() } else { String::new() }, part, false));
                }
            }
        }
    }
    rows
}

/// Every line of the help screen.
pub fn help_lines(keymap: &Keymap, thresholds: Thresholds) -> Vec<HelpLine> {
    let mut lines = vec![HelpLine::Heading("Keys on the board")];
    lines.extend(Action::ALL.iter().map(|a| entry(keymap.keys_for(*a).join(", "), a.description())));
    lines.push(entry(
        "mouse",
        "click selects a card, double-click opens it, the wheel scrolls, a click on a title focuses \
         that column; Shift-drag selects text to copy (mouse = false in config.toml turns it off)",
    ));
    lines.push(HelpLine::Gap);
    lines.extend(card_marks(keymap, thresholds));
    lines.push(HelpLine::Gap);
    lines.extend(dialog_keys(keymap));
    lines
}

fn card_marks(keymap: &Keymap, thresholds: Thresholds) -> Vec<HelpLine> {
    let (warn, alarm) = (thresholds.warn, thresholds.alarm);
    let reopen = keymap.hint(Action::Reopen);
    vec![
        HelpLine::Heading("Marks on a card"),
        entry("12d", format!("days in the current stage: amber from {warn}d, red from {alarm}d")),
        entry("0/2", "interviews recorded at this stage / expected (amber until the minimum is met)"),
        entry("✓✓ ✓ ✗ ✗✗", "the last interview's recommendation: strong yes, yes, no, strong no"),
        entry("on hold, hold", format!("paused; {} resumes", keymap.hint(Action::Hold))),
        entry(
            "rejected, rej",
            format!("closed, shown with {}; {reopen} reopens", keymap.hint(Action::ToggleClosed)),
        ),
        entry("withdrawn, wdn", format!("the candidate withdrew; {reopen} reopens")),
        entry("hired", "hired from the Offer stage"),
        entry("crossed out", "a closed application (rejected, withdrawn or hired)"),
        entry("↓ 3 more", "cards below the last one shown; move down to see them"),
        entry("‹ title ›", "more stages to the left / right"),
    ]
}

fn dialog_keys(keymap: &Keymap) -> Vec<HelpLine> {
    let (o, e) = (keymap.hint(Action::Outcome), keymap.hint(Action::Edit));
    vec![
        HelpLine::Heading("Keys in dialogs"),
        entry(
            "reject",
            "1-9 or j/k pick a reason (none is preselected) · Tab note · Enter reject · Esc cancel",
        ),
        entry("withdraw, hold", "type an optional note · Enter confirm · Esc cancel"),
        entry(
            "add",
            "Tab/↑↓ next field · ←/→ level · Enter save · Ctrl-n add a new person anyway · Esc cancel",
        ),
        entry(
            "outcome",
            "Tab/↑↓ next field · 1-4 rate, 0 clears · ←/→ stage · Enter or Ctrl-s save · Esc cancel",
        ),
        entry(
            "edit",
            "Tab/↑↓ next field · ←/→ level · Enter or Ctrl-s save (notes: Enter = new line) · Esc cancel",
        ),
        entry("export", "Tab next field · ←/→ choose · Enter export, then c copies the path · Esc cancel"),
        entry("confirm", "y yes (Enter too, except for erase) · any other key no"),
        entry("pickers", "type to filter · ↑↓ choose · Enter open · Esc close"),
        entry("filter", "type · Enter keep it · Esc clear it (also later, on the board)"),
        entry("candidate", format!("{o} outcome · {e} edit · j/k, PgUp/PgDn, g/G scroll · other keys close")),
        entry("help", "j/k, PgUp/PgDn, g/G scroll · other keys close"),
    ]
}

//! What `?` shows: every mode's keys from the live keymap and the action table, and what
//! each mark on a card means. Plain text; the view only styles it.

use super::action::{Action, Mode};
use super::config::Thresholds;
use super::keymap::Keymap;
use crate::domain::access::Access;

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
    help_rows_for(keymap, thresholds, width, None)
}

/// [`help_rows`] without the keys of what `access` does not allow (issue 19).
pub fn help_rows_for(
    keymap: &Keymap,
    thresholds: Thresholds,
    width: usize,
    access: Option<Access>,
) -> Vec<(String, String, bool)> {
    let room = width.saturating_sub(KEY_WIDTH + 2).max(10);
    let mut rows = Vec::new();
    for line in help_lines_for(keymap, thresholds, access) {
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
    help_lines_for(keymap, thresholds, None)
}

/// [`help_lines`] without the keys of what `access` does not allow.
pub fn help_lines_for(keymap: &Keymap, thresholds: Thresholds, access: Option<Access>) -> Vec<HelpLine> {
    let mut lines = mode_keys_for(keymap, Mode::Board, access);
    lines.push(entry(
        "mouse",
        "click selects a card, double-click opens it, the wheel scrolls, a click on a title focuses \
         that column; Shift-drag selects text to copy (mouse = false in config.toml turns it off)",
    ));
    lines.push(HelpLine::Gap);
    lines.extend(card_marks(keymap, thresholds));
    for mode in Mode::ALL.into_iter().filter(|m| *m != Mode::Board) {
        lines.push(HelpLine::Gap);
        lines.extend(mode_keys_for(keymap, mode, access));
    }
    lines.push(HelpLine::Gap);
    lines.extend(typing());
    lines.push(HelpLine::Gap);
    lines.extend(dialog_keys(keymap));
    lines
}

/// A mode's heading and every action of it with its live keys, from the action table.
pub fn mode_keys(keymap: &Keymap, mode: Mode) -> Vec<HelpLine> {
    mode_keys_for(keymap, mode, None)
}

/// [`mode_keys`] without the actions `access` does not allow.
fn mode_keys_for(keymap: &Keymap, mode: Mode, access: Option<Access>) -> Vec<HelpLine> {
    let mut lines = vec![HelpLine::Heading(mode.title())];
    for action in Action::of(mode).filter(|a| a.allowed_for(access)) {
        let what = action.description_in(mode).unwrap_or_default();
        lines.push(entry(keymap.keys_in(mode, action).join(", "), what));
    }
    lines
}

/// What typing does in fields: not keymap actions, since letters there are text.
fn typing() -> Vec<HelpLine> {
    vec![
        HelpLine::Heading("Typing in forms and pickers"),
        entry(
            "letters",
            "go into the field with the cursor (keys with ctrl or alt, enter, tab and arrows \
             still act); in notes Enter starts a new line",
        ),
        entry("1-4, 0", "rate a requirement in the outcome form; 0 clears the rating"),
        entry("1-9", "pick a reason in the reject dialog"),
    ]
}

fn card_marks(keymap: &Keymap, thresholds: Thresholds) -> Vec<HelpLine> {
    let (warn, alarm) = (thresholds.warn, thresholds.alarm);
    let reopen = keymap.hint(Action::Reopen);
    vec![
        HelpLine::Heading("Marks on a card"),
        entry("12d", format!("days in the current stage: amber from {warn}d, red from {alarm}d")),
        entry(
            "!12d",
            "past the stage's time limit (rolecall limit; 5 days screening and offer, 7 interviews)",
        ),
        entry(
            "* Name",
            format!(
                "marked for a bulk action ({} marks, {} clears)",
                keymap.hint(Action::Mark),
                keymap.hint(Action::ClearFilter)
            ),
        ),
        entry("0/2", "interviews recorded at this stage / expected (amber until the minimum is met)"),
        entry("✓✓ ✓ ✗ ✗✗", "the last interview's recommendation: strong yes, yes, no, strong no"),
        entry("on hold 3d, hold 3d", format!("paused for 3 days; {} resumes", keymap.hint(Action::Hold))),
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

/// A line per dialog: the keys it takes, from the live keymap of its mode.
fn dialog_keys(keys: &Keymap) -> Vec<HelpLine> {
    use Action::*;
    let f = |a| keys.hint_in(Mode::Form, a);
    let d = |a| keys.hint_in(Mode::Dialog, a);
    let p = |a| keys.hint_in(Mode::Picker, a);
    let v = |a| keys.hint_in(Mode::Detail, a);
    let fields = format!("{}/{}/{} next field", f(NextField), f(Down), f(Up));
    let choose = format!("{}/{}", f(ChoosePrev), f(ChooseNext));
    let (save, cancel) = (f(Save), f(Cancel));
    let scroll =
        format!("{}/{}, {}/{}, {}/{} scroll", v(Down), v(Up), v(PageUp), v(PageDown), v(Top), v(Bottom));
    vec![
        HelpLine::Heading("Keys in each dialog"),
        entry(
            "reject",
            format!(
                "1-9 or {}/{} pick a reason (none is preselected) · {} note · {save} reject · {cancel} cancel",
                f(Down),
                f(Up),
                f(NextField)
            ),
        ),
        entry("withdraw, hold", format!("type an optional note · {save} confirm · {cancel} cancel")),
        entry(
            "add",
            format!(
                "{fields} · {choose} level · {save} save · {} add a new person anyway · {cancel} cancel",
                f(NewAnyway)
            ),
        ),
        entry(
            "outcome",
            format!("{fields} · 1-4 rate, 0 clears · {choose} stage · {save} save · {cancel} cancel"),
        ),
        entry(
            "edit",
            format!("{fields} · {choose} level · {save} save (notes: Enter = new line) · {cancel} cancel"),
        ),
        entry(
            "export",
            format!(
                "{fields} · {choose} choose · {save} export, then {} copies the path · {cancel} cancel",
                d(CopyPath)
            ),
        ),
        entry(
            "confirm",
            format!(
                "{} yes ({} too, except for erase) · {} or any other key no",
                d(Confirm),
                d(Accept),
                d(Cancel)
            ),
        ),
        entry("discard?", format!("{} discards what you typed · any other key keeps editing", d(Confirm))),
        entry(
            "pickers",
            format!(
                "type to filter · {}/{} choose · {} open · {} close",
                p(Down),
                p(Up),
                p(Choose),
                p(Close)
            ),
        ),
        entry(
            "filter",
            format!("type · {} keep it · {} clear it (also later, on the board)", p(Choose), p(Close)),
        ),
        entry(
            "candidate",
            format!("{} outcome · {} edit · {scroll} · other keys close", v(Outcome), v(Edit)),
        ),
        entry("help", format!("{scroll} · other keys close")),
    ]
}

//! Scrolling keys shared by the help screen and the candidate screen: the `[detail]`
//! section of the keymap.

use super::dialog::Reply;
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;

/// Where a scrolling action (down, up, a page either way, top, bottom) takes a view
/// scrolled to `scroll`, or `None` for any other action (or none).
pub fn scrolled(action: Option<Action>, scroll: u16, page: u16, last: u16) -> Option<u16> {
    Some(match action? {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// Scroll `scroll` for a scrolling action and stay open, or close on any other key: how
/// the help screen and the candidate screen answer a key.
pub fn scroll_or_close(action: Option<Action>, scroll: &mut u16, page: u16, last: u16) -> Reply {
    match scrolled(action, *scroll, page, last) {
        Some(to) => {
            *scroll = to.min(last);
            Reply::Stay
        }
        None => Reply::Close,
    }
}

/// "j/k pageup/pagedown g/G scroll" from the live `[detail]` keys (the first of each).
pub fn scroll_hint(keymap: &Keymap) -> String {
    let keys = [Action::Down, Action::Up, Action::PageUp, Action::PageDown, Action::Top, Action::Bottom]
        .map(|a| keymap.key_in(Mode::Detail, a));
    format!("{}/{} {}/{} {}/{} scroll", keys[0], keys[1], keys[2], keys[3], keys[4], keys[5])
}

//! Scrolling keys shared by the help screen and the candidate screen.

use crate::tui::action::Action;
use ratatui::crossterm::event::KeyCode;

/// Where a scrolling key (down, up, a page either way, top, bottom; by action or arrow
/// and page keys) takes a view scrolled to `scroll`, or `None` for any other key.
pub fn scrolled(action: Option<Action>, code: KeyCode, scroll: u16, page: u16, last: u16) -> Option<u16> {
    Some(match (action, code) {
        (Some(Action::Down), _) | (_, KeyCode::Down) => scroll.saturating_add(1),
        (Some(Action::Up), _) | (_, KeyCode::Up) => scroll.saturating_sub(1),
        (Some(Action::PageDown), _) | (_, KeyCode::PageDown) => scroll.saturating_add(page),
        (Some(Action::PageUp), _) | (_, KeyCode::PageUp) => scroll.saturating_sub(page),
        (Some(Action::Top), _) => 0,
        (Some(Action::Bottom), _) => last,
        _ => return None,
    })
}

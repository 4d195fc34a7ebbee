//! "Discard what you typed?": the one question every form asks when cancelling would lose
//! typing. Only the `[dialog]` confirm key (`y`) discards; any other key, quit included,
//! goes back to the form.

use super::dialog::Reply;
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::views::theme::Theme;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Span;

/// Whether the form is waiting for the answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Discard {
    asking: bool,
}

impl Discard {
    /// Whether the question is showing.
    pub fn is_asking(&self) -> bool {
        self.asking
    }

    /// While asking, the answer to `key` (the key is used up); `None` when not asking.
    /// `done` is what the status line says once discarded.
    pub fn answer(&mut self, key: &KeyEvent, done: &str, keymap: &Keymap) -> Option<Reply> {
        if !self.asking {
            return None;
        }
        self.asking = false;
        Some(match keymap.action_in(Mode::Dialog, key) {
            Some(Action::Confirm) => Reply::CloseWith(done.to_string()),
            _ => Reply::Stay,
        })
    }

    /// Esc: close at once when nothing was typed (`dirty` false), else ask first.
    pub fn escape(&mut self, dirty: bool) -> Reply {
        if dirty {
            self.asking = true;
            Reply::Stay
        } else {
            Reply::Close
        }
    }

    /// The footer while asking: "Discard `what`? y = discard, any other key = keep editing".
    pub fn question(what: &str, theme: &Theme, keymap: &Keymap) -> Span<'static> {
        let yes = keymap.key_in(Mode::Dialog, Action::Confirm);
        Span::styled(format!("Discard {what}? {yes} = discard, any other key = keep editing"), theme.warn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn esc_asks_only_when_dirty_and_only_y_discards() {
        let key = |c| KeyEvent::from(KeyCode::Char(c));
        let mut d = Discard::default();
        assert!(matches!(d.escape(false), Reply::Close));
        assert!(d.answer(&key('y'), "gone", &Keymap::defaults()).is_none(), "not asking yet");
        assert!(matches!(d.escape(true), Reply::Stay));
        assert!(d.is_asking());
        assert!(matches!(d.answer(&key('n'), "gone", &Keymap::defaults()), Some(Reply::Stay)));
        assert!(!d.is_asking(), "any other key keeps editing");
        d.escape(true);
        assert!(
            matches!(d.answer(&key('y'), "gone", &Keymap::defaults()), Some(Reply::CloseWith(m)) if m == "gone")
        );
    }
}

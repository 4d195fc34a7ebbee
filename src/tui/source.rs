//! Where the run loop's events come from: the real terminal (and its clipboard), or
//! anything else that implements [`EventSource`] (tests, the live-refresh source).

use ratatui::crossterm::event::{self, Event};
use std::time::Duration;

/// The terminal as the loop talks to it besides drawing: where events come from, and
/// its clipboard.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>>;

    /// Put `text` on the clipboard, if the terminal can.
    fn copy_to_clipboard(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }

    /// Other writers' changes announced since the last call (a source that listens to
    /// the store returns early from `next` with `None` when one arrives).
    fn take_changes(&mut self) -> Vec<crate::store::Change> {
        Vec::new()
    }
}

/// Events from the real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        if event::poll(timeout)? { event::read().map(Some) } else { Ok(None) }
    }

    /// OSC 52, which most terminals (and tmux with `set-clipboard on`) honour; over SSH it
    /// reaches the local clipboard. Terminals that do not know it ignore it.
    fn copy_to_clipboard(&mut self, text: &str) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        write!(out, "{}", osc52(text))?;
        out.flush()
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

//! Live refresh without polling: the terminal's events and the store's change
//! notifications arrive on one channel, so the run loop wakes for either at once and
//! reloads the board as soon as another user's commit is announced (PostgreSQL's
//! LISTEN/NOTIFY, `store::Store::watch`). A store with nothing to push (SQLite) keeps the
//! plain terminal source, and the loop's tick checks `data_version` as before.

use super::app::App;
use super::source::{EventSource, TerminalEvents};
use crate::store::{Change, Store, StoreError, Watcher};
use ratatui::crossterm::event::{self, Event};
use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// What wakes the run loop.
pub enum Wake {
    /// A terminal event (or the terminal's failure).
    Input(io::Result<Event>),
    /// Another writer's commit, or news about the watch.
    Changed(Change),
}

/// Terminal events and change notifications, in arrival order.
pub struct LiveEvents {
    wakes: Receiver<Wake>,
    /// Terminal events that arrived behind a change, handed out after the reload.
    held: VecDeque<io::Result<Event>>,
    changes: Vec<Change>,
    _watcher: Option<Watcher>,
}

impl LiveEvents {
    /// Watch `store` and read the real terminal on a thread of its own; `None` when the
    /// store has nothing to push (SQLite).
    pub fn start(store: &Store) -> Result<Option<Self>, StoreError> {
        let Some((source, input)) = Self::watch(store)? else {
            return Ok(None);
        };
        std::thread::Builder::new()
            .name("terminal-input".into())
            .spawn(move || read_terminal(&input))
            .map_err(|e| StoreError::Other(format!("cannot start reading the terminal: {e}")))?;
        Ok(Some(source))
    }

    /// Watch `store`, with input coming from the returned sender instead of the terminal
    /// (tests and the live-refresh benchmark drive the loop with it).
    pub fn watch(store: &Store) -> Result<Option<(Self, Sender<Wake>)>, StoreError> {
        let (mut source, input) = Self::channel();
        let changes = input.clone();
        let on_change = Box::new(move |change| changes.send(Wake::Changed(change)).is_ok());
        Ok(store.watch(on_change)?.map(|watcher| {
            source._watcher = Some(watcher);
            (source, input)
        }))
    }

    /// A source fed only by the returned sender (tests).
    pub fn channel() -> (Self, Sender<Wake>) {
        let (input, wakes) = mpsc::channel();
        (LiveEvents { wakes, held: VecDeque::new(), changes: Vec::new(), _watcher: None }, input)
    }
}

/// Forward the terminal's events until the loop is gone or the terminal fails.
fn read_terminal(input: &Sender<Wake>) {
    loop {
        let read = event::read();
        let failed = read.is_err();
        if input.send(Wake::Input(read)).is_err() || failed {
            return;
        }
    }
}

impl EventSource for LiveEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if let Some(held) = self.held.pop_front() {
            return held.map(Some);
        }
        match self.wakes.recv_timeout(timeout) {
            Ok(Wake::Input(read)) => read.map(Some),
            Ok(Wake::Changed(change)) => {
                // Take everything already queued: one reload for a burst of commits.
                self.changes.push(change);
                while let Ok(wake) = self.wakes.try_recv() {
                    match wake {
                        Wake::Changed(change) => self.changes.push(change),
                        Wake::Input(read) => self.held.push_back(read),
                    }
                }
                Ok(None)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the terminal input stopped")),
        }
    }

    fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    fn copy_to_clipboard(&mut self, text: &str) -> io::Result<()> {
        TerminalEvents.copy_to_clipboard(text)
    }
}

impl App {
    /// Another writer changed the database (or the watch was lost or is back): reload
    /// once for the lot, and say what happened to the watch.
    pub fn on_changes(&mut self, changes: Vec<Change>) {
        let mut reload = false;
        for change in changes {
            match change {
                Change::Committed(_) => reload = true,
                Change::Lost(reason) => {
                    self.error(format!("Live refresh lost ({reason}); reconnecting"));
                }
                Change::Resumed => {
                    reload = true;
                    self.info("Live refresh is back");
                }
            }
        }
        if reload && let Err(e) = self.reload(None) {
            self.error(format!("Could not refresh: {e}"));
        }
    }
}

//! Notes on an application's timeline (issue 16): an event of kind `note` whose text is
//! the note, so erasing the person scrubs it like every other note about them.

use super::owners::{lock_application, unchanged_event};
use super::{Result, Store, StoreError};
use crate::domain::{ApplicationId, EventId, EventKind};

/// The longest note kept (characters).
pub const NOTE_MAX_CHARS: usize = 20_000;

impl Store {
    /// Add a note (one or more lines) to an application's timeline.
    pub fn add_note(&mut self, app: ApplicationId, text: &str) -> Result<EventId> {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("a note needs some text".into()));
        }
        if text.chars().count() > NOTE_MAX_CHARS {
            return Err(StoreError::Invalid(format!(
                "the note is longer than {NOTE_MAX_CHARS} characters; shorten it or split it"
            )));
        }
        super::candidates::reject_nul("note", text)?;
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            let current = lock_application(store, tx, app)?;
            unchanged_event(tx, &now, &store.actor, &current, EventKind::Note, text)
        })
    }
}

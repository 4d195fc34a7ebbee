//! Undo / redo stacks derived from the event log, so they survive a restart.
//!
//! Walking the actor's events in order: a plain event is pushed on the undo stack (and
//! clears redo); an event that reverts the top of the undo stack is an undo (moved to the
//! redo stack); an event that reverts the top of the redo stack is a redo (back on undo).

use crate::domain::{Event, EventId};

/// The two stacks of event ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoStacks {
    undo: Vec<EventId>,
    redo: Vec<EventId>,
}

impl UndoStacks {
    /// Rebuild from an actor's events, oldest first.
    pub fn from_events(events: &[Event]) -> Self {
        let mut s = UndoStacks::default();
        for e in events {
            s.record(e);
        }
        s
    }

    /// Account for one new event by this actor.
    pub fn record(&mut self, e: &Event) {
        match e.undoes {
            Some(target) if self.undo.last() == Some(&target) => {
                self.undo.pop();
                self.redo.push(e.id);
            }
            Some(target) if self.redo.last() == Some(&target) => {
                self.redo.pop();
                self.undo.push(e.id);
            }
            _ => {
                self.undo.push(e.id);
                self.redo.clear();
            }
        }
    }

    /// The event an undo would revert.
    pub fn undo_target(&self) -> Option<EventId> {
        self.undo.last().copied()
    }

    /// The undo event a redo would revert.
    pub fn redo_target(&self) -> Option<EventId> {
        self.redo.last().copied()
    }

    /// Forget the top of the undo (`true`) or redo stack: that step can no longer be
    /// reverted (someone changed the application since), so the one before it is next.
    pub fn forget_top(&mut self, undo: bool) {
        if undo {
            self.undo.pop();
        } else {
            self.redo.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CandidateId, EventKind};

    fn ev(id: i64, undoes: Option<i64>) -> Event {
        Event {
            id: EventId(id),
            at: chrono::DateTime::default(),
            actor: "a".into(),
            kind: EventKind::Moved,
            candidate_id: CandidateId(1),
            application_id: None,
            from_stage: None,
            to_stage: None,
            from_status: None,
            to_status: None,
            reason: None,
            note: None,
            undoes: undoes.map(EventId),
            from_level: None,
            to_level: None,
        }
    }

    #[test]
    fn undo_redo_sequence() {
        let s = UndoStacks::from_events(&[ev(1, None), ev(2, None), ev(3, Some(2))]);
        assert_eq!(s.undo_target(), Some(EventId(1)));
        assert_eq!(s.redo_target(), Some(EventId(3)));
        let s = UndoStacks::from_events(&[ev(1, None), ev(2, None), ev(3, Some(2)), ev(4, Some(3))]);
        assert_eq!(s.undo_target(), Some(EventId(4)));
        assert_eq!(s.redo_target(), None);
        let s = UndoStacks::from_events(&[ev(1, None), ev(2, Some(1)), ev(3, None)]);
        assert_eq!(s.redo_target(), None, "a new change clears redo");
    }
}

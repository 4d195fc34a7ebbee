//! Undo / redo stacks derived from the event log, so they survive a restart.
//!
//! Walking the actor's events in order: a plain event is pushed on the undo stack (and
//! clears redo); an event that reverts the top of the undo stack is an undo (moved to the
//! redo stack); an event that reverts the top of the redo stack is a redo (back on undo).

use crate::domain::{Event, EventId};

/// The two stacks of steps: a step is the events of one change, or of one bulk change
/// (all its events, undone and redone together).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoStacks {
    undo: Vec<Vec<EventId>>,
    redo: Vec<Vec<EventId>>,
}

impl UndoStacks {
    /// Rebuild from an actor's events, oldest first, each its own step.
    pub fn from_events(events: &[Event]) -> Self {
        let mut s = UndoStacks::default();
        for e in events {
            s.record(e);
        }
        s
    }

    /// Rebuild from an actor's steps (`Store::recent_steps_by`), oldest first.
    pub fn from_steps(steps: &[Vec<Event>]) -> Self {
        let mut s = UndoStacks::default();
        for step in steps {
            s.record_step(step);
        }
        s
    }

    /// Account for one new event by this actor.
    pub fn record(&mut self, e: &Event) {
        self.record_step(std::slice::from_ref(e));
    }

    /// Account for one new step (the events one change or one bulk change wrote). Notes,
    /// schedules and owner changes are not steps: they change neither stage nor status,
    /// and have their own commands (`cancel`, `reschedule`, `assign`).
    pub fn record_step(&mut self, events: &[Event]) {
        use crate::domain::EventKind as K;
        let team = |e: &Event| {
            matches!(
                e.kind,
                K::Note
                    | K::InterviewScheduled
                    | K::InterviewRescheduled
                    | K::InterviewCancelled
                    | K::OwnerChanged
            )
        };
        if !events.is_empty() && events.iter().all(team) {
            return;
        }
        let ids: Vec<EventId> = events.iter().map(|e| e.id).collect();
        let mut reverted: Vec<EventId> = events.iter().filter_map(|e| e.undoes).collect();
        reverted.sort();
        let same = |step: Option<&Vec<EventId>>| {
            reverted.len() == events.len()
                && step.is_some_and(|s| {
                    let mut s = s.clone();
                    s.sort();
                    s == reverted
                })
        };
        if same(self.undo.last()) {
            self.undo.pop();
            self.redo.push(ids);
        } else if same(self.redo.last()) {
            self.redo.pop();
            self.undo.push(ids);
        } else if !ids.is_empty() {
            self.undo.push(ids);
            self.redo.clear();
        }
    }

    /// The step an undo would revert (its first event stands for it).
    pub fn undo_target(&self) -> Option<EventId> {
        self.undo.last().and_then(|s| s.first()).copied()
    }

    /// The undo step a redo would revert (its first event stands for it).
    pub fn redo_target(&self) -> Option<EventId> {
        self.redo.last().and_then(|s| s.first()).copied()
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

    #[test]
    fn notes_and_schedules_are_not_undo_steps() {
        let mut note = ev(2, None);
        note.kind = EventKind::Note;
        let mut scheduled = ev(3, None);
        scheduled.kind = EventKind::InterviewScheduled;
        let s = UndoStacks::from_events(&[ev(1, None), note, scheduled]);
        assert_eq!(s.undo_target(), Some(EventId(1)), "u undoes the move, not the note or the schedule");
    }

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

    #[test]
    fn a_batch_is_one_step() {
        let batch = [ev(2, None), ev(3, None), ev(4, None)];
        let mut s = UndoStacks::from_steps(&[vec![ev(1, None)], batch.to_vec()]);
        assert_eq!(s.undo_target(), Some(EventId(2)));
        s.record_step(&[ev(5, Some(3)), ev(6, Some(2)), ev(7, Some(4))]);
        assert_eq!(s.undo_target(), Some(EventId(1)), "the whole batch was undone");
        assert_eq!(s.redo_target(), Some(EventId(5)));
        s.record_step(&[ev(8, Some(5)), ev(9, Some(6)), ev(10, Some(7))]);
        assert_eq!((s.undo_target(), s.redo_target()), (Some(EventId(8)), None), "redone");
        // Undoing only part of a batch is not its undo.
        s.record_step(&[ev(11, Some(8))]);
        assert_eq!(s.undo_target(), Some(EventId(11)));
    }
}

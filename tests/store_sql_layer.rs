//! The backend-neutral SQL layer: the same store calls give the same answers on SQLite
//! and on PostgreSQL (when the test server can start; otherwise a "skipped" line).

mod common;

use common::both;
use rolecall::domain::clock::format_time;
use rolecall::domain::{CandidateId, EventId, EventKind};
use rolecall::store::StoreError;

const PERSON: &str = "INSERT INTO candidates (id, name, name_key, created_at, updated_at)
    VALUES (1, 'Ada', 'ada', '2026-03-01T09:00:00.000000Z', '2026-03-01T09:00:00.000000Z')";

const TWO_EVENTS: &str = "INSERT INTO events (at, actor, kind, candidate_id, note) VALUES
    ('2026-03-01T09:00:00.250000Z', 'ann', 'note', 1, 'first'),
    ('2026-03-02T10:30:00.000001Z', 'bob', 'edited', 1, NULL)";

#[test]
fn the_event_log_reads_the_same_on_both_backends() {
    for (label, store) in both::stores() {
        store.debug_execute(PERSON).unwrap_or_else(|e| panic!("{label}: {e}"));
        store.debug_execute(TWO_EVENTS).unwrap_or_else(|e| panic!("{label}: {e}"));
        let history = store.candidate_history(CandidateId(1)).expect(label);
        assert_eq!(history.len(), 2, "{label}");
        let (first, second) = (&history[0], &history[1]);
        assert_eq!(format_time(first.at), "2026-03-01T09:00:00.250000Z", "{label}: microseconds kept");
        assert_eq!(format_time(second.at), "2026-03-02T10:30:00.000001Z", "{label}");
        assert_eq!(
            (first.actor.as_str(), first.kind, first.note.as_deref()),
            ("ann", EventKind::Note, Some("first"))
        );
        assert_eq!(
            (second.kind, second.note.as_deref(), second.application_id),
            (EventKind::Edited, None, None)
        );
        assert!(second.id.0 > first.id.0, "{label}: ids grow");
        assert_eq!(store.event(second.id).expect(label).actor, "bob", "{label}");
        assert_eq!(store.event_count().expect(label), 2, "{label}");
        let missing = store.event(EventId(999)).unwrap_err();
        assert!(matches!(missing, StoreError::NotFound { .. }), "{label}: {missing:?}");
        assert_eq!(missing.to_string(), "event '999' not found", "{label}");
    }
}

#[test]
fn the_log_refuses_rewrites_with_the_same_words_on_both_backends() {
    let mut said = Vec::new();
    for (label, store) in both::stores() {
        store.debug_execute(PERSON).expect(label);
        store.debug_execute(TWO_EVENTS).expect(label);
        let mut words = Vec::new();
        for sql in ["UPDATE events SET note = 'changed'", "DELETE FROM events"] {
            let err = store.debug_execute(sql).unwrap_err();
            assert!(err.is_database(), "{label}: {err:?}");
            assert!(err.to_string().starts_with("database error: events are append-only"), "{label}: {err}");
            words.push(err.to_string());
        }
        assert_eq!(store.event_count().expect(label), 2, "{label}: nothing changed");
        said.push(words);
    }
    assert!(said.windows(2).all(|w| w[0] == w[1]), "the same words on both: {said:?}");
}

#[test]
fn an_unreadable_event_is_left_out_of_the_undo_stack_on_both_backends() {
    for (label, store) in both::stores() {
        store.debug_execute(PERSON).expect(label);
        store.debug_execute(TWO_EVENTS).expect(label);
        // Person-level events are never on the undo stack; only the actor's application events.
        assert!(store.recent_events_by("ann", 10).expect(label).is_empty(), "{label}");
    }
}

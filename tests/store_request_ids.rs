//! Exactly-once writes (issue 15, item 3), on both backends: a change sent again with
//! the request id of one that was committed (its reply lost on the way back) returns the
//! event already written, and the log holds it once; a request id names one change.

#[macro_use]
mod common;

use common::backends::Target;
use rolecall::domain::{ApplicationId, LevelId, Rating, RejectReason};
use rolecall::store::{NewCandidate, NewInterview, Store, StoreError};

/// One role, two levels, three stages (Offer last), as plain SQL.
const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5), (1, 2, 'Senior', 7)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

/// Two people applied to the role; their applications.
fn two_applications(store: &mut Store) -> (ApplicationId, ApplicationId) {
    for sql in ROLE {
        store.debug_execute(sql).expect("fixture");
    }
    let mut apply = |name: &str, email: &str| {
        let person = NewCandidate { name: name.into(), email: Some(email.into()), ..Default::default() };
        store.add_candidate_and_apply(&person, LevelId(1)).expect("apply").application.id
    };
    (apply("Ada Lovelace", "ada@example.com"), apply("Bob Byte", "bob@example.com"))
}

fn a_retried_change_returns_the_event_it_already_wrote(store: &mut Store) {
    let (ada, bob) = two_applications(store);
    let seen = store.application(ada).unwrap().version;
    store.set_request_id(Some("req-1".into()));
    let first = store.step(ada, true, Some(seen)).unwrap();
    let events = store.event_count().unwrap();

    // The reply was lost: the client sends the same change again, with the same id and
    // the version it saw before (now stale).
    store.set_request_id(Some("req-1".into()));
    let again = store.step(ada, true, Some(seen)).unwrap();
    assert_eq!(again.event_id, first.event_id, "the retry returns the committed event");
    assert_eq!(again.application.stage_label, "Tech", "moved once, not twice");
    assert_eq!(again.application.version, first.application.version);
    assert_eq!(store.event_count().unwrap(), events, "one event in the log");
    assert_eq!(store.history(ada).unwrap().len(), 2, "applied, moved");

    // A rejection with a note, retried: the same.
    store.set_request_id(Some("req-2".into()));
    let rejected = store.reject(ada, RejectReason::Location, Some("relocating"), None).unwrap();
    store.set_request_id(Some("req-2".into()));
    let retried = store.reject(ada, RejectReason::Location, Some("relocating"), None).unwrap();
    assert_eq!(retried.event_id, rejected.event_id, "not 'already rejected'");
    assert_eq!(store.history(ada).unwrap().len(), 3);

    // A request id names one change: used again for another application it is refused.
    store.set_request_id(Some("req-1".into()));
    let reused = store.step(bob, true, None).unwrap_err();
    assert!(
        matches!(&reused, StoreError::Conflict(m) if m.contains("already used for another change")),
        "{reused}"
    );
    assert_eq!(store.history(bob).unwrap().len(), 1, "nothing written");

    // A new id is a new change; untagged writes never collide.
    store.set_request_id(Some("req-3".into()));
    store.step(bob, true, None).unwrap();
    store.set_request_id(None);
    store.step(bob, true, None).unwrap();
    store.step(bob, false, None).unwrap();
    assert_eq!(store.history(bob).unwrap().len(), 4);
}

fn later_writes_of_one_request_get_their_own_ids(store: &mut Store) {
    let (ada, _) = two_applications(store);
    store.set_request_id(Some("script-9".into()));
    let first = store.step(ada, true, None).unwrap();
    let second = store.step(ada, true, None).unwrap();
    assert_ne!(first.event_id, second.event_id);
    // The whole script run again: both writes come back, nothing new.
    store.set_request_id(Some("script-9".into()));
    assert_eq!(store.step(ada, true, None).unwrap().event_id, first.event_id);
    assert_eq!(store.step(ada, true, None).unwrap().event_id, second.event_id);
    assert_eq!(store.history(ada).unwrap().len(), 3, "applied and two moves");
    assert_eq!(store.application(ada).unwrap().stage_label, "Offer");
}

fn applies_level_changes_their_undo_and_outcomes_are_exactly_once(store: &mut Store) {
    let (ada, _) = two_applications(store);
    let carol =
        store.add_candidate(&NewCandidate { name: "Carol Code".into(), ..Default::default() }).unwrap();

    // An apply retried: the application it made, not "already applied".
    store.set_request_id(Some("apply-1".into()));
    let applied = store.apply(carol, LevelId(1)).unwrap();
    store.set_request_id(Some("apply-1".into()));
    let again = store.apply(carol, LevelId(1)).unwrap();
    assert_eq!((again.event_id, again.application.id), (applied.event_id, applied.application.id));

    // Adding and applying in one go, retried: the person is not added twice.
    let people = store.candidates(None, 100).unwrap().len();
    let dan = NewCandidate { name: "Dan Data".into(), ..Default::default() };
    store.set_request_id(Some("add-apply-1".into()));
    let added = store.add_candidate_and_apply(&dan, LevelId(2)).unwrap();
    store.set_request_id(Some("add-apply-1".into()));
    let added_again = store.add_candidate_and_apply(&dan, LevelId(2)).unwrap();
    assert_eq!(added_again.event_id, added.event_id);
    assert_eq!(store.candidates(None, 100).unwrap().len(), people + 1, "Dan added once");

    // A level change and its undo, each retried with the version seen before.
    let seen = store.application(ada).unwrap().version;
    store.set_request_id(Some("level-1".into()));
    let up = store.change_level(ada, LevelId(2), Some(seen)).unwrap();
    store.set_request_id(Some("level-1".into()));
    assert_eq!(store.change_level(ada, LevelId(2), Some(seen)).unwrap().event_id, up.event_id);
    let seen = up.application.version;
    store.set_request_id(Some("undo-level-1".into()));
    let down = store.revert(up.event_id, Some(seen)).unwrap();
    store.set_request_id(Some("undo-level-1".into()));
    let down_again = store.revert(up.event_id, Some(seen)).unwrap();
    assert_eq!(down_again.event_id, down.event_id, "not 'the level has changed since'");
    assert_eq!(down_again.application.level_id, LevelId(1));
    assert_eq!(store.history(ada).unwrap().len(), 3, "applied, level changed, changed back");

    // An interview outcome retried: one interview, the same ids.
    let outcome = NewInterview {
        stage: None,
        interviewer: "Grace".into(),
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 2, 27).unwrap(),
        recommendation: Rating::from_value(3).unwrap(),
        notes: "solid".into(),
        ratings: vec![],
    };
    let seen = down.application.version;
    store.set_request_id(Some("outcome-1".into()));
    let recorded = store.record_interview(ada, &outcome, Some(seen)).unwrap();
    store.set_request_id(Some("outcome-1".into()));
    assert_eq!(store.record_interview(ada, &outcome, Some(seen)).unwrap(), recorded);
    assert_eq!(store.interviews(ada).unwrap().len(), 1, "recorded once");

    // An id that named a level change does not pass for an outcome of the same application.
    store.set_request_id(Some("level-1".into()));
    let reused = store.record_interview(ada, &outcome, None).unwrap_err();
    assert!(matches!(&reused, StoreError::Conflict(m) if m.contains("already used")), "{reused}");
    let eve = store.add_candidate(&NewCandidate { name: "Eve Edge".into(), ..Default::default() }).unwrap();
    store.set_request_id(Some("apply-1".into()));
    let reused = store.apply(eve, LevelId(1)).unwrap_err();
    assert!(matches!(&reused, StoreError::Conflict(m) if m.contains("already used")), "{reused}");
    assert_eq!(store.interviews(ada).unwrap().len(), 1);
}

/// The command line: `--request-id` makes a script's retry safe; a bad id is a usage error.
fn the_cli_retries_with_request_id(target: &Target) {
    target.json(&["candidate", "add", "Ada Lovelace", "--email", "ada@example.com"]);
    let applied = target.json(&[
        "apply",
        "ada@example.com",
        "--role",
        "it-program-management-office",
        "--level",
        "Staff IT Program Manager",
    ]);
    let app = applied["application"]["id"].as_i64().expect("application id").to_string();
    let first = target.json(&["move", &app, "--next", "--request-id", "ci-move-1"]);
    let again = target.json(&["move", &app, "--next", "--request-id", "ci-move-1"]);
    assert_eq!(first["event_id"], again["event_id"]);
    assert_eq!(target.json(&["history", &app]).as_array().map(Vec::len), Some(2));
    // Without an id each run is a change of its own.
    target.json(&["move", &app, "--next"]);
    assert_eq!(target.json(&["history", &app]).as_array().map(Vec::len), Some(3));
    let bad = target.run(&["move", &app, "--next", "--request-id", "has space"]);
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
    assert_eq!(target.json(&["history", &app]).as_array().map(Vec::len), Some(3));
    target.assert_written();
}

both_backends!(
    a_retried_change_returns_the_event_it_already_wrote,
    later_writes_of_one_request_get_their_own_ids,
    applies_level_changes_their_undo_and_outcomes_are_exactly_once
);
// The command line opens a server once `--db` takes a URL (issue 15, item 1).
both_backends!(the_cli_retries_with_request_id);

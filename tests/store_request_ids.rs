//! Exactly-once writes (issue 15, item 3), on both backends: a change sent again with
//! the request id of one that was committed (its reply lost on the way back) returns the
//! event already written, and the log holds it once; a request id names one change.

#[macro_use]
mod common;

use common::backends::Target;
use rolecall::domain::{ApplicationId, LevelId, RejectReason};
use rolecall::store::{NewCandidate, Store, StoreError};

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
    later_writes_of_one_request_get_their_own_ids
);
// The command line opens a server once `--db` takes a URL (issue 15, item 1).
both_backends!(the_cli_retries_with_request_id);

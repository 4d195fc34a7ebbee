//! The demo generator's bulk load on both backends (issue 15: every command works on a
//! server): the rows it writes obey the replay, a second load adds after the first, and
//! the next row a user adds gets a fresh id (on PostgreSQL the id sequences must be
//! moved past the ids the load handed out).

#[macro_use]
mod common;

use common::backends::Target;
use rolecall::demo::{DemoOptions, fill};
use rolecall::import::load::import_bundled;
use rolecall::store::{Dialect, NewCandidate, Severity, Store, StoreError};
use std::ops::ControlFlow;

fn filled_twice_then_used_by_hand(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    let first = fill(store, DemoOptions { candidates: 30, seed: 3 }).expect("demo");
    let second = fill(store, DemoOptions { candidates: 20, seed: 4 }).expect("demo again");
    assert_eq!((first.candidates, second.candidates), (30, 20));
    let events = store.event_count().expect("count");
    assert_eq!(events as u64, first.events + second.events, "every event of both loads is there");

    // A person added by hand after the load: a fresh id (not one the load used).
    let added = store.add_candidate(&NewCandidate { name: "After Load".into(), ..Default::default() });
    let id = added.expect("adding a person after a bulk load");
    assert_eq!(id.0, 51, "the next id after 50 generated people");
    let person = store.candidates(None, 1000).expect("list").into_iter().find(|c| c.id == id);
    assert_eq!(person.map(|c| c.name), Some("After Load".to_string()));

    // Every application equals the replay of its events.
    let replay = store.replay_until(store.now() + chrono::Duration::days(1), None).expect("replay");
    let people = store.candidates(None, 1000).expect("list");
    let mut apps = 0;
    for c in &people {
        for a in store.applications_of(c.id).expect("applications") {
            let r = replay.get(a.id).expect("replayed");
            assert_eq!((a.stage_id, a.status), (r.stage_id, r.status), "application {}", a.id);
            apps += 1;
        }
    }
    assert_eq!(apps as u64, first.applications + second.applications);
}

/// `doctor`'s checks through the store: all sound after a load, on either backend (on a
/// server the server's checks, not SQLite's pragmas); rewriting the files is a SQLite
/// file's, and a server says what does that job there.
fn health_after_a_load(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    fill(store, DemoOptions { candidates: 15, seed: 9 }).expect("demo");
    let findings = store.health().expect("health");
    let names: Vec<&str> = findings.iter().map(|f| f.check).collect();
    for check in ["schema", "event-log", "erasure", "text", "open-apps"] {
        assert!(names.contains(&check), "{check} in {names:?}");
    }
    assert!(findings.iter().all(|f| f.severity == Severity::Ok), "{findings:?}");
    match store.dialect() {
        Dialect::Sqlite => assert!(store.compact().expect("compact")),
        Dialect::Postgres => {
            let e = store.compact().expect_err("no file of ours on a server");
            assert!(matches!(e, StoreError::Invalid(_)) && e.to_string().contains("rolecall purge"), "{e}");
        }
    }
}

/// The current state streamed (on a server one row at a time): every application once,
/// and a stream stopped early leaves the connection ready for the next statement.
fn streamed_current_state_stops_early_and_frees_the_connection(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    let report = fill(store, DemoOptions { candidates: 25, seed: 5 }).expect("demo");
    let mut seen = Vec::new();
    store
        .for_each_current_application(None, &mut |_, a| {
            seen.push(a.application_id);
            ControlFlow::Continue(())
        })
        .expect("stream");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len() as u64, report.applications, "every application once");
    let mut taken = 0;
    store
        .for_each_current_application(None, &mut |_, _| {
            taken += 1;
            if taken == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .expect("stopped early");
    assert_eq!(taken, 3);
    assert_eq!(store.event_count().expect("the next statement runs") as u64, report.events);
    let added = store.add_candidate(&NewCandidate { name: "After Stream".into(), ..Default::default() });
    added.expect("a write after a stopped stream");
}

/// `rolecall demo` through the binary, then `doctor` finds the database healthy.
fn demo_command_then_doctor(target: &Target) {
    let out = target.run(&["demo", "--candidates", "40"]);
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("added 40 candidates"), "{text}");
    let doctor = target.run(&["doctor"]);
    assert!(
        doctor.status.success(),
        "doctor: {}{}",
        String::from_utf8_lossy(&doctor.stdout),
        String::from_utf8_lossy(&doctor.stderr)
    );
    target.assert_written();
}

both_backends!(
    filled_twice_then_used_by_hand,
    health_after_a_load,
    streamed_current_state_stops_early_and_frees_the_connection,
    demo_command_then_doctor
);

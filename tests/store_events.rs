//! One decoder for the event log: an event whose stored time or kind cannot be read is an
//! error naming the event, the same for history (CLI and store) and for snapshots; the
//! undo stack leaves it out so the board still opens. Before, history showed it as a
//! note at 1970-01-01 while exports failed without naming it.

#[macro_use]
mod common;

use common::backends::Target;
use common::{sample_family, store};
use rolecall::domain::EventId;
use rolecall::store::{NewCandidate, Store, StoreError};
use std::path::PathBuf;
use std::process::Command;

/// A store with one application (and its "applied" event), then an event another program
/// appended with `at` and `kind` as given. Returns the application's id and the bad event's.
fn with_bad_event(s: &mut Store, at: &str, kind: &str) -> (i64, i64) {
    let fam = s.import_family("src.md", "h1", &sample_family(&["Screening", "Panel"])).unwrap().0;
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let ana = s.add_candidate(&NewCandidate { name: "Ana Ruiz".into(), ..Default::default() }).unwrap();
    let app = s.apply(ana, junior).unwrap().application;
    s.debug_execute(&format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status)
         VALUES ('{at}', '{}', '{kind}', {}, {}, {stage}, {stage}, 'active', 'active')",
        s.actor(),
        ana.0,
        app.id.0,
        stage = app.stage_id.0
    ))
    .unwrap();
    (app.id.0, s.event_count().unwrap())
}

fn names_event(e: &StoreError, id: i64) -> bool {
    matches!(e, StoreError::Corrupt(m) if m.contains(&format!("event {id} cannot be read")))
}

// SQLite only: a PostgreSQL column of times takes nothing else (see the next test).
#[test]
fn an_unreadable_time_fails_history_and_snapshots_alike_naming_the_event() {
    let mut s = store();
    let (app, bad) = with_bad_event(&mut s, "2026-03-03 sometime", "moved");
    let history = s.history(rolecall::domain::ApplicationId(app)).unwrap_err();
    assert!(names_event(&history, bad), "{history:?}");
    assert!(history.to_string().contains("its time '2026-03-03 sometime' is not a time"), "{history}");
    let one = s.event(EventId(bad)).unwrap_err();
    assert!(names_event(&one, bad), "{one:?}");
    let snapshot = s.snapshot(chrono::Utc::now() + chrono::Duration::days(1), None).unwrap_err();
    assert!(names_event(&snapshot, bad), "{snapshot:?}");
}

fn an_unknown_kind_is_refused_the_same_way_and_the_undo_stack_leaves_it_out(s: &mut Store) {
    let (app, bad) = with_bad_event(s, "2026-03-03T10:00:00.000000Z", "teleported");
    let history = s.history(rolecall::domain::ApplicationId(app)).unwrap_err();
    assert!(names_event(&history, bad), "{history:?}");
    assert!(history.to_string().contains("its kind 'teleported'"), "{history}");
    let snapshot = s.snapshot(chrono::Utc::now() + chrono::Duration::days(1), None).unwrap_err();
    assert!(names_event(&snapshot, bad), "{snapshot:?}");
    let recent = s.recent_events_by(s.actor(), 10).expect("the undo stack still loads");
    assert_eq!(recent.iter().map(|e| e.id.0).collect::<Vec<_>>(), vec![bad - 1], "only the readable event");
}

/// On PostgreSQL the event time is a TIMESTAMPTZ: a time that is not one is refused
/// when it is written, so history never meets one.
#[test]
fn a_server_refuses_an_unreadable_time_when_it_is_written() {
    let Some(target) = Target::postgres() else { return };
    let mut s = target.store();
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        with_bad_event(&mut s, "2026-03-03 sometime", "moved");
    }));
    assert!(refused.is_err(), "PostgreSQL stored a time that is not a time");
    let s = target.store();
    assert_eq!(s.event_count().unwrap(), 1, "only the applied event");
}

// SQLite only (PostgreSQL refuses the time, as above).
#[test]
fn the_cli_reports_the_unreadable_event_with_exit_code_5() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rolecall.db");
    let (app, bad) = with_bad_event(&mut Store::open(&db).unwrap(), "not a time", "moved");
    let bin = std::env::var_os("ROLECALL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rolecall")));
    let out = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["history", &app.to_string()])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env_remove("ROLECALL_DB")
        .output()
        .expect("run rolecall");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr.contains(&format!("event {bad} cannot be read: its time 'not a time'")), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("1970"), "no note at the epoch");
}

both_backends!(an_unknown_kind_is_refused_the_same_way_and_the_undo_stack_leaves_it_out);

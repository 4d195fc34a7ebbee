//! `rolecall demo`: generated data obeys every rule the store and the replay rely on,
//! and the same seed gives the same data.

use chrono::{TimeZone, Utc};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::{AppStatus, ApplicationId, EventKind, FamilyId, FixedClock, StageKind};
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use std::collections::HashMap;
use std::path::Path;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
}

fn filled(path: &Path, candidates: usize, seed: u64) -> Store {
    let mut store = Store::open(path).expect("open").with_clock(Box::new(FixedClock(now())));
    import_bundled(&mut store).expect("bundled roles");
    let report = fill(&mut store, DemoOptions { candidates, seed }).expect("demo");
    assert_eq!(report.candidates, candidates as u64);
    assert_eq!(report.roles, 2);
    store
}

/// Every application id in the store.
fn application_ids(store: &Store) -> Vec<ApplicationId> {
    let mut ids: Vec<ApplicationId> = store
        .candidates(None, usize::MAX / 2)
        .expect("candidates")
        .iter()
        .flat_map(|c| store.applications_of(c.id).expect("applications"))
        .map(|a| a.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_application_equals_the_replay_of_its_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = filled(&dir.path().join("demo.db"), 400, 7);
    let replay = store.replay_until(now(), None).expect("replay");
    let ids = application_ids(&store);
    assert!(ids.len() >= 400, "at least one application each");
    assert_eq!(replay.len(), ids.len());
    let mut statuses: HashMap<AppStatus, usize> = HashMap::new();
    for id in &ids {
        let live = store.application(*id).expect("application");
        let replayed = replay.get(*id).expect("replayed");
        assert_eq!(
            (live.stage_id, live.status, live.reject_reason),
            (replayed.stage_id, replayed.status, replayed.reject_reason),
            "application {id}"
        );
        let entered = live.stage_entered_at.expect("time");
        assert_eq!(entered, replayed.stage_entered_at, "stage_entered_at of {id}");
        let history = store.history(*id).expect("history");
        assert_eq!(history.first().map(|e| e.kind), Some(EventKind::Applied));
        assert!(history.windows(2).all(|w| w[0].at < w[1].at), "event times increase for {id}");
        assert!(history.iter().all(|e| e.at <= now()), "nothing in the future");
        assert_eq!(live.version, history.len() as i64, "one version per event for {id}");
        let last_stage_change =
            history.iter().rev().find(|e| e.kind == EventKind::Applied || e.from_stage != e.to_stage);
        assert_eq!(last_stage_change.map(|e| e.at), Some(entered));
        if live.status == AppStatus::Rejected {
            assert!(live.reject_reason.is_some(), "a rejection has a reason");
        }
        *statuses.entry(live.status).or_default() += 1;
    }
    for status in AppStatus::ALL {
        assert!(
            statuses.get(&status).copied().unwrap_or(0) > 0,
            "some applications are {status}: {statuses:?}"
        );
    }
    // The log's ids follow time, as appends do.
    let mut last = None;
    store
        .for_each_event_until(now(), None, |e| {
            assert!(last.is_none_or(|t| t <= e.at), "event {} is older than the one before", e.id);
            last = Some(e.at);
        })
        .expect("stream");
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("demo.db")).expect("open raw");
    let dangling: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("foreign key check");
    assert_eq!(dangling, 0, "every reference points at a row");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity");
    assert_eq!(integrity, "ok");
}

#[test]
fn interviews_respect_each_stage_and_carry_a_full_scorecard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = filled(&dir.path().join("demo.db"), 300, 11);
    let mut interviews_seen = 0;
    for id in application_ids(&store) {
        let app = store.application(id).expect("application");
        let stages = store.stages(app.family_id).expect("stages");
        let requirements = store.requirements_for(id).expect("requirements");
        let interviews = store.interviews(id).expect("interviews");
        let history = store.history(id).expect("history");
        for stage in &stages {
            let held = interviews.iter().filter(|i| i.stage_id == stage.id).count() as u32;
            assert!(
                held <= stage.max_interviews.max(if stage.kind == StageKind::Offer { 0 } else { 1 }),
                "{id} at {}",
                stage.label
            );
            let moved_on =
                history.iter().any(|e| e.kind == EventKind::Moved && e.from_stage == Some(stage.id));
            if moved_on {
                assert!(held >= stage.min_interviews, "{id} left {} after {held} interviews", stage.label);
            }
        }
        for i in &interviews {
            assert_eq!(i.scores.len(), requirements.len(), "one score per requirement");
            interviews_seen += 1;
        }
    }
    assert!(interviews_seen > 300);
}

fn fingerprint(store: &Store) -> Vec<String> {
    let mut lines = Vec::new();
    store.for_each_event_until(now(), None, |e| lines.push(format!("{e:?}"))).expect("events");
    for c in store.candidates(None, usize::MAX / 2).expect("candidates") {
        lines.push(format!("{c:?}"));
    }
    lines
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = fingerprint(&filled(&dir.path().join("a.db"), 150, 5));
    let b = fingerprint(&filled(&dir.path().join("b.db"), 150, 5));
    let c = fingerprint(&filled(&dir.path().join("c.db"), 150, 6));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn a_second_fill_adds_to_what_is_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = filled(&dir.path().join("demo.db"), 50, 1);
    let before = application_ids(&store).len();
    fill(&mut store, DemoOptions { candidates: 50, seed: 2 }).expect("second fill");
    let after = application_ids(&store);
    assert!(after.len() > before);
    let replay = store.replay_until(now(), None).expect("replay");
    for id in after {
        let live = store.application(id).expect("application");
        assert_eq!(replay.get(id).map(|s| (s.stage_id, s.status)), Some((live.stage_id, live.status)));
    }
    assert!(store.board(FamilyId(1), false).expect("board").iter().all(|c| !c.status.is_closed()));
}

#[test]
fn nobody_is_planned_twice_into_one_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("plan.db")).expect("open");
    import_bundled(&mut store).expect("bundled roles");
    let roles = rolecall::demo::role_shapes(&store).expect("roles");
    let now = rolecall::demo::time::from_datetime(now());
    for seed in [1, 42, 7_777] {
        let plan = rolecall::demo::stream::plan(&roles, 3_000, seed, now);
        let mut seen = std::collections::HashSet::new();
        for a in &plan.applications {
            assert!(
                seen.insert((a.candidate, a.role)),
                "seed {seed}: person {} twice in role {}",
                a.candidate,
                a.role
            );
        }
        assert!(plan.applications.len() > 3_000, "some people still apply to several roles");
    }
}

#[test]
fn a_big_fill_writes_the_same_rows_alone_or_beside_a_reader_and_leaves_the_file_in_wal() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Alone, the load runs with a rollback journal (written once) and switches back.
    let alone_path = dir.path().join("alone.db");
    let alone = fingerprint(&filled(&alone_path, 200, 9));
    let mode = |path: &Path| -> String {
        let conn = rusqlite::Connection::open(path).expect("open");
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal mode")
    };
    assert_eq!(mode(&alone_path), "wal");
    assert!(!dir.path().join("alone.db-journal").exists());
    // Another connection keeps the file open: the load stays in WAL, at once.
    let shared_path = dir.path().join("shared.db");
    let mut store = Store::open(&shared_path).expect("open").with_clock(Box::new(FixedClock(now())));
    import_bundled(&mut store).expect("bundled roles");
    let reader = rusqlite::Connection::open(&shared_path).expect("reader");
    let families: i64 = reader.query_row("SELECT COUNT(*) FROM families", [], |r| r.get(0)).expect("read");
    fill(&mut store, DemoOptions { candidates: 200, seed: 9 }).expect("demo beside a reader");
    assert_eq!(fingerprint(&store), alone);
    let people: i64 = reader.query_row("SELECT COUNT(*) FROM candidates", [], |r| r.get(0)).expect("read");
    assert_eq!((families, people), (2, 200));
    assert_eq!(mode(&shared_path), "wal");
}

#[test]
fn a_failed_insert_stops_the_generator_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path).expect("open").with_clock(Box::new(FixedClock(now())));
    import_bundled(&mut store).expect("bundled roles");
    {
        // An insert fails far into the load, with most of the stream still to come: the
        // generator (on its own thread) must stop rather than wait on a full channel.
        let conn = rusqlite::Connection::open(&path).expect("open raw");
        conn.execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.id > 2000
             BEGIN SELECT RAISE(ABORT, 'boom'); END",
        )
        .expect("trigger");
    }
    let err = fill(&mut store, DemoOptions { candidates: 5_000, seed: 3 }).expect_err("the insert fails");
    assert!(err.to_string().contains("boom"), "{err}");
    assert_eq!(store.candidates_total().expect("count"), 0);
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.execute_batch("DROP TRIGGER boom").expect("drop trigger");
    drop(conn);
    // The store is usable after the failure: the same load then goes through.
    let report = fill(&mut store, DemoOptions { candidates: 300, seed: 3 }).expect("demo");
    assert_eq!(report.candidates, 300);
}

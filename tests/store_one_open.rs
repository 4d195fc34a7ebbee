//! One open application per person per role: the store refuses a second one (whatever
//! the caller: CLI, TUI, another process), offers changing the level instead, and a
//! level change is an event that snapshots, doctor and undo all follow.

#[macro_use]
mod common;

use common::backends::Target;
use common::sample_family;
use rolecall::domain::{AppStatus, CandidateId, EventKind, RejectReason};
use rolecall::store::{NewCandidate, Store, StoreError};

fn person(s: &mut Store, name: &str) -> CandidateId {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    s.add_candidate(&NewCandidate { name: name.into(), email: Some(email), ..Default::default() })
        .expect("add candidate")
}

fn role(s: &mut Store) -> rolecall::domain::FamilyId {
    s.import_family("src.md", "h1", &sample_family(&["Screening", "Panel"])).unwrap().0
}

fn a_second_open_application_to_the_same_role_is_refused_with_the_level_hint(s: &mut Store) {
    let fam = role(s);
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let ana = person(s, "Ana Ruiz");
    let first = s.apply(ana, junior).unwrap().application.id;
    let err = s.apply(ana, senior).unwrap_err();
    let StoreError::Conflict(message) = &err else { panic!("expected a conflict, got {err:?}") };
    assert!(message.contains("Ana Ruiz already has an open application (app"), "{message}");
    assert!(message.contains(&format!("rolecall level {first} LEVEL")), "{message}");
    assert!(message.contains("Test Family"), "{message}");
    assert_eq!(s.applications_of(ana).unwrap().len(), 1, "nothing was written");
}

fn on_hold_and_hired_block_but_rejected_and_withdrawn_do_not(s: &mut Store) {
    let fam = role(s);
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let ana = person(s, "Ana Ruiz");
    let app = s.apply(ana, junior).unwrap().application.id;
    s.hold(app, None, None).unwrap();
    assert!(matches!(s.apply(ana, senior), Err(StoreError::Conflict(_))), "on hold blocks");
    s.resume(app, None).unwrap();
    s.step(app, true, None).unwrap();
    s.step(app, true, None).unwrap();
    s.hire(app, None).unwrap();
    let err = s.apply(ana, senior).unwrap_err();
    assert!(err.to_string().contains("hired"), "hired blocks: {err}");

    let bo = person(s, "Bo Lee");
    let a = s.apply(bo, junior).unwrap().application.id;
    s.reject(a, RejectReason::Compensation, None, None).unwrap();
    let b = s.apply(bo, senior).expect("a rejected application does not block re-applying");
    s.withdraw(b.application.id, None, None).unwrap();
    let cy = person(s, "Cy Young");
    let c = s.apply(cy, junior).unwrap().application.id;
    s.withdraw(c, None, None).unwrap();
    s.apply(cy, senior).expect("a withdrawn application does not block re-applying");
}

fn reopening_a_closed_application_beside_an_open_one_is_refused(s: &mut Store) {
    let fam = role(s);
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let ana = person(s, "Ana Ruiz");
    let old = s.apply(ana, junior).unwrap().application.id;
    let rejected = s.reject(old, RejectReason::Other, None, None).unwrap();
    let new = s.apply(ana, senior).unwrap().application.id;
    let err = s.reopen(old, None).unwrap_err();
    assert!(err.to_string().contains(&format!("(app {new})")), "{err}");
    assert!(matches!(s.revert(rejected.event_id, None), Err(StoreError::Conflict(_))), "undo too");
    assert_eq!(s.application(old).unwrap().status, AppStatus::Rejected);
}

fn the_schema_refuses_a_second_open_application_written_behind_the_store(s: &mut Store) {
    let fam = role(s);
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let ana = person(s, "Ana Ruiz");
    let app = s.apply(ana, junior).unwrap().application;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let sql = format!(
        "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status, stage_entered_at,
             created_at, updated_at) VALUES ({}, {}, {}, {}, 'active', '2026-03-01T09:00:00Z',
             '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z')",
        ana.0, fam.0, senior.0, app.stage_id.0
    );
    let err = s.debug_execute(&sql).unwrap_err();
    assert!(err.to_string().contains("open application"), "{err}");
}

fn at(day: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

fn a_level_change_is_an_event_that_snapshots_doctor_undo_and_scorecards_follow(target: &Target) {
    use rolecall::domain::{FixedClock, Rating};
    use rolecall::store::NewInterview;
    let mut s = target.store();
    let fam = role(&mut s);
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let ana = person(&mut s, "Ana Ruiz");
    let app = s.apply(ana, junior).unwrap().application;
    let talk = NewInterview {
        stage: None,
        interviewer: "Kim".into(),
        held_on: at(1).date_naive(),
        recommendation: Rating::Yes,
        notes: String::new(),
        ratings: vec![(0, Rating::Yes)],
    };
    s.record_interview(app.id, &talk, None).unwrap();
    let mut s = s.with_clock(Box::new(FixedClock(at(5))));

    let t = s.change_level(app.id, senior, None).unwrap();
    assert_eq!(t.application.level_title, "Senior Tester");
    assert_eq!((t.application.stage_id, t.application.status), (app.stage_id, app.status));
    let e = s.event(t.event_id).unwrap();
    assert_eq!((e.kind, e.from_level, e.to_level), (EventKind::LevelChanged, Some(junior), Some(senior)));
    assert_eq!(rolecall::present::describe(&s, &e), "Ana Ruiz: level Junior Tester → Senior Tester");

    let level_at = |s: &Store, day: u32| {
        let snap = s.snapshot(at(day), None).unwrap();
        snap.find(app.id).map(|(_, a)| a.level_title.clone()).unwrap()
    };
    assert_eq!(level_at(&s, 3), "Junior Tester", "as of before the change: the old level");
    assert_eq!(level_at(&s, 6), "Senior Tester");
    let scorecards = s.interviews(app.id).unwrap();
    assert_eq!(scorecards[0].level_title.as_deref(), Some("Junior Tester"), "rated against junior");
    let healthy = |s: &Store| s.health().unwrap().iter().all(|f| f.severity == rolecall::store::Severity::Ok);
    assert!(healthy(&s), "{:?}", s.health().unwrap());

    let undo = s.revert(t.event_id, None).unwrap();
    assert_eq!(undo.application.level_title, "Junior Tester", "undo restores the old level");
    assert_eq!(s.event(undo.event_id).unwrap().undoes, Some(t.event_id));
    let redo = s.revert(undo.event_id, None).unwrap();
    assert_eq!(redo.application.level_title, "Senior Tester", "redo sets it again");
    assert!(healthy(&s), "{:?}", s.health().unwrap());
    assert_eq!(level_at(&s, 6), "Senior Tester");
}

fn a_level_change_is_refused_when_it_cannot_apply(s: &mut Store) {
    let fam = role(s);
    let other = s
        .import_family("other.md", "h2", &{
            let mut d = sample_family(&["Chat"]);
            d.title = "Other Family".into();
            d
        })
        .unwrap()
        .0;
    let junior = s.level_by_name(fam, "junior").unwrap().id;
    let senior = s.level_by_name(fam, "senior").unwrap().id;
    let elsewhere = s.level_by_name(other, "senior").unwrap().id;
    let ana = person(s, "Ana Ruiz");
    let app = s.apply(ana, junior).unwrap().application;
    assert!(matches!(s.change_level(app.id, junior, None), Err(StoreError::Conflict(_))), "same level");
    assert!(matches!(s.change_level(app.id, elsewhere, None), Err(StoreError::Invalid(_))), "other role");
    assert!(matches!(s.change_level(app.id, senior, Some(app.version + 7)), Err(StoreError::Conflict(_))));
    s.withdraw(app.id, None, None).unwrap();
    let err = s.change_level(app.id, senior, None).unwrap_err();
    assert!(err.to_string().contains("withdrawn"), "{err}");
    // A closed application at the target level keeps it: one application per level.
    let again = s.apply(ana, senior).unwrap().application.id;
    let err = s.change_level(again, junior, None).unwrap_err();
    assert!(err.to_string().contains(&format!("app {}", app.id)), "{err}");
    assert_eq!(s.event_count().unwrap(), 3, "apply, withdraw, apply: nothing else was written");
}

// SQLite only: a database of schema version 4 exists only as a SQLite file.
#[test]
fn a_database_with_two_open_applications_in_one_role_still_opens_and_doctor_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A version-4 database, as written before the rule.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_init.sql"),
            include_str!("../migrations/0002_interviews.sql"),
            include_str!("../migrations/0003_erasure.sql"),
            include_str!("../migrations/0004_performance.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO families VALUES (1, 'r', 'Role', '', 'r.md', 'h', '[]', '', 0, 'x');
             INSERT INTO levels VALUES (1, 1, 0, 'Junior', NULL, NULL, 0), (2, 1, 1, 'Senior', NULL, NULL, 0);
             INSERT INTO stages VALUES (1, 1, 0, 'interview', 'Chat', 'Chat', '[]', '[]', 1, 1, 0);
             INSERT INTO candidates (id, name, name_key, created_at, updated_at) VALUES (1, 'Ana Ruiz', 'ana ruiz', 'x', 'x');
             INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, stage_entered_at, created_at, updated_at)
               VALUES (1, 1, 1, 1, 1, 'active', '2026-03-01T09:00:00Z', 'x', 'x'),
                      (2, 1, 1, 2, 1, 'active', '2026-03-01T09:00:00Z', 'x', 'x');
             INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
               VALUES ('2026-03-01T09:00:00Z', 't', 'applied', 1, 1, 1, 1, 'active', 'active'),
                      ('2026-03-01T09:00:00Z', 't', 'applied', 1, 2, 1, 1, 'active', 'active');",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).expect("the migration does not fail on duplicates");
    assert_eq!(s.schema_version().unwrap(), rolecall::store::LATEST_VERSION);
    let found = s.health().unwrap().into_iter().find(|f| f.check == "open-apps").unwrap();
    assert_eq!(found.severity, rolecall::store::Severity::Warning);
    assert!(found.message.contains("Ana Ruiz (apps 1, 2) in r"), "{}", found.message);
    // The pair can still move and close; it cannot grow again once one is closed.
    s.hold(rolecall::domain::ApplicationId(2), None, None).expect("an existing pair still moves");
    let two = rolecall::domain::ApplicationId(2);
    s.withdraw(two, None, None).unwrap();
    assert!(matches!(s.reopen(two, None), Err(StoreError::Conflict(_))));
}

fn concurrent_processes_open_at_most_one_application_per_role(target: &Target) {
    let path = target.db_str();
    let (ana, levels) = {
        let mut s = target.store();
        let fam = s.import_family("src.md", "h1", &sample_family(&["Screening"])).unwrap().0;
        let levels: Vec<_> = s.levels(fam).unwrap().into_iter().map(|l| l.id).collect();
        (person(&mut s, "Ana Ruiz"), levels)
    };
    // Each writer has its own connection, as separate processes do; all start together.
    let start = std::sync::Arc::new(std::sync::Barrier::new(8));
    let writers: Vec<_> = (0..8)
        .map(|i| {
            let (path, start, level) = (path.clone(), start.clone(), levels[i % levels.len()]);
            std::thread::spawn(move || {
                let mut s = common::backends::open_db(&path).unwrap();
                start.wait();
                s.apply(ana, level)
            })
        })
        .collect();
    let results: Vec<_> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    let opened = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(opened, 1, "{results:?}");
    assert!(results.iter().filter_map(|r| r.as_ref().err()).all(|e| matches!(e, StoreError::Conflict(_))));
    assert_eq!(target.store().applications_of(ana).unwrap().len(), 1);
}

both_backends!(
    a_second_open_application_to_the_same_role_is_refused_with_the_level_hint,
    on_hold_and_hired_block_but_rejected_and_withdrawn_do_not,
    reopening_a_closed_application_beside_an_open_one_is_refused,
    the_schema_refuses_a_second_open_application_written_behind_the_store,
    a_level_change_is_refused_when_it_cannot_apply,
    concurrent_processes_open_at_most_one_application_per_role,
);

both_backends!(a_level_change_is_an_event_that_snapshots_doctor_undo_and_scorecards_follow,);

//! Bulk actions (issue 17) on both backends: several applications moved, rejected,
//! withdrawn or held in one transaction, all or nothing, and undone as one step.

#[macro_use]
mod common;

use common::backends::Target;
use rolecall::domain::{AppStatus, ApplicationId, FamilyId, LevelId, RejectReason, StageId};
use rolecall::store::{BulkChange, NewCandidate, Store, StoreError};

/// One role with three stages (Offer last), as in `store_both_pipeline.rs`.
const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5), (1, 2, 'Senior', 7)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

/// The role and `n` people applied to it (applications 1..=n at Screen).
fn people(store: &mut Store, n: usize) -> Vec<ApplicationId> {
    for sql in ROLE {
        store.debug_execute(sql).expect("fixture");
    }
    (0..n)
        .map(|i| {
            let p = NewCandidate {
                name: format!("Person {i}"),
                email: Some(format!("p{i}@example.com")),
                ..NewCandidate::default()
            };
            store.add_candidate_and_apply(&p, LevelId(1)).unwrap().application.id
        })
        .collect()
}

/// Stage and status of every application, to compare before and after.
fn states(store: &Store) -> Vec<(ApplicationId, StageId, AppStatus, i64)> {
    store
        .board(FamilyId(1), true)
        .unwrap()
        .into_iter()
        .map(|c| {
            let a = store.application(c.id).unwrap();
            (a.id, a.stage_id, a.status, a.version)
        })
        .collect()
}

both_backends! {
    fn a_bulk_move_with_one_stale_application_changes_nothing_and_names_it(store: &mut Store) {
        let apps = people(store, 5);
        // Someone else moves the third one after we looked (version 1).
        store.step(apps[2], true, None).unwrap();
        let before = states(store);
        let events = store.event_count().unwrap();
        let seen: Vec<_> = apps.iter().map(|a| (*a, Some(1))).collect();
        let err = store.bulk_change(&seen, &BulkChange::Move(StageId(3)), None).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(&format!("app {}", apps[2])) && text.contains("Person 2"), "{text}");
        assert!(text.contains("none of the 5 was changed"), "{text}");
        assert_eq!(states(store), before, "nothing changed");
        assert_eq!(store.event_count().unwrap(), events, "no event written");
        // One that the rule refuses (already rejected) stops the batch the same way.
        store.reject(apps[4], RejectReason::Location, None, None).unwrap();
        let err = store
            .bulk_change(&[(apps[0], None), (apps[4], None)], &BulkChange::Hold, None)
            .unwrap_err();
        assert!(err.to_string().contains(&format!("app {} (Person 4)", apps[4])), "{err}");
        assert_eq!(store.application(apps[0]).unwrap().status, AppStatus::Active);
    }

    fn a_bulk_reject_of_twenty_is_one_undo_step(store: &mut Store) {
        let apps = people(store, 21);
        let before = states(store);
        let marked: Vec<_> = apps[..20].iter().map(|a| (*a, Some(1))).collect();
        let batch = store.bulk_change(&marked, &BulkChange::Reject(RejectReason::PositionFilled), Some("filled")).unwrap();
        assert_eq!(batch.events.len(), 20);
        assert!(batch.applications.iter().all(|a| a.status == AppStatus::Rejected));
        assert_eq!(store.application(apps[20]).unwrap().status, AppStatus::Active, "the unmarked one stays");
        // The undo stack sees one step of 20 events.
        let steps = store.recent_steps_by("tester", 500).unwrap();
        let last = steps.last().unwrap();
        assert_eq!(last.len(), 20, "one step");
        assert_eq!(store.batch_of(batch.events[7]).unwrap(), batch.events);
        let ids: Vec<_> = last.iter().map(|e| e.id).collect();
        let undone = store.revert_batch(&ids).unwrap();
        assert_eq!(undone.events.len(), 20);
        let after: Vec<_> = states(store).into_iter().map(|(a, s, st, _)| (a, s, st)).collect();
        let was: Vec<_> = before.into_iter().map(|(a, s, st, _)| (a, s, st)).collect();
        assert_eq!(after, was, "one undo restored all twenty");
        // The undo is one step too (a redo reverts it as one).
        let steps = store.recent_steps_by("tester", 500).unwrap();
        assert_eq!(steps.last().unwrap().len(), 20);
        assert!(steps.last().unwrap().iter().all(|e| e.undoes.is_some()));
    }

    fn the_command_line_moves_several_and_all_in_a_stage(target: &Target) {
        let mut store = target.store();
        let apps = people(&mut store, 4);
        drop(store);
        let (a, b, c) = (apps[0].to_string(), apps[1].to_string(), apps[2].to_string());
        let stale = format!("{}@7", apps[3]);
        let out = target.run(&["move", &a, &b, &stale, "--to", "Tech"]);
        assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("app {} (Person 3)", apps[3])) && err.contains("none of the 3"), "{err}");
        let moved = target.json(&["move", &a, &b, "--to", "Tech"]);
        assert_eq!(moved.as_array().unwrap().len(), 2);
        let held = target.json(&["hold", "--all-in", "Screen", "--role", "eng"]);
        let held: Vec<i64> = held.as_array().unwrap().iter().map(|t| t["application"]["id"].as_i64().unwrap()).collect();
        assert_eq!(held, [apps[2].0, apps[3].0]);
        let rejected = target.json(&["reject", &c, &a, "--reason", "location"]);
        assert_eq!(rejected.as_array().unwrap().len(), 2);
        let store = target.store();
        assert_eq!(store.application(apps[0]).unwrap().status, AppStatus::Rejected);
        assert_eq!(store.application(apps[1]).unwrap().stage_label, "Tech");
        assert_eq!(store.application(apps[3]).unwrap().status, AppStatus::OnHold);
        let out = target.run(&["move", &a, "--next", &b]);
        assert_eq!(out.status.code(), Some(2), "--next with several is a usage error");
    }
}

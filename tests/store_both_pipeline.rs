//! The pipeline through the store on both backends: add, apply, moves, hire, reject,
//! the conflicts, the board and the history give the same answers on SQLite and on
//! PostgreSQL (when the test server can start; otherwise a "skipped" line).

mod common;

use common::both;
use rolecall::domain::clock::format_time;
use rolecall::domain::{AppStatus, CandidateId, FamilyId, LevelId, RejectReason, StageId};
use rolecall::store::{NewCandidate, Store, StoreError};

/// One role with two levels and three stages (Offer last), written as plain SQL so the
/// fixture does not depend on the importer.
pub const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5), (1, 2, 'Senior', 7)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

fn with_role(store: &Store) {
    for sql in ROLE {
        store.debug_execute(sql).expect("fixture");
    }
}

fn person(name: &str, email: &str) -> NewCandidate {
    NewCandidate { name: name.into(), email: Some(email.into()), ..NewCandidate::default() }
}

/// The pipeline, with every answer written down as text to compare across backends.
fn pipeline(store: &mut Store) -> Vec<String> {
    let mut seen = Vec::new();
    let t = store.add_candidate_and_apply(&person("Ada Lovelace", "ada@example.com"), LevelId(1)).unwrap();
    let app = t.application.id;
    seen.push(format!(
        "{:?} {} {:?}",
        t.application.status, t.application.stage_label, t.application.created_at
    ));
    let t = store.step(app, true, Some(t.application.version)).unwrap();
    seen.push(format!("{} v{}", t.application.stage_label, t.application.version));
    let stale = store.step(app, true, Some(1)).unwrap_err();
    seen.push(stale.to_string());
    let t = store.move_to(app, StageId(3), None).unwrap();
    seen.push(format!("{} at_offer={}", t.application.stage_label, t.application.at_offer));
    let t = store.hire(app, None).unwrap();
    seen.push(format!("{:?}", t.application.status));
    for e in store.history(app).unwrap() {
        seen.push(format!(
            "{} {} {} {:?}->{:?}",
            format_time(e.at),
            e.actor,
            e.kind.as_str(),
            e.from_stage,
            e.to_stage
        ));
    }
    let bob = store.add_candidate(&person("Bob", "bob@example.com")).unwrap();
    let t = store.apply(bob, LevelId(2)).unwrap();
    let again = store.apply(bob, LevelId(2)).unwrap_err();
    seen.push(again.to_string());
    let t = store.reject(t.application.id, RejectReason::Location, Some("too far"), None).unwrap();
    seen.push(format!("{:?} {:?}", t.application.status, t.application.reject_reason));
    let refused = store.move_to(t.application.id, StageId(2), None).unwrap_err();
    assert!(matches!(refused, StoreError::Conflict(_)), "{refused:?}");
    seen.push(refused.to_string());
    let other_role = store.move_to(t.application.id, StageId(99), None).unwrap_err();
    seen.push(other_role.to_string());
    let board = store.board(FamilyId(1), true).unwrap();
    seen.push(format!(
        "{:?}",
        board.iter().map(|c| (c.name.clone(), c.status, c.stage_id.0)).collect::<Vec<_>>()
    ));
    seen.push(format!("{}", store.board(FamilyId(1), false).unwrap().len()));
    let found = store.find_candidate("ADA@example.com").unwrap();
    seen.push(format!("{} {:?} {:?}", found.name, found.email, found.created_at));
    seen.push(format!("{:?}", store.find_duplicates("ada lovelace", None).unwrap().len()));
    seen.push(format!("{}", store.candidates_total().unwrap()));
    seen
}

#[test]
fn the_pipeline_gives_the_same_answers_on_both_backends() {
    let mut runs = Vec::new();
    for (label, mut store) in both::stores() {
        with_role(&store);
        runs.push((label, pipeline(&mut store)));
    }
    let (_, sqlite) = &runs[0];
    assert!(sqlite[0].starts_with("Active Screen Some(2026-03-01T09:00:00Z)"), "{sqlite:?}");
    assert!(sqlite.iter().any(|l| l.contains("tester hired")), "{sqlite:?}");
    for (label, seen) in &runs[1..] {
        assert_eq!(seen, sqlite, "{label} differs from sqlite");
    }
}

#[test]
fn editing_a_person_records_an_event_on_both_backends() {
    for (label, mut store) in both::stores() {
        let id = store.add_candidate(&person("Cy", "cy@example.com")).unwrap();
        let update = rolecall::store::CandidateUpdate { phone: Some("+1 555".into()), ..Default::default() };
        let after = store.edit_candidate(id, &update).unwrap();
        assert_eq!(after.phone.as_deref(), Some("+1 555"), "{label}");
        let history = store.candidate_history(id).unwrap();
        assert_eq!(history.len(), 1, "{label}");
        assert_eq!(history[0].note.as_deref(), Some("phone"), "{label}");
        assert!(matches!(store.candidate(CandidateId(999)), Err(StoreError::NotFound { .. })), "{label}");
        let _ = AppStatus::Active;
    }
}

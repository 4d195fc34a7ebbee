//! Store behaviour on both backends: import sync, pipeline rules, event log.

#[macro_use]
mod common;

use common::sample_family;
use rolecall::domain::{AppStatus, EventKind, RejectReason};
use rolecall::store::{ImportOutcome, NewCandidate, Store, StoreError};

fn candidate(s: &mut Store, name: &str) -> rolecall::domain::CandidateId {
    s.add_candidate(&NewCandidate {
        name: name.into(),
        email: Some(format!("{}@example.com", name.to_lowercase().replace(' ', "."))),
        ..Default::default()
    })
    .expect("add candidate")
}

fn import_adds_offer_and_is_idempotent(s: &mut Store) {
    let draft = sample_family(&["Screening", "Panel", "CFO"]);
    let (id, outcome) = s.import_family("src.md", "h1", &draft).unwrap();
    assert_eq!(outcome, ImportOutcome::Created);
    let labels: Vec<String> = s.stages(id).unwrap().into_iter().map(|s| s.label).collect();
    assert_eq!(labels, ["Screening", "Panel", "CFO", "Offer"]);
    let events_before = s.event_count().unwrap();
    let (_, again) = s.import_family("src.md", "h1", &draft).unwrap();
    assert_eq!(again, ImportOutcome::Unchanged);
    assert_eq!(s.event_count().unwrap(), events_before);
    assert_eq!(s.families().unwrap().len(), 1);
}

fn full_pipeline_to_hire_logs_every_event(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["Screening", "Panel"])).unwrap();
    let level = s.level_by_name(fam, "senior").unwrap();
    let c = candidate(s, "Ana Ruiz");
    let app = s.apply(c, level.id).unwrap().application.id;
    s.step(app, true, None).unwrap();
    let t = s.step(app, true, None).unwrap();
    assert!(t.application.at_offer);
    let err = s.step(app, true, None).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));
    s.hire(app, None).unwrap();
    let kinds: Vec<EventKind> = s.history(app).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Applied, EventKind::Moved, EventKind::Moved, EventKind::Hired]);
    assert_eq!(s.application(app).unwrap().status, AppStatus::Hired);
}

fn rejected_application_cannot_move_and_undo_restores_it(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["Screening", "Panel"])).unwrap();
    let level = s.level_by_name(fam, "junior").unwrap();
    let c = candidate(s, "Bo Lee");
    let app = s.apply(c, level.id).unwrap().application.id;
    let rejected = s.reject(app, RejectReason::Compensation, Some("asks too much"), None).unwrap();
    assert!(matches!(s.step(app, true, None), Err(StoreError::Conflict(_))));
    let undo = s.revert(rejected.event_id, None).unwrap();
    assert_eq!(undo.application.status, AppStatus::Active);
    let redo = s.revert(undo.event_id, None).unwrap();
    assert_eq!(redo.application.status, AppStatus::Rejected);
    assert_eq!(redo.application.reject_reason, Some(RejectReason::Compensation));
    let log = s.history(app).unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(log[2].undoes, Some(rejected.event_id));
}

fn stale_version_is_refused(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["A", "B", "C"])).unwrap();
    let level = s.level_by_name(fam, "junior").unwrap();
    let c = candidate(s, "Cy Doe");
    let t = s.apply(c, level.id).unwrap();
    let v = t.application.version;
    s.step(t.application.id, true, Some(v)).unwrap();
    let err = s.step(t.application.id, true, Some(v)).unwrap_err();
    assert!(err.to_string().contains("changed by someone else"), "{err}");
}

fn reimport_dropping_busy_stage_is_refused_naming_candidates(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["Screening", "Panel", "CFO"])).unwrap();
    let level = s.level_by_name(fam, "junior").unwrap();
    let c = candidate(s, "Di Fox");
    let app = s.apply(c, level.id).unwrap().application.id;
    s.step(app, true, None).unwrap(); // at Panel
    let err = s.import_family("src.md", "h2", &sample_family(&["Screening", "CFO"])).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Panel") && msg.contains("Di Fox"), "{msg}");
    // Nothing changed: still four stages.
    assert_eq!(s.stages(fam).unwrap().len(), 4);
    // A change that keeps the stage updates in place and keeps the application.
    let mut renamed = sample_family(&["Screening", "Panel", "CFO"]);
    renamed.stages[1].full_text = "A reworded panel".into();
    let (_, outcome) = s.import_family("src.md", "h3", &renamed).unwrap();
    assert_eq!(outcome, ImportOutcome::Updated);
    let app_after = s.application(app).unwrap();
    assert_eq!(app_after.stage_label, "Panel");
    assert_eq!(s.stage(app_after.stage_id).unwrap().full_text, "A reworded panel");
}

fn events_are_append_only(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["A"])).unwrap();
    let level = s.level_by_name(fam, "junior").unwrap();
    let c = candidate(s, "Ed Gray");
    s.apply(c, level.id).unwrap();
    let err = s.debug_execute("UPDATE events SET actor = 'x'").unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = s.debug_execute("DELETE FROM events").unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

fn lookups_suggest_close_names(s: &mut Store) {
    let (fam, _) = s.import_family("src.md", "h1", &sample_family(&["Screening", "Stakeholder"])).unwrap();
    let err = s.stage_by_name(fam, "stakholder").unwrap_err().to_string();
    assert!(err.contains("did you mean 'Stakeholder'"), "{err}");
    let err = s.family_by_slug("tset-family").unwrap_err().to_string();
    assert!(err.contains("test-family"), "{err}");
    assert!(s.add_candidate(&NewCandidate { name: " ".into(), ..Default::default() }).is_err());
}

both_backends!(import_adds_offer_and_is_idempotent, lookups_suggest_close_names);

both_backends!(
    full_pipeline_to_hire_logs_every_event,
    rejected_application_cannot_move_and_undo_restores_it,
    stale_version_is_refused,
    reimport_dropping_busy_stage_is_refused_naming_candidates,
    events_are_append_only,
);

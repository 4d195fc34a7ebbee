//! Issue 16 through the store, on SQLite and PostgreSQL: the owner logs are append-only,
//! notes are personal data that erasure reaches, schedules refuse what cannot be and a
//! reschedule replaces the interviewers without deleting anything.

#[macro_use]
mod common;

use chrono::{TimeZone, Utc};
use rolecall::domain::{ApplicationId, EventKind, FamilyId, LevelId, RejectReason};
use rolecall::store::{AgendaFor, NewCandidate, NewSchedule, ScheduleChange, Store, StoreError};

const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

fn applied(store: &mut Store, name: &str) -> ApplicationId {
    if store.families().unwrap().is_empty() {
        for sql in ROLE {
            store.debug_execute(sql).expect("fixture");
        }
    }
    let new = NewCandidate { name: name.into(), ..NewCandidate::default() };
    store.add_candidate_and_apply(&new, LevelId(1)).unwrap().application.id
}

fn panel(at_hour: u32, people: &[&str]) -> NewSchedule {
    NewSchedule {
        stage: None,
        starts_at: Utc.with_ymd_and_hms(2026, 3, 5, at_hour, 0, 0).unwrap(),
        zone: "Europe/Berlin".into(),
        duration_minutes: 45,
        interviewers: people.iter().map(|p| p.to_string()).collect(),
        place: String::new(),
    }
}

both_backends! {
    fn owner_logs_are_append_only(store: &mut Store) {
        let app = applied(store, "Ada");
        assert_eq!(store.application_owner(app).unwrap(), "tester", "the person who added it");
        store.set_role_owners(FamilyId(1), Some("hank"), &["rita".into()]).unwrap();
        let now = store.set_role_owners(FamilyId(1), None, &["rita".into(), "rob".into()]).unwrap();
        assert_eq!(now.hiring_manager.as_deref(), Some("hank"), "kept when not given");
        assert_eq!(store.role_owners(FamilyId(1)).unwrap().recruiters, ["rita", "rob"]);
        store.assign_owner(app, "rita").unwrap();
        assert_eq!(store.application_owner(app).unwrap(), "rita");
        let kinds: Vec<_> = store.history(app).unwrap().iter().map(|e| e.kind).collect();
        assert_eq!(kinds.last(), Some(&EventKind::OwnerChanged));
        for sql in [
            "UPDATE role_owner_sets SET actor = 'x'",
            "DELETE FROM role_owner_people",
            "UPDATE application_owners SET owner = 'x'",
            "DELETE FROM application_owners",
        ] {
            let refused = store.debug_execute(sql).unwrap_err();
            assert!(refused.to_string().contains("append-only"), "{sql}: {refused}");
        }
        assert!(matches!(store.assign_owner(app, "  "), Err(StoreError::Invalid(_))));
    }

    fn notes_are_reached_by_erasure(store: &mut Store) {
        let app = applied(store, "Ada");
        assert!(matches!(store.add_note(app, " \n "), Err(StoreError::Invalid(_))));
        store.add_note(app, "prefers mornings\ncall her on +34 600").unwrap();
        let note = store.history(app).unwrap().into_iter().find(|e| e.kind == EventKind::Note).unwrap();
        assert_eq!(note.note.as_deref(), Some("prefers mornings\ncall her on +34 600"));
        let person = store.application(app).unwrap().candidate_id;
        store.erase_candidate(person).unwrap();
        let note = store.history(app).unwrap().into_iter().find(|e| e.kind == EventKind::Note).unwrap();
        assert_eq!(note.note.as_deref(), Some(rolecall::store::ERASED_PLACEHOLDER));
        assert!(matches!(store.add_note(app, "more"), Err(StoreError::Conflict(_))), "erased: no new notes");
    }

    fn schedules_refuse_what_cannot_be(store: &mut Store) {
        let app = applied(store, "Ada");
        let mut past = panel(10, &["ivy"]);
        past.starts_at = Utc.with_ymd_and_hms(2026, 2, 1, 10, 0, 0).unwrap();
        assert!(matches!(store.schedule_interview(app, &past), Err(StoreError::Invalid(_))));
        assert!(matches!(store.schedule_interview(app, &panel(10, &[" "])), Err(StoreError::Invalid(_))));
        let s = store.schedule_interview(app, &panel(10, &["ivy", "ian", "ivy"])).unwrap();
        assert_eq!(s.interviewers, ["ivy", "ian"], "each once, in order");
        let change = ScheduleChange { interviewers: Some(vec!["ines".into()]), ..ScheduleChange::default() };
        let moved = store.reschedule(s.id, &change).unwrap();
        assert_eq!((moved.interviewers.clone(), moved.sequence), (vec!["ines".to_string()], 1));
        let week = |who: &str| {
            let from = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
            let to = Utc.with_ymd_and_hms(2026, 3, 8, 0, 0, 0).unwrap();
            store.agenda(&AgendaFor::Interviewer(who.into()), from, to, false).unwrap().len()
        };
        assert_eq!((week("ivy"), week("ines")), (0, 1), "the replaced interviewer's agenda is empty");
        store.cancel_schedule(s.id).unwrap();
        assert!(matches!(store.cancel_schedule(s.id), Err(StoreError::Conflict(_))));
        store.reject(app, RejectReason::Other, None, None).unwrap();
        assert!(matches!(store.schedule_interview(app, &panel(11, &["ivy"])), Err(StoreError::Conflict(_))));
        assert!(matches!(store.schedule(rolecall::domain::ScheduleId(99)), Err(StoreError::NotFound { .. })));
    }
}

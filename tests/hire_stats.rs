//! The dashboard's hiring figures (issue 17) on both backends: hired, time to hire
//! (median, p90), source of hire and offer acceptance, per role and across roles.

#[macro_use]
mod common;

use rolecall::domain::{FamilyId, LevelId, RejectReason, StageId};
use rolecall::store::{NewCandidate, Store};

const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'offer', 'Offer', 'Offer')",
];

/// Someone applied `days` before the test time, moved to Offer.
fn at_offer(
    store: &mut Store,
    name: &str,
    source: Option<&str>,
    days: i64,
) -> rolecall::domain::ApplicationId {
    let p = NewCandidate { name: name.into(), source: source.map(Into::into), ..NewCandidate::default() };
    let app = store.add_candidate_and_apply(&p, LevelId(1)).unwrap().application.id;
    let created = common::backends::test_time() - chrono::Duration::days(days);
    let created = rolecall::domain::clock::format_time(created);
    store
        .debug_execute(&format!("UPDATE applications SET created_at = '{created}' WHERE id = {app}"))
        .unwrap();
    store.move_to(app, StageId(2), None).unwrap();
    app
}

both_backends! {
    fn hiring_figures_per_role_and_across_roles(store: &mut Store) {
        for sql in ROLE {
            store.debug_execute(sql).unwrap();
        }
        let empty = store.hire_stats(Some(FamilyId(1))).unwrap();
        assert_eq!((empty.hired, empty.median_days, empty.offer_acceptance), (0, None, None));
        let a = at_offer(store, "Ana", Some("Referral"), 10);
        let b = at_offer(store, "Bo", Some("Referral"), 30);
        let c = at_offer(store, "Cy", None, 20);
        let d = at_offer(store, "Di", Some("LinkedIn"), 5);
        for app in [a, b, c] {
            store.hire(app, None).unwrap();
        }
        store.reject(d, RejectReason::Compensation, None, None).unwrap();
        let s = store.hire_stats(Some(FamilyId(1))).unwrap();
        assert_eq!(s.hired, 3);
        assert_eq!(s.median_days, Some(20.0));
        assert_eq!(s.p90_days, Some(30.0));
        assert_eq!(s.sources, [("Referral".to_string(), 2), ("unknown".to_string(), 1)]);
        assert_eq!(s.offer_acceptance, Some(0.75), "three hired of four offers ended");
        assert_eq!(store.hire_stats(None).unwrap(), s, "one role: the overview is the same");
    }
}

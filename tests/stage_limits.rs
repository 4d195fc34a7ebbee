//! Time limits per stage and `rolecall stale` (issue 17) on both backends: the list is
//! exactly the open applications past their stage's limit, checked against a query of
//! the test's own.

#[macro_use]
mod common;

use chrono::{DateTime, Duration, Utc};
use common::backends::Target;
use rolecall::domain::clock::parse_time;
use rolecall::domain::{ApplicationId, LevelId, RejectReason};
use rolecall::store::{NewCandidate, Store};
use std::collections::{BTreeSet, HashMap};

const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

/// What `ROLECALL_NOW` says in `Target::cmd`.
fn cli_now() -> DateTime<Utc> {
    parse_time("2026-03-02T10:00:00Z").unwrap()
}

fn add(store: &mut Store, name: &str, stage: i64, entered: &str) -> ApplicationId {
    let p =
        NewCandidate { name: name.into(), email: Some(format!("{name}@x.org")), ..NewCandidate::default() };
    let app = store.add_candidate_and_apply(&p, LevelId(1)).unwrap().application.id;
    store
        .debug_execute(&format!(
            "UPDATE applications SET stage_id = {stage}, stage_entered_at = '{entered}' WHERE id = {app}"
        ))
        .unwrap();
    app
}

/// The test's own answer: open applications whose time in stage is more than the limit
/// (Screen and Offer 5 days, Tech as set), from a plain query.
fn expected(store: &Store, tech: i64) -> BTreeSet<i64> {
    let limits: HashMap<String, i64> =
        [("Screen", 5), ("Tech", tech), ("Offer", 5)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let mut found = BTreeSet::new();
    for card in store.board(rolecall::domain::FamilyId(1), true).unwrap() {
        let app = store.application(card.id).unwrap();
        let open =
            matches!(app.status, rolecall::domain::AppStatus::Active | rolecall::domain::AppStatus::OnHold);
        let limit = Duration::days(limits[&app.stage_label]);
        if open && cli_now() - app.stage_entered_at.unwrap() > limit {
            found.insert(app.id.0);
        }
    }
    found
}

fn listed(target: &Target, args: &[&str]) -> BTreeSet<i64> {
    let mut all = vec!["stale"];
    all.extend(args);
    let list = target.json(&all);
    list.as_array().unwrap().iter().map(|s| s["application_id"].as_i64().unwrap()).collect()
}

both_backends! {
    fn stale_lists_exactly_the_open_applications_past_their_limit(target: &Target) {
        let mut store = target.store();
        for sql in ROLE {
            store.debug_execute(sql).unwrap();
        }
        let long = add(&mut store, "Ana", 1, "2026-02-20T10:00:00.000000Z");
        add(&mut store, "Bo", 1, "2026-02-26T10:00:00.000000Z");
        let edge = add(&mut store, "Cy", 1, "2026-02-25T10:00:00.000000Z");
        let tech = add(&mut store, "Di", 2, "2026-02-25T09:00:00.000000Z");
        let rejected = add(&mut store, "Ed", 3, "2026-02-20T09:00:00.000000Z");
        store.reject(rejected, RejectReason::Location, None, None).unwrap();
        let held = add(&mut store, "Flo", 1, "2026-02-01T09:00:00.000000Z");
        store.hold(held, None, None).unwrap();
        let mut other = target.store().with_actor("someone-else");
        let theirs = add(&mut other, "Gus", 3, "2026-02-24T09:00:00.000000Z");
        drop((store, other));

        let store = target.store();
        let first = listed(target, &[]);
        assert_eq!(first, expected(&store, 7));
        assert_eq!(first, BTreeSet::from([long.0, held.0, theirs.0]), "exactly five days is not past: {edge}");
        // A limit set on Tech (recorded with who and when) puts Di on the list.
        let set = target.json(&["limit", "eng", "Tech", "3"]);
        assert_eq!(set["days"], 3);
        let second = listed(target, &[]);
        assert_eq!(second, expected(&store, 3));
        assert!(second.contains(&tech.0));
        assert!(listed(target, &["--role", "eng"]) == second);
        let mine = listed(target, &["--mine"]);
        if target.is_postgres() {
            // On a server the command line acts as its login, which wrote none of these.
            assert!(mine.is_empty(), "{mine:?}");
        } else {
            assert!(!mine.contains(&theirs.0) && mine.contains(&long.0), "{mine:?}");
        }
        let limits = target.json(&["limit", "eng"]);
        let days: Vec<i64> = limits.as_array().unwrap().iter().map(|l| l["days"].as_i64().unwrap()).collect();
        assert_eq!(days, [5, 3, 5]);
        let out = target.run(&["limit", "eng", "Tech", "0"]);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

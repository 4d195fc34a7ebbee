//! On PostgreSQL an event's time is the server's clock and its actor the login
//! (`session_user`), whatever the laptop's clock or `$USER` say; a clock set explicitly
//! (tests, `ROLECALL_NOW`) still wins. Against the throw-away server of `common/pg.rs`.
#![cfg(feature = "postgres")]

mod common;

use chrono::{DateTime, Utc};
use common::pg;
use rolecall::domain::{LevelId, StageId};
use rolecall::store::{NewCandidate, Store};

const ROLE: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at)
     VALUES ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'interview', 'Tech', 'Tech'), (1, 3, 'offer', 'Offer', 'Offer')",
];

/// A login that may read and write rolecall's tables (as a team server's users would).
fn login(db: &pg::TestDb, who: &str) -> String {
    let role = format!("{}_{who}", db.name);
    let mut admin = db.client();
    admin
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'pw-{who}';
             GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};"
        ))
        .expect("create a login");
    db.url_for(&role, Some(&format!("pw-{who}")))
}

fn server_now(db: &pg::TestDb) -> DateTime<Utc> {
    db.client().query_one("SELECT now()", &[]).unwrap().get(0)
}

#[test]
fn events_carry_the_login_and_the_servers_time() {
    let Some(db) = pg::database() else { return };
    let owner = Store::open_target(&db.url).expect("open as the owner (migrates)");
    for sql in ROLE {
        owner.debug_execute(sql).unwrap();
    }
    let (alice_url, bob_url) = (login(&db, "alice"), login(&db, "bob"));
    let mut alice = Store::open_target(&alice_url).expect("alice opens");
    let mut bob = Store::open_target(&bob_url).expect("bob opens");
    assert_eq!(alice.actor(), format!("{}_alice", db.name), "the actor is the login, not $USER");
    assert_eq!(bob.actor(), format!("{}_bob", db.name));
    let before = server_now(&db);
    let new = NewCandidate { name: "Ada".into(), ..NewCandidate::default() };
    let applied = alice.add_candidate_and_apply(&new, LevelId(1)).unwrap();
    let moved = bob.move_to(applied.application.id, StageId(2), Some(applied.application.version)).unwrap();
    let after = server_now(&db);
    // Alice's view is now stale: her move is refused.
    let stale =
        alice.move_to(applied.application.id, StageId(3), Some(applied.application.version)).unwrap_err();
    assert!(stale.to_string().contains("changed by someone else"), "{stale}");
    let history = owner.history(moved.application.id).unwrap();
    let actors: Vec<&str> = history.iter().map(|e| e.actor.as_str()).collect();
    assert_eq!(actors, [alice.actor(), bob.actor()]);
    for e in &history {
        assert!(before <= e.at && e.at <= after, "event time {} is the server's ({before} .. {after})", e.at);
    }
    let person = owner.candidate(applied.application.candidate_id).unwrap();
    let created = person.created_at.expect("a time");
    assert!(before <= created && created <= after, "{created}");
}

#[test]
fn a_clock_set_explicitly_wins_over_the_servers() {
    let Some(db) = pg::database() else { return };
    let fixed = chrono::TimeZone::with_ymd_and_hms(&Utc, 2020, 5, 4, 3, 2, 1).unwrap();
    let mut store =
        Store::open_target(&db.url).unwrap().with_clock(Box::new(rolecall::domain::FixedClock(fixed)));
    let id = store.add_candidate(&NewCandidate { name: "Bo".into(), ..NewCandidate::default() }).unwrap();
    assert_eq!(store.candidate(id).unwrap().created_at, Some(fixed));
}

//! The schema's guards hold on both backends: the same statements, run on a migrated
//! SQLite database and on a migrated PostgreSQL one, are refused or allowed alike — the
//! event log is append-only (an erased person's notes may only be scrubbed), erasure is
//! final, one open application per person per role, a request id is written once, and
//! the checks, keys and foreign keys refuse bad rows.
#![cfg(feature = "postgres")]

mod common;

use common::pg;
use rolecall::store::pg as store_pg;

/// Run one statement; the database's error message if it is refused.
trait Db {
    fn run(&mut self, sql: &str) -> Result<(), String>;
    fn count(&mut self, sql: &str) -> i64;
}

impl Db for rusqlite::Connection {
    fn run(&mut self, sql: &str) -> Result<(), String> {
        self.execute_batch(sql).map_err(|e| e.to_string())
    }
    fn count(&mut self, sql: &str) -> i64 {
        self.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

impl Db for postgres::Client {
    fn run(&mut self, sql: &str) -> Result<(), String> {
        self.batch_execute(sql)
            .map_err(|e| e.as_db_error().map_or(e.to_string(), |d| d.message().to_string()))
    }
    fn count(&mut self, sql: &str) -> i64 {
        self.query_one(sql, &[]).unwrap().get(0)
    }
}

const T: &str = "'2026-03-01T09:00:00.000000Z'";

fn seed() -> String {
    format!(
        "INSERT INTO families (id, slug, title, source, content_hash, position, imported_at)
             VALUES (1, 'f', 'F', 'f.md', 'h', 0, {T});
         INSERT INTO levels (id, family_id, position, title) VALUES (1, 1, 0, 'Junior'), (2, 1, 1, 'Senior');
         INSERT INTO stages (id, family_id, position, kind, label, full_text) VALUES (1, 1, 0, 'interview', 'S', 'S');
         INSERT INTO candidates (id, name, name_key, created_at, updated_at)
             VALUES (1, 'Ann', 'ann', {T}, {T}), (2, 'Bob', 'bob', {T}, {T});
         INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, stage_entered_at, created_at, updated_at)
             VALUES (1, 1, 1, 1, 1, 'active', {T}, {T}, {T});
         INSERT INTO events (id, at, actor, kind, candidate_id, application_id, note)
             VALUES (1, {T}, 'me', 'applied', 1, 1, 'called Ann'), (2, {T}, 'me', 'note', 2, NULL, 'met Bob');"
    )
}

/// What must happen to a statement: refused with words containing the text ("" for any
/// refusal, as SQLite and PostgreSQL word check and key failures differently), or allowed.
enum Expect {
    Refused(&'static str),
    Allowed,
}
use Expect::{Allowed, Refused};

fn cases() -> Vec<(String, Expect)> {
    let app = |id: i64, cand: i64, level: i64, status: &str| {
        format!(
            "INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, stage_entered_at, created_at, updated_at)
                 VALUES ({id}, {cand}, 1, {level}, 1, '{status}', {T}, {T}, {T})"
        )
    };
    let append_only = "events are append-only";
    let event = |id: i64, request: Option<&str>| {
        let request = request.map_or("NULL".to_string(), |r| format!("'{r}'"));
        format!(
            "INSERT INTO events (id, at, actor, kind, candidate_id, note, request_id)
                 VALUES ({id}, {T}, 'me', 'note', 2, 'n', {request})"
        )
    };
    vec![
        ("UPDATE events SET kind = 'moved' WHERE id = 1".into(), Refused(append_only)),
        ("UPDATE events SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 2".into(), Refused(append_only)),
        // Not erased: even the note may not be scrubbed.
        ("UPDATE events SET note = '[erased]' WHERE id = 1".into(), Refused(append_only)),
        ("DELETE FROM events WHERE id = 1".into(), Refused(append_only)),
        ("DELETE FROM events".into(), Refused(append_only)),
        // Erased: the note, and only the note, may become the placeholder.
        ("UPDATE candidates SET erased = true, name = '[erased]', name_key = '' WHERE id = 1".into(), Allowed),
        ("UPDATE events SET note = 'something else' WHERE id = 1".into(), Refused(append_only)),
        ("UPDATE events SET note = '[erased]', actor = 'x' WHERE id = 1".into(), Refused(append_only)),
        ("UPDATE events SET note = '[erased]', request_id = 'r' WHERE id = 1".into(), Refused(append_only)),
        ("UPDATE events SET note = '[erased]' WHERE id = 1".into(), Allowed),
        ("UPDATE events SET note = '[erased]' WHERE id = 2".into(), Refused(append_only)),
        // Erasure is final.
        ("UPDATE candidates SET name = 'Ann again' WHERE id = 1".into(), Refused("erased and cannot be changed")),
        ("UPDATE candidates SET erased = false WHERE id = 1".into(), Refused("erased and cannot be changed")),
        ("UPDATE candidates SET name = 'Robert' WHERE id = 2".into(), Allowed),
        // One open application per person per role.
        (app(2, 1, 2, "active"), Refused("already has an open application")),
        (app(2, 1, 2, "rejected"), Allowed),
        ("UPDATE applications SET status = 'on_hold' WHERE id = 2".into(), Refused("already has an open application")),
        ("UPDATE applications SET status = 'withdrawn' WHERE id = 1".into(), Allowed),
        ("UPDATE applications SET status = 'active' WHERE id = 2".into(), Allowed),
        // Checks, unique keys, foreign keys.
        (app(3, 2, 1, "pending"), Refused("")),
        (app(3, 1, 2, "rejected"), Refused("")),
        ("INSERT INTO stages (family_id, position, kind, label, full_text) VALUES (1, 1, 'party', 'x', 'x')".into(), Refused("")),
        ("INSERT INTO level_items (level_id, kind, position, text) VALUES (1, 'wish', 0, 'x')".into(), Refused("")),
        ("INSERT INTO families (slug, title, source, content_hash, position, imported_at) VALUES ('f', 'G', 'g.md', 'h', 1, '2026-03-01T09:00:00.000000Z')".into(), Refused("")),
        ("INSERT INTO events (at, actor, kind, candidate_id) VALUES ('2026-03-01T09:00:00.000000Z', 'me', 'note', 99)".into(), Refused("")),
        (format!("INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, created_at, event_id) VALUES (1, 1, 'Eve', '2026-03-01', 5, {T}, 1)"), Refused("")),
        (format!("INSERT INTO interviews (id, application_id, stage_id, interviewer, held_on, recommendation, created_at, event_id) VALUES (1, 1, 1, 'Eve', '2026-03-01', 4, {T}, 1)"), Allowed),
        ("INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES (1, 0, 'x', 0)".into(), Refused("")),
        ("INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES (1, 0, 'x', NULL)".into(), Allowed),
        // A request id is written once (exactly-once retries find it); NULLs never collide.
        (event(3, Some("req-1")), Allowed),
        (event(4, Some("req-1")), Refused("")),
        (event(4, None), Allowed),
    ]
}

/// Run every case on `db`; one line per case that did not go as expected.
fn check(name: &str, db: &mut dyn Db) -> Vec<String> {
    db.run(&seed()).unwrap_or_else(|e| panic!("{name}: seed: {e}"));
    let mut wrong = Vec::new();
    for (sql, expect) in cases() {
        match (db.run(&sql), expect) {
            (Ok(()), Allowed) => {}
            (Err(e), Refused(words)) if e.contains(words) => {}
            (got, Allowed) => wrong.push(format!("{name}: allowed expected for `{sql}`, got {got:?}")),
            (got, Refused(words)) => {
                wrong.push(format!("{name}: refusal ('{words}') expected for `{sql}`, got {got:?}"))
            }
        }
    }
    let counts = (
        db.count("SELECT count(*) FROM events"),
        db.count("SELECT count(*) FROM events WHERE note = '[erased]'"),
    );
    if counts != (4, 1) {
        wrong.push(format!("{name}: (events, scrubbed notes) = {counts:?}, expected (4, 1)"));
    }
    wrong
}

#[test]
fn the_guards_hold_alike_on_both_backends() {
    let Some(db) = pg::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rolecall.db");
    drop(rolecall::store::Store::open(&path).unwrap());
    let mut sqlite = rusqlite::Connection::open(&path).unwrap();
    sqlite.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let mut client = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut client).unwrap();
    let mut wrong = check("SQLite", &mut sqlite);
    wrong.extend(check("PostgreSQL", &mut client));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn postgres_refuses_truncating_the_log() {
    let Some(db) = pg::database() else { return };
    let mut client = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut client).unwrap();
    client.run(&seed()).unwrap();
    for sql in ["TRUNCATE events CASCADE", "TRUNCATE candidates, events CASCADE"] {
        let err = client.run(sql).unwrap_err();
        assert!(err.contains("events are append-only"), "{sql}: {err}");
    }
    assert_eq!(client.count("SELECT count(*) FROM events"), 2);
}

#[test]
fn two_writers_at_once_cannot_both_open_an_application() {
    // SQLite has one writer at a time; PostgreSQL runs both, and without the trigger's
    // lock neither would see the other's row. The second must wait and then be refused.
    let Some(db) = pg::database() else { return };
    let mut first = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut first).unwrap();
    first.run(&seed()).unwrap();
    let insert = |id: i64, level: i64| {
        format!(
            "INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, stage_entered_at, created_at, updated_at)
                 VALUES ({id}, 2, 1, {level}, 1, 'active', {T}, {T}, {T})"
        )
    };
    first.run(&format!("BEGIN; {}", insert(10, 1))).expect("the first insert runs");
    let url = db.url.clone();
    let second_sql = insert(11, 2);
    let second = std::thread::spawn(move || {
        let mut client = store_pg::connect(&url).unwrap();
        client.run(&format!("BEGIN; {second_sql}; COMMIT"))
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    first.run("COMMIT").unwrap();
    let outcome = second.join().unwrap();
    assert!(
        outcome.as_ref().is_err_and(|e| e.contains("already has an open application")),
        "the second writer must be refused, got {outcome:?}"
    );
    assert_eq!(first.count("SELECT count(*) FROM applications WHERE candidate_id = 2"), 1);
}

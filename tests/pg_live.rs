//! Live refresh and exactly-once on PostgreSQL (issue 15, items 3 and 5), against a real
//! server (`scripts/pg-cluster`): a commit that changes what a board shows notifies
//! channel 'rolecall' once per table, and a transaction that rolls back notifies nothing.
#![cfg(feature = "postgres")]

mod common;

use common::pg;
use rolecall::store::pg as store_pg;
use std::time::Duration;

const T: &str = "'2026-03-01T09:00:00.000000Z'";

const SEED: &str = "INSERT INTO families (id, slug, title, source, content_hash, position, imported_at)
        VALUES (1, 'f', 'F', 'f.md', 'h', 0, '2026-03-01T09:00:00Z');
    INSERT INTO levels (id, family_id, position, title) VALUES (1, 1, 0, 'Junior');
    INSERT INTO stages (id, family_id, position, kind, label, full_text)
        VALUES (1, 1, 0, 'interview', 'S', 'S'), (2, 1, 1, 'offer', 'Offer', 'Offer');
    INSERT INTO candidates (id, name, name_key, created_at, updated_at)
        VALUES (1, 'Ann', 'ann', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z');
    INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, stage_entered_at, created_at, updated_at)
        VALUES (1, 1, 1, 1, 1, 'active', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z');";

/// The payloads of the notifications `listener` has received within `wait`, sorted.
fn received(listener: &mut postgres::Client, wait: Duration) -> Vec<String> {
    let mut payloads = Vec::new();
    let mut notifications = listener.notifications();
    let mut iter = notifications.timeout_iter(wait);
    while let Some(n) = postgres::fallible_iterator::FallibleIterator::next(&mut iter).unwrap() {
        assert_eq!(n.channel(), "rolecall");
        payloads.push(n.payload().to_string());
    }
    payloads.sort();
    payloads
}

#[test]
fn a_commit_notifies_once_per_table_and_a_rollback_not_at_all() {
    let Some(db) = pg::database() else { return };
    let mut writer = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut writer).unwrap();
    writer.batch_execute(SEED).unwrap();
    let mut listener = store_pg::connect(&db.url).unwrap();
    listener.batch_execute("LISTEN rolecall").unwrap();

    // A move: the row and its event, in one transaction with two statements on events.
    let at = T;
    writer
        .batch_execute(&format!(
            "BEGIN;
             UPDATE applications SET stage_id = 2, version = version + 1 WHERE id = 1;
             INSERT INTO events (at, actor, kind, candidate_id, application_id) VALUES ({at}, 'me', 'moved', 1, 1);
             INSERT INTO events (at, actor, kind, candidate_id, application_id) VALUES ({at}, 'me', 'note', 1, 1);
             COMMIT"
        ))
        .unwrap();
    assert_eq!(received(&mut listener, Duration::from_millis(500)), ["applications", "events"]);

    writer
        .batch_execute(&format!(
            "BEGIN;
             UPDATE applications SET stage_id = 1 WHERE id = 1;
             INSERT INTO events (at, actor, kind, candidate_id, application_id) VALUES ({at}, 'me', 'moved', 1, 1);
             ROLLBACK"
        ))
        .unwrap();
    assert_eq!(received(&mut listener, Duration::from_millis(300)), Vec::<String>::new());

    // Renaming a person and importing a role change what a board shows too.
    writer.batch_execute("UPDATE candidates SET name = 'Anna' WHERE id = 1").unwrap();
    writer.batch_execute("UPDATE stages SET label = 'Screen' WHERE id = 1").unwrap();
    assert_eq!(received(&mut listener, Duration::from_millis(500)), ["candidates", "stages"]);
}

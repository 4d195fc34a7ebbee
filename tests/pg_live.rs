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

/// A watch on `url` whose changes arrive on the returned receiver.
fn watch(
    url: &str,
    own_pid: Option<i32>,
) -> (rolecall::store::Watcher, std::sync::mpsc::Receiver<rolecall::store::Change>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = rolecall::store::watch_server(url, own_pid, Box::new(move |c| tx.send(c).is_ok()))
        .expect("start watching");
    (watcher, rx)
}

const MOVE: &str = "BEGIN;
    UPDATE applications SET version = version + 1 WHERE id = 1;
    INSERT INTO events (at, actor, kind, candidate_id, application_id) VALUES (now(), 'me', 'moved', 1, 1);
    COMMIT";

#[test]
fn the_watch_calls_back_once_per_commit_of_another_session_and_leaves_its_own_out() {
    use rolecall::store::Change;
    let Some(db) = pg::database() else { return };
    let mut writer = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut writer).unwrap();
    writer.batch_execute(SEED).unwrap();
    let mut own = store_pg::connect(&db.url).unwrap();
    let own_pid: i32 = own.query_one("SELECT pg_backend_pid()", &[]).unwrap().get(0);
    let (watcher, changes) = watch(&db.url, Some(own_pid));

    let started = std::time::Instant::now();
    writer.batch_execute(MOVE).unwrap();
    let change = changes.recv_timeout(Duration::from_secs(5)).expect("a change is announced");
    assert_eq!(change, Change::Committed(vec!["applications".into(), "events".into()]));
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

    // The store's own connection's commits are its own news: left out.
    own.batch_execute(MOVE).unwrap();
    assert!(changes.recv_timeout(Duration::from_millis(400)).is_err(), "own commits are left out");

    // Once dropped, the watch stops: its thread ends and its connection goes.
    drop(watcher);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let listening: i64 = writer
            .query_one("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN rolecall' AND datname = current_database()", &[])
            .unwrap()
            .get(0);
        if listening == 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the watch connection is still open");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_lost_watch_is_reported_and_made_again() {
    use rolecall::store::Change;
    let Some(db) = pg::database() else { return };
    let mut writer = store_pg::connect(&db.url).unwrap();
    store_pg::migrate(&mut writer).unwrap();
    writer.batch_execute(SEED).unwrap();
    let (_watcher, changes) = watch(&db.url, None);
    let killed: i64 = writer
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN rolecall' AND datname = current_database()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(killed, 1);
    let lost = changes.recv_timeout(Duration::from_secs(5)).expect("the loss is reported");
    assert!(matches!(lost, Change::Lost(_)), "{lost:?}");
    assert_eq!(changes.recv_timeout(Duration::from_secs(5)), Ok(Change::Resumed));
    writer.batch_execute(MOVE).unwrap();
    assert!(matches!(changes.recv_timeout(Duration::from_secs(5)), Ok(Change::Committed(_))));
}

#[test]
fn a_store_on_a_server_watches_it_and_one_on_a_file_has_nothing_to_push() {
    use rolecall::store::{Change, Store};
    let Some(db) = pg::database() else { return };
    let store = Store::open_target(&db.url).expect("open the server");
    db.client().batch_execute(SEED).unwrap();
    let (tx, changes) = std::sync::mpsc::channel();
    let _watcher =
        store.watch(Box::new(move |c| tx.send(c).is_ok())).unwrap().expect("a server pushes its changes");
    // The store's own commit is not news to it; another session's is.
    store.debug_execute("UPDATE applications SET version = version + 1 WHERE id = 1").unwrap();
    assert!(changes.recv_timeout(Duration::from_millis(400)).is_err(), "own commits are left out");
    db.client().batch_execute(MOVE).unwrap();
    let change = changes.recv_timeout(Duration::from_secs(5)).expect("another session's commit");
    assert_eq!(change, Change::Committed(vec!["applications".into(), "events".into()]));

    let dir = tempfile::tempdir().unwrap();
    let file = Store::open(&dir.path().join("rolecall.db")).unwrap();
    assert!(file.watch(Box::new(|_| true)).unwrap().is_none(), "SQLite keeps data_version");
}

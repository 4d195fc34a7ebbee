//! Both backends create the same schema: after every migration, the same tables, columns
//! (with equivalent types, nullability and defaults), primary keys, unique keys, foreign
//! keys, checks, indexes and triggers — read back from SQLite (`sqlite_master`,
//! `pragma_*`) and from a real PostgreSQL (`information_schema`, the catalogue).
#![cfg(feature = "postgres")]

mod common;
mod schema_shape;

use common::pg;
use rolecall::store::pg as store_pg;
use schema_shape::{Shape, Trigger, differences, postgres_side, sqlite_side};

/// The SQLite migrations, in order, as files.
fn sqlite_migrations() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// The tables whose changes notify channel 'rolecall' from version 6 on.
const NOTIFYING: [&str; 6] = ["families", "levels", "stages", "candidates", "applications", "events"];

/// The append-only logs migration 7 adds.
const APPEND_ONLY_SINCE_7: [&str; 3] = ["pipeline_edits", "handbook_notices", "handbook_acks"];

/// The append-only owner logs migration 9 adds (issue 16).
const APPEND_ONLY_SINCE_9: [&str; 3] = ["role_owner_sets", "role_owner_people", "application_owners"];

/// The checks of a team server's writers migration 19 adds (table, trigger, when).
const WRITE_CHECKS_SINCE_19: [(&str, &str, &str); 8] = [
    ("events", "events_written", "BEFORE INSERT"),
    ("pipeline_edits", "pipeline_edits_written", "BEFORE INSERT"),
    ("stage_limits", "stage_limits_written", "BEFORE INSERT"),
    ("role_owner_sets", "role_owner_sets_written", "BEFORE INSERT"),
    ("handbook_acks", "handbook_acks_written", "BEFORE INSERT"),
    ("event_batches", "event_batches_written", "BEFORE INSERT"),
    ("applications", "applications_change_logged", "AFTER UPDATE"),
    ("candidates", "candidates_change_logged", "AFTER UPDATE"),
];

/// A scorecard written once with its event, and reasons rolecall knows (migration 28).
const WRITE_CHECKS_SINCE_28: [(&str, &str, &str, &[&str]); 4] = [
    ("interviews", "interviews_written", "BEFORE INSERT", &[]),
    ("interview_scores", "interview_scores_written", "BEFORE INSERT", &[]),
    ("events", "events_reason", "BEFORE INSERT", &[]),
    ("applications", "applications_reason", "BEFORE SEVERAL", &["reject_reason", "status"]),
];

/// Events backed by their change, owners, an application's fixed columns (migration 29).
const WRITE_CHECKS_SINCE_29: [(&str, &str, &str); 6] = [
    ("events", "events_written_as_rolecall", "BEFORE INSERT"),
    ("role_owner_people", "role_owner_people_checked", "BEFORE INSERT"),
    ("application_owners", "application_owners_checked", "BEFORE INSERT"),
    ("applications", "applications_written_as_rolecall", "BEFORE SEVERAL"),
    ("applications", "applications_applied", "AFTER INSERT"),
    ("candidates", "candidates_written_as_rolecall", "BEFORE SEVERAL"),
];

/// A change's event follows the log; an application keeps to its role (migration 30).
const WRITE_CHECKS_SINCE_30: [(&str, &str, &str); 2] = [
    ("events", "events_written_as_rolecall_change", "BEFORE INSERT"),
    ("applications", "applications_written_as_rolecall_place", "BEFORE SEVERAL"),
];

/// Scheduled interviews and their people, a person's events, a scorecard's interview, an
/// application's first stage and stage entry (migration 32).
const WRITE_CHECKS_SINCE_32: [(&str, &str, &str); 9] = [
    ("interviews", "interviews_scrubbed_only", "BEFORE UPDATE"),
    ("events", "events_written_as_rolecall_schedule", "BEFORE INSERT"),
    ("events", "events_completed", "AFTER INSERT"),
    ("interview_schedules", "interview_schedules_written_as_rolecall", "BEFORE SEVERAL"),
    ("interview_schedules", "interview_schedules_logged", "AFTER SEVERAL"),
    ("interview_schedule_people", "interview_schedule_people_written_as_rolecall", "BEFORE SEVERAL"),
    ("events", "events_written_as_rolecall_person", "BEFORE INSERT"),
    ("interviews", "interviews_written_scheduled", "BEFORE INSERT"),
    ("applications", "applications_written_as_rolecall_stage", "BEFORE SEVERAL"),
];

/// The schema objects PostgreSQL has and SQLite does not, each for a stated reason;
/// removed from the PostgreSQL shape (at schema `version`) after checking they are there.
fn without_postgres_only(mut shape: Shape, migrated: bool, version: i64) -> Shape {
    // TRUNCATE skips row triggers, so the log refuses it with a trigger of its own.
    let truncate = Trigger {
        table: "events".into(),
        name: "events_no_truncate".into(),
        event: "BEFORE TRUNCATE".into(),
        columns: vec![],
    };
    assert!(shape.triggers.remove(&truncate), "PostgreSQL's log refuses TRUNCATE");
    // The same for the logs of version 7 (pipeline edits, handbook notices and their
    // acknowledgements) and of version 9 (owners).
    let logs = APPEND_ONLY_SINCE_7.iter().filter(|_| version >= 7);
    let logs = logs.chain(APPEND_ONLY_SINCE_9.iter().filter(|_| version >= 9)).copied();
    {
        for table in logs {
            let truncate = Trigger {
                table: table.into(),
                name: format!("{table}_no_truncate"),
                event: "BEFORE TRUNCATE".into(),
                columns: vec![],
            };
            assert!(shape.triggers.remove(&truncate), "{table} refuses TRUNCATE");
        }
    }
    // Live refresh: a commit that changes what a board shows notifies open TUIs (SQLite
    // has PRAGMA data_version instead). Statement triggers on several events each.
    if version >= 6 {
        for table in NOTIFYING {
            let notify = Trigger {
                table: table.into(),
                name: format!("{table}_notify"),
                event: "AFTER SEVERAL".into(),
                columns: vec![],
            };
            assert!(shape.triggers.remove(&notify), "{table} notifies on a change");
        }
    }
    // Who writes the log and when, and no change without its event (migration 19): a
    // SQLite file has one user. The transaction that wrote each event is the server's.
    if version >= 19 {
        for (table, name, event) in WRITE_CHECKS_SINCE_19 {
            let check =
                Trigger { table: table.into(), name: name.into(), event: event.into(), columns: vec![] };
            assert!(shape.triggers.remove(&check), "{table} checks its writer: {name}");
        }
        for (table, name, event, columns) in WRITE_CHECKS_SINCE_28.iter().filter(|_| version >= 28) {
            let columns = columns.iter().map(|c| c.to_string()).collect();
            let check = Trigger {
                table: table.to_string(),
                name: name.to_string(),
                event: event.to_string(),
                columns,
            };
            assert!(shape.triggers.remove(&check), "{table} checks what is written: {name}");
        }
        let since_30 = WRITE_CHECKS_SINCE_30.iter().filter(|_| version >= 30);
        let since_32 = WRITE_CHECKS_SINCE_32.iter().filter(|_| version >= 32);
        let since_29 = WRITE_CHECKS_SINCE_29.iter().filter(|_| version >= 29);
        for (table, name, event) in since_29.chain(since_30).chain(since_32) {
            let check = Trigger {
                table: table.to_string(),
                name: name.to_string(),
                event: event.to_string(),
                columns: vec![],
            };
            assert!(shape.triggers.remove(&check), "{table} checks what is written: {name}");
        }
        // The server numbers every row a login writes (migration 32): a trigger per table.
        if version >= 32 {
            let numbered: Vec<Trigger> = shape
                .triggers
                .iter()
                .filter(|t| t.name == format!("{}_0_numbered", t.table))
                .cloned()
                .collect();
            for table in ["events", "applications", "role_owner_sets", "application_owners", "interviews"] {
                assert!(numbered.iter().any(|t| t.table == table), "{table} numbers its rows");
            }
            for t in numbered {
                shape.triggers.remove(&t);
            }
        }
        let events = shape.tables.get_mut("events").expect("the log");
        let before = events.columns.len();
        events.columns.retain(|c| c.name != "xact");
        assert_eq!(events.columns.len(), before - 1, "events.xact");
    }
    // The migration record (SQLite keeps the version in PRAGMA user_version).
    if migrated {
        assert!(shape.tables.remove("rolecall_migrations").is_some(), "the migration record");
    }
    shape
}

#[test]
fn every_migration_gives_the_same_schema_on_both_backends() {
    let Some(db) = pg::database() else { return };
    let files = sqlite_migrations();
    let names: Vec<&str> = store_pg::MIGRATIONS.iter().map(|(n, _)| *n).collect();
    let file_names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, file_names, "one PostgreSQL twin per SQLite migration, same names, same order");

    let sqlite = rusqlite::Connection::open_in_memory().unwrap();
    let mut sqlite_shapes = Vec::new();
    for (_, sql) in &files {
        sqlite.execute_batch(sql).unwrap();
        sqlite_shapes.push(sqlite_side::shape(&sqlite));
    }
    let mut postgres_shapes = Vec::new();
    store_pg::run_each(&mut db.client(), |client, _| {
        postgres_shapes.push(postgres_side::shape(client));
        Ok(())
    })
    .expect("the PostgreSQL migrations run");

    assert_eq!(postgres_shapes.len(), sqlite_shapes.len());
    for (version, (s, p)) in sqlite_shapes.iter().zip(postgres_shapes).enumerate() {
        let diff = differences(s, &without_postgres_only(p, false, version as i64 + 1));
        assert!(diff.is_empty(), "schema version {} differs:\n{}", version + 1, diff.join("\n"));
    }
    let last = sqlite_shapes.last().unwrap();
    assert!(last.tables.len() >= 9 && last.indexes.len() >= 15 && last.triggers.len() >= 5, "{last:?}");
}

#[test]
fn the_store_and_the_postgres_migrations_agree() {
    let Some(db) = pg::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rolecall.db");
    drop(rolecall::store::Store::open(&path).expect("open a SQLite store"));
    let sqlite = sqlite_side::shape(&rusqlite::Connection::open(&path).unwrap());

    let mut client = store_pg::connect(&db.url).expect("connect");
    store_pg::migrate(&mut client).expect("migrate");
    let postgres = without_postgres_only(postgres_side::shape(&mut client), true, store_pg::LATEST_VERSION);
    let diff = differences(&sqlite, &postgres);
    assert!(diff.is_empty(), "the schemas differ:\n{}", diff.join("\n"));
}

#[test]
fn a_difference_is_found_and_named() {
    // The comparison itself can fail: a column made nullable on one side is reported.
    let Some(db) = pg::database() else { return };
    let mut client = db.client();
    store_pg::migrate(&mut client).unwrap();
    client.batch_execute("ALTER TABLE candidates ALTER COLUMN name_key DROP NOT NULL").unwrap();
    client.batch_execute("CREATE INDEX extra ON events(kind)").unwrap();
    let sqlite = rusqlite::Connection::open_in_memory().unwrap();
    for (_, sql) in sqlite_migrations() {
        sqlite.execute_batch(&sql).unwrap();
    }
    let diff = differences(
        &sqlite_side::shape(&sqlite),
        &without_postgres_only(postgres_side::shape(&mut client), true, store_pg::LATEST_VERSION),
    );
    assert_eq!(diff.len(), 2, "{diff:?}");
    assert!(diff[0].starts_with("candidates.name_key: ") && diff[0].contains("not_null: false"), "{diff:?}");
    assert!(diff[1].contains("index only on PostgreSQL") && diff[1].contains("extra"), "{diff:?}");
}

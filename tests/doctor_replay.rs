//! `doctor`'s event-log check (issue 20: one streamed pass over the log) still finds each
//! way a row can disagree with its events, on both backends: a status, and an event
//! naming another person than its application's.

#[macro_use]
mod common;

use common::backends::{Backend, Target};
use serde_json::Value;

/// Change the database behind rolecall's back, as a careless hand would.
fn tamper(target: &Target, sql: &str) {
    match target.backend() {
        Backend::Sqlite => {
            let conn = rusqlite::Connection::open(target.file().expect("a file")).expect("open raw");
            conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        Backend::Postgres => {
            // The server refuses an event about another person (migration 0019's
            // `events_written`): a hand with the owner's rights switches that off first.
            let sql = format!(
                "ALTER TABLE events DISABLE TRIGGER events_written; {sql}
                 ALTER TABLE events ENABLE TRIGGER events_written;"
            );
            #[cfg(feature = "postgres")]
            target
                .pg()
                .expect("a server")
                .client()
                .batch_execute(&sql)
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        }
    }
}

/// The doctor's exit code and its finding of `check` (severity, message).
fn doctor(target: &Target, check: &str) -> (Option<i32>, String, String) {
    let out = target.run(&["doctor", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let found = report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == check));
    let found = found.cloned().unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (out.status.code(), text(&found["severity"]), text(&found["message"]))
}

fn doctor_names_rows_that_disagree_with_their_events(target: &Target) {
    let out = target.run(&["demo", "--candidates", "30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, severity, message) = doctor(target, "event-log");
    assert_eq!(severity, "ok", "{message}");
    assert!(message.contains("applications equal the replay of their events"), "{message}");

    tamper(
        target,
        "UPDATE applications SET status = CASE WHEN status = 'withdrawn' THEN 'rejected' ELSE 'withdrawn' END,
                reject_reason = NULL WHERE id = 1;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
         VALUES ('2026-03-02T10:00:00.000000Z', 'tester', 'note',
                 (SELECT MAX(c.id) FROM candidates c WHERE c.id <> (SELECT candidate_id FROM applications WHERE id = 3)),
                 3, 'filed under the wrong person');",
    );
    let (code, severity, message) = doctor(target, "event-log");
    assert_eq!(code, Some(6), "{message}");
    assert_eq!(severity, "problem", "{message}");
    assert!(message.contains("2 applications disagree with their event log"), "{message}");
    assert!(message.contains("application 1: row says stage"), "{message}");
    assert!(message.contains("1 events name another candidate than their application's"), "{message}");
}

both_backends!(doctor_names_rows_that_disagree_with_their_events);

/// The foreign-key check streams each table once against its parents' keys; it must
/// find what `PRAGMA foreign_key_check` finds, row for row.
#[test]
fn doctor_finds_every_dangling_reference_the_pragma_finds() {
    let target = Target::sqlite();
    let out = target.run(&["demo", "--candidates", "30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, severity, message) = doctor(&target, "foreign-keys");
    assert_eq!(severity, "ok", "{message}");
    tamper(
        &target,
        "PRAGMA foreign_keys = OFF;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, note, undoes)
         VALUES ('2026-03-02T10:00:00.000000Z', 'tester', 'note', 9999, NULL, 'nobody', 99999);
         UPDATE interviews SET level_id = 4242 WHERE id = 1;
         UPDATE applications SET stage_id = 777 WHERE id = 5;",
    );
    let conn = rusqlite::Connection::open(target.file().expect("a file")).expect("open raw");
    let pragma: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok(format!(
                    "{} row {} → {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?
                ))
            })?
            .collect()
        })
        .expect("pragma");
    assert_eq!(pragma.len(), 4, "{pragma:?}");
    let (code, severity, message) = doctor(&target, "foreign-keys");
    assert_eq!((code, severity.as_str()), (Some(6), "problem"), "{message}");
    assert!(message.starts_with("4 dangling references: "), "{message}");
    for broken in &pragma {
        assert!(message.contains(broken.as_str()), "{broken} in {message}");
    }
}

/// Doctor only reads: a write-ahead log another process left behind (committed, not yet
/// copied in) stays where it is, and the database file is unchanged byte for byte.
#[test]
fn doctor_leaves_the_file_as_it_was() {
    let target = Target::sqlite();
    let out = target.run(&["demo", "--candidates", "30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = target.file().expect("a file");
    {
        let writer = rusqlite::Connection::open(&file).expect("open raw");
        writer
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .expect("no checkpoint on close");
        writer
            .execute_batch(
                "PRAGMA wal_autocheckpoint = 0; UPDATE candidates SET notes = 'later' WHERE id = 1;",
            )
            .expect("write");
    }
    let wal = file.with_extension("db-wal");
    let before = std::fs::read(&file).expect("read");
    let wal_before = std::fs::metadata(&wal).expect("a log left behind").len();
    assert!(wal_before > 0);
    let (_, severity, message) = doctor(&target, "event-log");
    assert_eq!(severity, "ok", "{message}");
    assert!(std::fs::read(&file).expect("read") == before, "doctor changed the database file");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).ok(), Some(wal_before));
}

/// The finding of `check` in a doctor's JSON report, as (severity, message).
fn finding(report: &Value, check: &str) -> (String, String) {
    let found = report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == check));
    let found = found.cloned().unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (text(&found["severity"]), text(&found["message"]))
}

/// An event whose kind or time cannot be read is a finding naming it, and the replay
/// goes on with the rest (it used to stop there: the event log "could not be checked").
#[test]
fn doctor_names_unreadable_events_and_replays_the_rest() {
    let target = Target::sqlite();
    let out = target.run(&["demo", "--candidates", "30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tamper(
        &target,
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
         SELECT '2026-03-02T10:00:00.000000Z', 'tester', 'teleported', candidate_id, id, 'bad kind'
         FROM applications WHERE id = 2;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
         SELECT 'yesterday', 'tester', 'note', candidate_id, id, 'bad time' FROM applications WHERE id = 3;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
         VALUES ('2026-03-02T10:00:00.000000Z', 'tester', 'note',
                 (SELECT MAX(c.id) FROM candidates c WHERE c.id <> (SELECT candidate_id FROM applications WHERE id = 4)),
                 4, 'read after the unreadable ones');",
    );
    let conn = rusqlite::Connection::open(target.file().expect("a file")).expect("open raw");
    let bad: Vec<i64> = conn
        .prepare("SELECT id FROM events WHERE note IN ('bad kind', 'bad time') ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("ids");
    let out = target.run(&["doctor", "--json"]);
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let (severity, message) = finding(&report, "event-log");
    assert_eq!(severity, "problem", "{message}");
    assert!(message.contains("2 events cannot be read"), "{message}");
    assert!(message.contains(&format!("#{}, #{}", bad[0], bad[1])), "{bad:?} in {message}");
    assert!(message.contains("1 events name another candidate than their application's"), "{message}");
    for check in ["schema", "integrity", "foreign-keys", "erasure", "text", "open-apps"] {
        assert_eq!(finding(&report, check).0, "ok", "{check}: {report:#}");
    }
}

/// The pass reads the event log (with the replay, on a thread of its own) and every
/// other table apart: a stray byte in either, in a column the replay reads or not, is
/// still named, as are the log's dangling references.
#[test]
fn doctor_checks_the_text_of_the_log_and_of_the_other_tables() {
    let target = Target::sqlite();
    let out = target.run(&["demo", "--candidates", "30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tamper(
        &target,
        "PRAGMA foreign_keys = OFF;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
         SELECT '2026-03-02T10:00:00.000000Z', 'tester', 'note', candidate_id, id, CAST(X'6F6BFF' AS TEXT)
         FROM applications WHERE id = 2;
         INSERT INTO events (at, actor, kind, candidate_id, application_id, to_stage_id)
         SELECT CAST(X'32C3' AS TEXT), 'tester', 'note', candidate_id, id, 4242 FROM applications WHERE id = 3;
         UPDATE interview_scores SET requirement = CAST(X'FE' AS TEXT) WHERE id = 1;
         UPDATE interview_scores SET interview_id = 99999 WHERE id = 2;",
    );
    let out = target.run(&["doctor", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let (severity, message) = finding(&report, "text");
    assert_eq!(severity, "problem", "{message}");
    assert!(message.starts_with("3 stored texts are not valid UTF-8"), "{message}");
    assert!(message.contains(": note") && message.contains(": at"), "{message}");
    assert!(message.contains("interview_scores row 1: requirement"), "{message}");
    // Schema order, as the pragma lists them: the log before the scores.
    let (severity, message) = finding(&report, "foreign-keys");
    assert_eq!(severity, "problem", "{message}");
    assert!(message.starts_with("2 dangling references: events row"), "{message}");
    assert!(message.contains("→ stages; interview_scores row 2 → interviews"), "{message}");
    let (_, message) = finding(&report, "event-log");
    assert!(message.contains("1 events cannot be read"), "{message}");
}

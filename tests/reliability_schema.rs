//! Hostile and mislabelled schemas (issue 12, items 2 and 7): doctor names every object
//! that differs from what the migrations create, every command refuses a file whose
//! version it cannot trust in one line, and restore refuses what is not a rolecall backup.

mod reliability;

use reliability::{rolecall, seeded_db};
use rusqlite::Connection;
use serde_json::Value;
use std::path::Path;

/// Change the file behind rolecall's back, as a hostile or careless hand would.
fn tamper(db: &Path, sql: &str) {
    let conn = Connection::open(db).expect("open raw");
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn doctor(db: &Path) -> (Option<i32>, Value) {
    let out = rolecall(db).args(["doctor", "--json"]).output().expect("doctor");
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn schema_finding(report: &Value) -> (String, String) {
    let f = report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == "schema"));
    let f = f.unwrap_or(&Value::Null);
    (f["severity"].as_str().unwrap_or("").into(), f["message"].as_str().unwrap_or("").into())
}

/// The hostile changes of the issue, each with a word the doctor's finding must name.
const CHANGES: &[(&str, &str, &str)] = &[
    (
        "extra trigger on candidates",
        "CREATE TRIGGER lower_email AFTER INSERT ON candidates BEGIN
             UPDATE candidates SET email = 'attacker@example.com' WHERE id = NEW.id; END;",
        "unexpected trigger 'lower_email' on 'candidates'",
    ),
    (
        "a copy of personal data in a hidden table",
        "CREATE TABLE shadow (name TEXT, email TEXT);
         CREATE TRIGGER copy_people AFTER INSERT ON candidates BEGIN
             INSERT INTO shadow VALUES (NEW.name, NEW.email); END;",
        "unexpected table 'shadow'",
    ),
    (
        "events replaced by a view",
        "PRAGMA foreign_keys = OFF; DROP TABLE events;
         CREATE VIEW events AS SELECT 1 AS id, '' AS at, '' AS actor, '' AS kind, 1 AS candidate_id;",
        "'events' is a view, rolecall's is a table",
    ),
    ("a missing index", "DROP INDEX events_candidate;", "index 'events_candidate' on 'events' is missing"),
    (
        "a wrong user_version",
        "PRAGMA user_version = 3;",
        "it says schema version 3, but its tables are those of version {latest}",
    ),
    (
        "a rewritten trigger of the same name",
        "DROP TRIGGER events_no_delete;
         CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END;",
        "trigger 'events_no_delete' on 'events' differs",
    ),
    (
        "a trigger that raises",
        "CREATE TRIGGER no_moves BEFORE UPDATE ON applications BEGIN SELECT RAISE(ABORT, 'no'); END;",
        "unexpected trigger 'no_moves' on 'applications'",
    ),
    ("a negative user_version", "PRAGMA user_version = -1;", "-1, is not one rolecall writes"),
];

/// `text` with `{latest}` replaced by the schema version this build writes.
fn latest(text: &str) -> String {
    text.replace("{latest}", &rolecall::store::LATEST_VERSION.to_string())
}

#[test]
fn doctor_flags_each_change_to_the_schema_and_passes_a_clean_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = dir.path().join("clean.db");
    seeded_db(&clean, 2);
    let (code, report) = doctor(&clean);
    let (severity, message) = schema_finding(&report);
    assert_eq!(severity, "ok", "{report:#}");
    assert!(message.contains("as rolecall creates them"), "{message}");
    assert!(report["findings"].as_array().is_some_and(|f| f.iter().all(|f| f["severity"] != "problem")));
    let _ = code; // the temp directory's mode may draw a permissions warning

    for (i, (what, sql, named)) in CHANGES.iter().enumerate() {
        let db = dir.path().join(format!("changed-{i}.db"));
        seeded_db(&db, 2);
        tamper(&db, sql);
        let (code, report) = doctor(&db);
        assert_eq!(code, Some(6), "{what}: {report:#}");
        let (severity, message) = schema_finding(&report);
        assert_eq!(severity, "problem", "{what}: {report:#}");
        let named = latest(named);
        assert!(message.contains(&named), "{what}: expected '{named}' in: {message}");
    }
}

#[test]
fn every_command_refuses_a_schema_it_cannot_trust_in_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: &[(&str, &str)] = &[
        ("PRAGMA user_version = -1;", "is not one rolecall writes"),
        ("PRAGMA user_version = 0;", "no rolecall schema version (0)"),
        ("PRAGMA user_version = 2;", "its tables are those of version {latest}"),
        (CHANGES[2].1, "'events' is a view"),
        ("ALTER TABLE families RENAME COLUMN career_ladder TO ladder;", "column 'career_ladder' is missing"),
    ];
    for (i, (sql, said)) in cases.iter().enumerate() {
        let db = dir.path().join(format!("odd-{i}.db"));
        seeded_db(&db, 1);
        tamper(&db, sql);
        let before = std::fs::read(&db).expect("read");
        for args in
            [&["board", "--print"][..], &["roles"], &["candidate", "list"], &["stats"], &["hold", "1"]]
        {
            let out = rolecall(&db).args(args).output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(5), "{sql} {args:?}: {stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "{sql} {args:?}: one line, got: {stderr}");
            let said = latest(said);
            assert!(stderr.contains(&said) && stderr.contains("rolecall doctor"), "{sql} {args:?}: {stderr}");
            assert!(!stderr.contains("CREATE"), "no SQL in the message: {stderr}");
        }
        assert_eq!(std::fs::read(&db).expect("read"), before, "{sql}: the file is untouched");
    }
}

#[test]
fn a_database_at_an_older_version_with_its_own_shape_is_still_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("old.db");
    // Version 3 as an older rolecall wrote it: its own migrations, nothing after them.
    let migrations = [
        include_str!("../migrations/0001_init.sql"),
        include_str!("../migrations/0002_interviews.sql"),
        include_str!("../migrations/0003_erasure.sql"),
    ];
    tamper(&db, &format!("{} PRAGMA user_version = 3;", migrations.join("\n")));
    let (_, report) = doctor(&db);
    assert_eq!(schema_finding(&report).0, "warning", "{report:#}");
    let out = rolecall(&db).args(["board", "--print"]).output().expect("board");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, report) = doctor(&db);
    assert_eq!(schema_finding(&report).0, "ok", "{report:#}");
}

#[test]
fn restore_refuses_what_is_not_a_rolecall_backup_and_leaves_both_files_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    seeded_db(&db, 2);
    let good = dir.path().join("good.db");
    assert!(rolecall(&db).arg("backup").arg(&good).output().expect("backup").status.success());

    let stranger = dir.path().join("stranger.db");
    tamper(&stranger, "CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT); PRAGMA user_version = 4;");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all\n".repeat(100)).expect("write");
    let mut bad: Vec<(std::path::PathBuf, &str)> = vec![(stranger, "differs"), (text, "cannot be read")];
    for (name, sql, said) in [
        ("trigger", CHANGES[0].1, "unexpected trigger 'lower_email'"),
        ("table", "CREATE TABLE extra (x);", "unexpected table 'extra'"),
        ("version", "PRAGMA user_version = 2;", "differs from rolecall's version 2"),
        ("zero", "PRAGMA user_version = 0;", "schema version 0"),
        (
            "dangling",
            "PRAGMA foreign_keys = OFF; UPDATE applications SET candidate_id = 99 WHERE id = 1;",
            "foreign key",
        ),
    ] {
        let path = dir.path().join(format!("bad-{name}.db"));
        std::fs::copy(&good, &path).expect("copy");
        tamper(&path, sql);
        bad.push((path, said));
    }
    let files = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        names.sort();
        names
    };
    for (backup, said) in &bad {
        let (live, copy, listing) = (std::fs::read(&db).ok(), std::fs::read(backup).ok(), files(dir.path()));
        let out = rolecall(&db).arg("restore").arg(backup).arg("--force").output().expect("restore");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", backup.display());
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains("not a rolecall backup") && stderr.contains(said), "{said}: {stderr}");
        assert_eq!(std::fs::read(&db).ok(), live, "the live database is untouched");
        assert_eq!(std::fs::read(backup).ok(), copy, "the backup file is untouched");
        assert_eq!(files(dir.path()), listing, "no file created or removed");
    }
    let out = rolecall(&db).arg("restore").arg(&good).arg("--force").output().expect("restore");
    assert!(out.status.success(), "a real backup still restores: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_stray_byte_in_a_stored_name_is_shown_lossily_and_doctor_names_the_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bytes.db");
    seeded_db(&db, 3);
    tamper(
        &db,
        "UPDATE candidates SET name = CAST(X'416E61FF5275697A' AS TEXT) WHERE id = 1;
         UPDATE levels SET title = CAST(X'5365C3' AS TEXT) WHERE id = (SELECT level_id FROM applications WHERE id = 1);
         UPDATE stages SET label = CAST(X'FE' AS TEXT) WHERE id = (SELECT stage_id FROM applications WHERE id = 1);",
    );
    for args in [
        &["board", "--print"][..],
        &["board", "--print", "--role", "it-program-management-office"],
        &["export", "-f", "csv"],
        &["export", "-f", "json"],
        &["stats"],
        &["history", "1"],
        &["candidate", "list"],
        &["roles"],
    ] {
        let out = rolecall(&db).args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
    let out = rolecall(&db).args(["export", "-f", "csv"]).output().expect("export");
    let csv = String::from_utf8(out.stdout).expect("the export itself is UTF-8");
    assert!(csv.contains("Ana\u{FFFD}Ruiz"), "{csv}");

    let (_, report) = doctor(&db);
    let text = report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == "text"));
    let text = text.cloned().unwrap_or(Value::Null);
    assert_eq!(text["severity"], "problem", "{report:#}");
    let message = text["message"].as_str().unwrap_or("");
    assert!(
        message.contains("candidates row 1: name")
            && message.contains(": title")
            && message.contains(": label"),
        "{message}"
    );
}

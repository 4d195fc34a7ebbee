//! Privacy: after `candidate erase`, nothing the person told us is anywhere in the
//! database files (main file, write-ahead log, shared memory), byte for byte, while the
//! anonymous history still yields the same statistics.

mod reliability;

use reliability::rolecall;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn run(db: &Path, args: &[&str]) -> Value {
    let out = rolecall(db).args(args).arg("--json").output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// The database and its companions, as they are on disk now.
fn files(db: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(bytes) = std::fs::read(&p) {
            out.push((p, bytes));
        }
    }
    out
}

/// Where `needle` (as given, or lowercased) occurs in the files.
fn occurrences(db: &Path, needle: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for form in [needle.to_string(), needle.to_lowercase()] {
        for (path, bytes) in files(db) {
            if bytes.windows(form.len()).any(|w| w == form.as_bytes()) {
                hits.push(format!("'{form}' in {}", path.display()));
            }
        }
    }
    hits
}

#[test]
fn erased_person_is_found_nowhere_in_the_database_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    // In a directory rolecall creates (0700), so the doctor has nothing to warn about.
    let db = dir.path().join("data").join("private.db");
    let secrets = [
        "zq.secret@example.org",
        "zq.old-address@example.org",
        "Zanzibar",
        "Quixote",
        "+1 555 0199 7788",
        "Yolanda Brightwater",
        "salary expectation 123456",
        "asked to pause until the wedding",
        "brilliant at whiteboarding",
        "relocating to Lisbon",
    ];
    let person = run(
        &db,
        &[
            "candidate",
            "add",
            "Zanzibar Quixote",
            "--email",
            secrets[1],
            "--phone",
            secrets[4],
            "--source",
            "referral by Yolanda Brightwater",
            "--notes",
            "salary expectation 123456",
        ],
    );
    let id = person["id"].as_i64().expect("id").to_string();
    run(&db, &["candidate", "add", "Other Person", "--email", "other@example.org"]);
    // The email is changed once, so the old one lies in freed space unless scrubbed.
    run(&db, &["candidate", "edit", &id, "--email", secrets[0]]);
    let applied = run(&db, &["apply", &id, "--role", "it-program-management-office", "--level", "Staff"]);
    let app = applied["application"]["id"].as_i64().expect("app").to_string();
    run(&db, &["apply", "Other Person", "--role", "it-program-management-office", "--level", "Staff"]);
    run(&db, &["move", &app, "--next"]);
    run(&db, &["hold", &app, "--note", "Quixote asked to pause until the wedding"]);
    run(&db, &["resume", &app]);
    run(
        &db,
        &[
            "outcome",
            &app,
            "--interviewer",
            "Pat Panel",
            "--recommend",
            "yes",
            "--notes",
            "brilliant at whiteboarding",
        ],
    );
    run(&db, &["reject", &app, "--reason", "location", "--note", "relocating to Lisbon"]);
    // The end of today: every event so far, the same instant for both runs.
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let stats_before = run(&db, &["stats", "--as-of", &today]);
    let present: usize = secrets.iter().map(|s| occurrences(&db, s).len()).sum();
    assert!(present > 0, "the scan finds the data before erasure");

    // Another rolecall has the database open (idle, like a TUI between refreshes), so the
    // write-ahead log is not removed when the erasing process exits.
    let _open_elsewhere = rolecall::store::Store::open(&db).expect("second connection");
    let erased = run(&db, &["candidate", "erase", &id, "--yes"]);
    assert_eq!(erased["purged"], Value::Bool(true), "{erased}");
    assert!(erased["event_notes"].as_i64() >= Some(2), "{erased}");
    assert_eq!(erased["interview_notes"], 1, "{erased}");

    let leaks: Vec<String> = secrets.iter().flat_map(|s| occurrences(&db, s)).collect();
    assert!(leaks.is_empty(), "erased data still on disk: {leaks:?}");
    let stats_after = run(&db, &["stats", "--as-of", &today]);
    assert_eq!(stats_before, stats_after, "funnel statistics unchanged by erasure");
    let other = run(&db, &["candidate", "show", "other@example.org"]);
    assert_eq!(other["name"], "Other Person", "nobody else is touched");
    let history = run(&db, &["history", &app]);
    let kinds: Vec<&str> =
        history.as_array().expect("events").iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["applied", "moved", "held", "resumed", "interview_recorded", "rejected"]);
    let doctor = rolecall(&db).args(["doctor"]).output().expect("doctor");
    assert!(doctor.status.success(), "{}", String::from_utf8_lossy(&doctor.stdout));
}

#[test]
fn erasure_without_yes_and_without_a_terminal_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("ask.db");
    run(&db, &["candidate", "add", "Kept Person", "--email", "kept@example.org"]);
    let out = rolecall(&db).args(["candidate", "erase", "kept@example.org"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    assert_eq!(run(&db, &["candidate", "show", "kept@example.org"])["name"], "Kept Person");
    let again = rolecall(&db).args(["candidate", "erase", "1", "--yes"]).output().expect("run");
    assert!(again.status.success());
    let twice = rolecall(&db).args(["candidate", "erase", "1", "--yes"]).output().expect("run");
    assert_eq!(twice.status.code(), Some(0), "erasing twice scrubs again (issue 12, item 4)");
    assert!(String::from_utf8_lossy(&twice.stdout).contains("already erased; scrubbed again"));
    let edit = rolecall(&db).args(["candidate", "edit", "1", "--name", "Back Again"]).output().expect("run");
    assert_eq!(edit.status.code(), Some(4), "an erased person cannot be filled in again");
}

//! `restore` never silently loses work: anything the live database holds and the backup
//! lacks (a person, an imported role, an application, an interview, an event, an erasure)
//! makes it refuse without `--force`, naming what would be lost, with the live file
//! untouched byte for byte; a restore always keeps a safety copy and says where.

mod reliability;

use reliability::{assert_healthy, rolecall, seeded_db};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Output;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn run(db: &Path, args: &[&str]) -> Output {
    rolecall(db).args(args).output().expect("run")
}

fn ok(db: &Path, args: &[&str]) -> Output {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read");
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn safety_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".before-restore"))
        .collect();
    found.sort();
    found
}

/// Restore `backup` without --force: refused with exit 4, the message names `lost`, and
/// the live file is unchanged byte for byte.
fn assert_refused(db: &Path, backup: &Path, lost: &str) {
    let before = sha256(db);
    let out = rolecall(db).arg("restore").arg(backup).output().expect("restore");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains(lost) && stderr.contains("--force"), "expected '{lost}' in: {stderr}");
    assert_eq!(sha256(db), before, "a refused restore leaves the live file as it was");
}

#[test]
fn new_people_and_imported_roles_are_not_dropped_silently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    let old = dir.path().join("old.db");
    ok(&db, &["roles"]);
    ok(&db, &["backup", old.to_str().expect("utf-8")]);
    ok(&db, &["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    let pages = shared().join("corpus/pages");
    // 3 of the 45 pages are not role pages and are refused (exit 2); 42 roles import.
    let imported = run(&db, &["import", pages.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&imported.stderr).contains("3 of 45"), "{imported:?}");
    assert_refused(&db, &old, "1 candidate, 42 roles not in the backup");
    assert!(safety_copies(dir.path()).is_empty(), "a refusal writes nothing");

    let out = ok(&db, &["restore", old.to_str().expect("utf-8"), "--force", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let copy = PathBuf::from(report["safety_copy"].as_str().expect("a safety copy is always kept"));
    assert_eq!(safety_copies(dir.path()), vec![copy.clone()]);
    assert_eq!(report["discarded"]["candidates"], 1);
    assert_eq!(report["discarded"]["roles"], 42);
    let listed = run(&copy, &["candidate", "list", "--json"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Ana Ruiz"), "the copy holds the dropped work");
    let now = run(&db, &["candidate", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&now.stdout).contains("Ana Ruiz"));
    assert_healthy(&db);
}

#[test]
fn an_interview_an_application_and_an_erasure_each_count_as_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    let apps = seeded_db(&db, 2);
    let app = apps[0].to_string();

    let b1 = dir.path().join("b1.db");
    ok(&db, &["backup", b1.to_str().expect("utf-8")]);
    ok(&db, &["outcome", &app, "--interviewer", "Kim", "--recommend", "yes"]);
    assert_refused(&db, &b1, "1 interview");

    let b2 = dir.path().join("b2.db");
    ok(&db, &["backup", b2.to_str().expect("utf-8")]);
    ok(&db, &["candidate", "erase", "Person 1", "--yes"]);
    assert_refused(&db, &b2, "1 erasure");

    let b3 = dir.path().join("b3.db");
    ok(&db, &["backup", b3.to_str().expect("utf-8")]);
    ok(&db, &["candidate", "add", "Bo Lind"]);
    ok(&db, &["apply", "Bo Lind", "--role", "director-it-operations", "--level", "Sr. Director"]);
    assert_refused(&db, &b3, "1 candidate, 1 application, 1 event");
    // Nothing newer: restoring the latest backup needs no --force, and still keeps a copy.
    let b4 = dir.path().join("b4.db");
    ok(&db, &["backup", b4.to_str().expect("utf-8")]);
    let out = ok(&db, &["restore", b4.to_str().expect("utf-8")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("saved at") && text.contains(".before-restore"), "{text}");
}

#[test]
fn a_backup_of_another_database_with_the_same_ids_is_not_taken_for_this_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    let other = dir.path().join("other.db");
    seeded_db(&other, 3);
    let other_backup = dir.path().join("other-backup.db");
    ok(&other, &["backup", other_backup.to_str().expect("utf-8")]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    seeded_db(&db, 3);
    assert_refused(&db, &other_backup, "3 candidates");
}

/// `doctor` tells a user whose schema was tampered with to restore a backup: restore must
/// then be able to replace that database (with --force, since it cannot be compared), and
/// keep the tampered file byte for byte as the safety copy.
#[test]
fn a_database_with_a_schema_that_is_not_rolecall_s_can_be_restored_over_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    let old = dir.path().join("old.db");
    ok(&db, &["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    ok(&db, &["backup", old.to_str().expect("utf-8")]);
    ok(&db, &["candidate", "add", "Bo Chen", "--email", "bo@example.com"]);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "ALTER TABLE events RENAME TO events_old; CREATE VIEW events AS SELECT * FROM events_old;",
    )
    .expect("tamper");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").expect("checkpoint");
    drop(conn);
    assert_refused(&db, &old, "cannot be compared with the backup");
    let tampered = sha256(&db);

    let out = ok(&db, &["restore", old.to_str().expect("utf-8"), "--force"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let copies = safety_copies(dir.path());
    assert_eq!(copies.len(), 1, "one safety copy: {copies:?}");
    assert!(stdout.contains(&*copies[0].file_name().expect("name").to_string_lossy()), "{stdout}");
    assert_eq!(sha256(&copies[0]), tampered, "the safety copy is the tampered file as it was");
    assert_healthy(&db);
    let list = ok(&db, &["candidate", "list"]);
    let names = String::from_utf8_lossy(&list.stdout);
    assert!(names.contains("Ana Ruiz") && !names.contains("Bo Chen"), "{names}");
}

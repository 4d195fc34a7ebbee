//! `doctor`, `backup` and `restore` through the real binary.

mod reliability;

use reliability::{assert_healthy, rolecall, seeded_db};
use rolecall::store::{Severity, Store};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;

fn doctor(db: &Path) -> (Option<i32>, Value) {
    let out = rolecall(db).args(["doctor", "--json"]).output().expect("doctor");
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn finding<'a>(report: &'a Value, check: &str) -> &'a Value {
    report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == check)).unwrap_or(&Value::Null)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn events(db: &Path) -> i64 {
    Store::open_for_check(db).expect("open").event_count().expect("count")
}

#[test]
fn doctor_passes_a_sound_database_and_names_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("data").join("doc.db");
    seeded_db(&db, 3);
    std::fs::set_permissions(db.parent().expect("dir"), std::fs::Permissions::from_mode(0o700))
        .expect("chmod");
    let (code, report) = doctor(&db);
    assert_eq!(code, Some(0), "{report:#}");
    assert_eq!(report["healthy"], true);

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let (code, report) = doctor(&db);
    assert_eq!(code, Some(6));
    assert_eq!(finding(&report, "permissions")["severity"], "warning", "{report:#}");
    assert!(finding(&report, "permissions")["message"].as_str().is_some_and(|m| m.contains("chmod 600")));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");

    // A row changed behind the log's back (the log itself cannot be rewritten).
    Store::open(&db)
        .expect("open")
        .debug_execute("UPDATE applications SET status = 'hired' WHERE id = 1")
        .expect("tamper");
    let (code, report) = doctor(&db);
    assert_eq!(code, Some(6));
    let log = finding(&report, "event-log");
    assert_eq!(log["severity"], "problem", "{report:#}");
    assert!(log["message"].as_str().is_some_and(|m| m.contains("application 1")), "{log}");
    assert_eq!(finding(&report, "integrity")["severity"], "ok");
}

#[test]
fn doctor_on_a_missing_database_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nowhere.db");
    let out = rolecall(&db).arg("doctor").output().expect("doctor");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"));
    assert!(!db.exists());
}

#[test]
fn backups_taken_while_another_process_writes_are_consistent_and_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("live.db");
    seeded_db(&db, 8);
    let mut churn = rolecall(&db)
        .args(["debug-churn", "--count", "100000000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer");
    let mut last = 0;
    for i in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(60));
        let copy = dir.path().join(format!("backup-{i}.db"));
        let out = rolecall(&db).args(["backup"]).arg(&copy).arg("--json").output().expect("backup");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(mode(&copy), 0o600);
        let store = Store::open_for_check(&copy).expect("backup opens");
        for f in store.health().expect("health") {
            assert!(f.severity != Severity::Problem, "backup {i}: {}: {}", f.check, f.message);
        }
        let n = store.event_count().expect("count");
        assert!(n >= last, "backups only grow");
        last = n;
    }
    churn.kill().expect("stop writer");
    let _ = churn.wait();
    assert_healthy(&db);
    assert!(last > 8, "the writer was writing during the backups");
    let again = rolecall(&db).arg("backup").arg(dir.path().join("backup-0.db")).output().expect("backup");
    assert_eq!(again.status.code(), Some(4), "an existing backup is not replaced without --force");
}

#[test]
fn restore_refuses_to_lose_newer_work_unless_forced_and_keeps_a_safety_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("main.db");
    let apps = seeded_db(&db, 2);
    let copy = dir.path().join("monday.db");
    let out = rolecall(&db).arg("backup").arg(&copy).output().expect("backup");
    assert!(out.status.success());
    let at_backup = events(&db);
    let app = apps[0].to_string();
    assert!(rolecall(&db).args(["move", &app, "--next"]).output().expect("move").status.success());
    let newer = events(&db);

    let out = rolecall(&db).arg("restore").arg(&copy).output().expect("restore");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 event not in the backup"));
    assert_eq!(events(&db), newer, "nothing changed");

    let out = rolecall(&db).arg("restore").arg(&copy).arg("--force").arg("--json").output().expect("restore");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["discarded_events"], 1);
    let safety = Path::new(report["safety_copy"].as_str().expect("safety copy"));
    assert_eq!(mode(safety), 0o600);
    assert_eq!(events(safety), newer, "the safety copy holds the work the restore replaced");
    assert_eq!(events(&db), at_backup);
    assert_healthy(&db);
    let out = rolecall(&db).arg("restore").arg(dir.path().join("missing.db")).output().expect("restore");
    assert!(!out.status.success());
}

//! The maintenance commands with `--db postgres://…` (issue 15 items 6-8): restore a
//! SQLite file into a server and back up again, doctor on a server (healthy, then a
//! disabled guard and a row that disagrees with its log), purge's refusal for a login
//! that is not a superuser, and purge on a file.
#![cfg(feature = "postgres")]

mod common;

use assert_cmd::Command;
use common::pg;
use std::path::Path;

fn rolecall(db: &str) -> Command {
    let mut c = Command::cargo_bin("rolecall").expect("binary");
    c.env("ROLECALL_DB", db).env("ROLECALL_NOW", "2026-03-02T10:00:00Z").env("ROLECALL_ACTOR", "tester");
    c
}

/// Exit code, stdout, stderr.
fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn private_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    dir
}

fn demo(dir: &Path, people: u32) -> String {
    let laptop = dir.join("laptop.db").display().to_string();
    let (code, _, err) = run(rolecall(&laptop).args(["demo", "--candidates", &people.to_string()]));
    assert_eq!(code, Some(0), "{err}");
    laptop
}

#[test]
fn restore_backup_and_doctor_on_a_server_from_the_command_line() {
    let Some(server) = pg::database() else { return };
    let dir = private_dir();
    let laptop = demo(dir.path(), 60);
    let (code, out, err) = run(rolecall(&server.url).args(["restore", &laptop]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with(&format!("restored {laptop} (")), "{out}");
    // Again: the server now holds exactly the file, so nothing would be lost.
    let (code, out, err) = run(rolecall(&server.url).args(["restore", &laptop]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("what the server held is saved at"), "{out}");
    let back = dir.path().join("back.db").display().to_string();
    let (code, out, err) = run(rolecall(&server.url).args(["backup", &back]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("backed up ") && out.contains("mode 0600"), "{out}");
    let (code, _, err) = run(rolecall(&server.url).args(["backup", &back]));
    assert_eq!(code, Some(4), "an existing file needs --force: {err}");

    let (code, out, err) = run(rolecall(&server.url).arg("doctor"));
    assert_eq!(code, Some(0), "{out}{err}");
    for check in ["schema", "connection", "event-log", "erasure", "open-apps"] {
        assert!(out.contains(&format!("ok       {check}")), "{check}: {out}");
    }
    assert!(out.trim_end().ends_with("healthy"), "{out}");
    // Rewriting the files is a SQLite file's: on a server, one line naming what does it there.
    let (code, out, err) = run(rolecall(&server.url).args(["doctor", "--checkpoint"]));
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(err.contains("rolecall purge") && err.lines().count() == 1, "{err}");

    let mut admin = server.client();
    admin.batch_execute("ALTER TABLE events DISABLE TRIGGER events_no_update").unwrap();
    admin.batch_execute("UPDATE applications SET status = 'hired' WHERE id = (SELECT min(id) FROM applications WHERE status = 'rejected')").unwrap();
    let (code, out, _) = run(rolecall(&server.url).args(["doctor", "--json"]));
    assert_eq!(code, Some(6), "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let said = |check: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["check"] == check)
            .map(|f| {
                (f["severity"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string())
            })
            .unwrap()
    };
    let (severity, message) = said("schema");
    assert_eq!(severity, "problem");
    assert!(message.contains("trigger events_no_update is disabled"), "{message}");
    let (severity, message) = said("event-log");
    assert_eq!(severity, "problem");
    assert!(message.contains("row says") && message.contains("hired"), "{message}");
}

#[test]
fn purge_needs_a_superuser_and_says_so_in_one_line() {
    let Some(server) = pg::database() else { return };
    let mut admin = server.client();
    admin
        .batch_execute(&format!(
            // CREATEROLE: migrating a new database creates the access roles (0011) when
            // they are not there yet; pat is still no superuser.
            "CREATE ROLE pat LOGIN CREATEROLE PASSWORD 'pat-pw'; GRANT ALL ON DATABASE {} TO pat; GRANT ALL ON SCHEMA public TO pat",
            server.name
        ))
        .unwrap();
    let (code, _, err) = run(rolecall(&server.url_for("pat", Some("pat-pw"))).arg("purge"));
    assert_eq!(code, Some(5), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("purge needs a superuser login") && err.contains("pat is not one"), "{err}");
    assert!(!err.contains("pat-pw"), "{err}");
}

#[test]
fn purge_on_a_file_rewrites_it() {
    let dir = private_dir();
    let laptop = demo(dir.path(), 5);
    let (code, out, err) = run(rolecall(&laptop).arg("purge"));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("done: file rewritten (VACUUM)") && out.contains("write-ahead log"), "{out}");
    let missing = dir.path().join("none.db").display().to_string();
    let (code, _, err) = run(rolecall(&missing).arg("purge"));
    assert_eq!(code, Some(3), "{err}");
    assert!(!Path::new(&missing).exists(), "purge creates no database");
}

#[test]
fn a_team_member_who_may_not_create_tables_opens_the_server() {
    let Some(server) = pg::database() else { return };
    let dir = private_dir();
    let laptop = demo(dir.path(), 10);
    let (code, _, err) = run(rolecall(&server.url).args(["restore", &laptop]));
    assert_eq!(code, Some(0), "{err}");
    // The README's grants: the data, not the schema.
    server
        .client()
        .batch_execute(
            "CREATE ROLE ana LOGIN PASSWORD 'ana-pw';
             REVOKE CREATE ON SCHEMA public FROM PUBLIC;
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ana;
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ana;",
        )
        .unwrap();
    let ana = server.url_for("ana", Some("ana-pw"));
    let back = dir.path().join("ana.db").display().to_string();
    let (code, _, err) = run(rolecall(&ana).args(["backup", &back]));
    assert_eq!(code, Some(0), "{err}");
}

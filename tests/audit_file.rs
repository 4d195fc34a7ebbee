//! Issue 19 on a SQLite file: `audit` lists who changed what (the name on each event),
//! and `access` says access to a file is its permission; the file is created 0600 and
//! `doctor` warns once others may read it.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn rolecall(db: &Path, actor: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("rolecall")
        .expect("binary")
        .env("ROLECALL_DB", db)
        .env("ROLECALL_ACTOR", actor)
        .env("ROLECALL_NOW", "2026-05-04T10:00:00Z")
        .args(args)
        .output()
        .expect("run");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn json(db: &Path, actor: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = rolecall(db, actor, &all);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn audit_lists_each_change_with_its_author_and_access_is_the_files_permission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rolecall.db");
    json(&db, "ana", &["candidate", "add", "Ada Lovelace", "--email", "ada@example.com"]);
    let applied = json(
        &db,
        "ben",
        &[
            "apply",
            "ada@example.com",
            "--role",
            "it-program-management-office",
            "--level",
            "Senior IT Program Manager",
        ],
    );
    let app = applied["application"]["id"].to_string();
    json(&db, "ana", &["note", &app, "called back"]);
    let who_did = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["audit"];
        all.extend_from_slice(args);
        let list = json(&db, "ana", &all);
        let pairs = list.as_array().unwrap().iter();
        pairs.map(|e| (e["actor"].as_str().unwrap().into(), e["kind"].as_str().unwrap().into())).collect()
    };
    let all = who_did(&[]);
    assert!(all.contains(&("ben".into(), "applied".into())), "{all:?}");
    assert!(all.contains(&("ana".into(), "note".into())), "{all:?}");
    assert_eq!(who_did(&["--user", "ben"]), [("ben".to_string(), "applied".to_string())]);
    assert!(who_did(&["--since", "2026-05-05"]).is_empty());
    let (code, _, err) = rolecall(&db, "ana", &["audit", "--since", "soon"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, text, _) = rolecall(&db, "ana", &["audit", "--user", "ben"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("ben") && text.contains("Ada Lovelace"), "{text}");

    for args in [&["access", "list"][..], &["access", "grant", "ben", "recruiter"]] {
        let (code, _, err) = rolecall(&db, "ana", args);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("access to it is the file's permission"), "{err}");
    }
    file_mode_is_checked(&db);
}

#[cfg(unix)]
fn file_mode_is_checked(db: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a new database is its user's alone");
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, out, _) = rolecall(db, "ana", &["doctor"]);
    assert_eq!(code, Some(6), "{out}");
    assert!(out.contains("readable by others"), "{out}");
}

#[cfg(not(unix))]
fn file_mode_is_checked(_db: &Path) {}

//! Moving in and out of a team server (issue 15 item 6): a SQLite demo restored into a
//! server and backed up again is the same database — every table, every id, every time
//! — and its as-of exports of past dates are byte for byte the same; a restore over
//! newer work on the server is refused without --force, as on SQLite.
#![cfg(feature = "postgres")]

mod common;

use assert_cmd::Command;
use common::pg;
use rolecall::store::pg::{self as store_pg, Environment};
use rusqlite::types::Value;
use std::path::Path;

fn rolecall(db: &Path) -> Command {
    let mut c = Command::cargo_bin("rolecall").expect("binary");
    c.env("ROLECALL_DB", db).env("ROLECALL_NOW", "2026-03-02T10:00:00Z").env("ROLECALL_ACTOR", "tester");
    c
}

fn run_ok(c: &mut Command) -> Vec<u8> {
    let out = c.output().expect("run");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{c:?}: {stderr}\n{stdout}");
    out.stdout
}

/// Every row of every table, in id order (the file's whole content as values).
fn rows(db: &Path) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {t} ORDER BY id")).unwrap();
            let n = stmt.column_count();
            let all = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (t, all)
        })
        .collect()
}

/// Three past days of the demo's history: early, middle, late.
fn three_dates(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let days: Vec<String> = conn
        .prepare("SELECT DISTINCT substr(at, 1, 10) FROM events ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(days.len() >= 3, "the demo spans days: {days:?}");
    vec![days[days.len() / 4].clone(), days[days.len() / 2].clone(), days[days.len() * 3 / 4].clone()]
}

fn export(db: &Path, date: &str, format: &str) -> Vec<u8> {
    run_ok(rolecall(db).args(["export", "--as-of", date, "--format", format]))
}

#[test]
fn a_demo_restored_into_a_server_and_backed_up_again_is_the_same_database() {
    let Some(server) = pg::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    // A private directory, as rolecall makes its own (doctor warns of an open one).
    std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let (laptop, back) = (dir.path().join("laptop.db"), dir.path().join("back.db"));
    run_ok(rolecall(&laptop).args(["demo", "--candidates", "200"]));
    let mut client = store_pg::connect_with(&server.url, &Environment::default()).unwrap();
    let report = store_pg::restore_from_file(&mut client, &laptop, false, dir.path()).expect("restore");
    assert_eq!(report.safety_copy, None, "the new server database held nothing");
    let summary = store_pg::backup_to_file(&mut client, &back, false).expect("backup");
    assert_eq!(summary.events, report.restored.events);
    assert_eq!(summary.last_event_id, report.restored.last_event_id);
    // The same rows with the same ids, times in the same text, flags as 0/1.
    assert_eq!(rows(&laptop), rows(&back));
    for date in three_dates(&laptop) {
        for format in ["json", "csv"] {
            assert_eq!(export(&laptop, &date, format), export(&back, &date, format), "{format} as of {date}");
        }
    }
    run_ok(rolecall(&back).arg("doctor"));
    // The sequences are past the restored ids: a new row gets the next id.
    let max: i64 = client.query_one("SELECT max(id) FROM candidates", &[]).unwrap().get(0);
    let next: i64 = client
        .query_one(
            "INSERT INTO candidates (name, name_key, created_at, updated_at)
             VALUES ('New', 'new', now(), now()) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(next, max + 1);
}

#[test]
fn newer_work_on_the_server_is_refused_without_force_and_kept_in_a_safety_copy() {
    let Some(server) = pg::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    run_ok(rolecall(&laptop).args(["demo", "--candidates", "20"]));
    let mut client = store_pg::connect_with(&server.url, &Environment::default()).unwrap();
    store_pg::restore_from_file(&mut client, &laptop, false, dir.path()).expect("first restore");
    client
        .batch_execute(
            "INSERT INTO candidates (name, name_key, email, created_at, updated_at)
             VALUES ('Late Arrival', 'late arrival', 'late@example.com', now(), now())",
        )
        .unwrap();
    let refused = store_pg::restore_from_file(&mut client, &laptop, false, dir.path()).expect_err("refused");
    let message = refused.error.to_string();
    assert!(message.contains("1 candidate not in the backup") && message.contains("--force"), "{message}");
    assert_eq!(refused.safety_copy, None);
    let count = |c: &mut postgres::Client| -> i64 {
        c.query_one("SELECT count(*) FROM candidates", &[]).unwrap().get(0)
    };
    assert_eq!(count(&mut client), 21, "nothing changed");
    let others: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("laptop.db"))
        .collect();
    assert!(others.is_empty(), "no safety copy or scratch file is left: {others:?}");

    let report = store_pg::restore_from_file(&mut client, &laptop, true, dir.path()).expect("forced");
    assert_eq!(count(&mut client), 20);
    assert_eq!(report.discarded.candidates, 1);
    let safety = report.safety_copy.expect("a safety copy");
    let kept: i64 = rusqlite::Connection::open(&safety)
        .unwrap()
        .query_row("SELECT count(*) FROM candidates WHERE email = 'late@example.com'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "the dropped work is in {}", safety.display());
}
